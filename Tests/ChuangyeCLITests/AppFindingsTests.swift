import Foundation
import Testing
@testable import ChuangyeCLI
@testable import LedgerCore
@testable import LedgerStore
@testable import LedgerTUI
import TerminalUI

/// The app, its reducer and its effects run against a real store: what a clerk sees on home, in the checks
/// screen and in a record's history, after deletes and imports.
struct AppFindingsTests {
    let today = Day(year: 2024, month: 12, day: 31)!

    func app() throws -> (AppDatabase, EffectRunner, AppState) {
        let database = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        try database.saveCommunity(Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区",
                                             labourForce: 100, period: Period.year(of: Day(year: 2024, month: 1, day: 1)!)))
        let state = AppState(width: 80, height: 24, operatorName: "王芳", today: today, rubrics: try Rubrics.all())
        return (database, EffectRunner(database: database), state)
    }

    func press(_ state: inout AppState, _ runner: EffectRunner, _ keys: [Key]) async {
        for key in keys {
            var pending = reduce(&state, .keyPressed(key))
            await runner.settle(&pending, state: &state)
        }
    }

    func start(_ state: inout AppState, _ runner: EffectRunner) async {
        var pending: [Effect] = [.loadCommunities]
        await runner.settle(&pending, state: &state)
        if state.dialog != nil { await press(&state, runner, [.escape]) } // no draft to recover in these tests
    }

    func screen(_ state: AppState) -> String { render(state).trimmedLines.joined(separator: "\n") }

    let zhang = ["name": "张三", "id_number": "630102199003070116", "education": "大专", "hukou": "城镇", "phone": "13912345678",
                 "categories": "其他", "status": "有创业意愿", "survey_date": "2024-03-15"]

    @Test func afterDeletingAPersonWithServicesHomeTheChecksScreenAndCheckAgree() async throws {
        var (database, runner, state) = try app()
        _ = try database.savePerson(zhang, community: "630102001")
        for date in ["2024-04-01", "2024-05-01", "2024-06-01"] {
            _ = try database.recordService(["service_date": date, "id_number": zhang["id_number"] ?? "", "service_type": "创业指导",
                                            "method": "窗口", "content": "讲解开业流程和补贴政策"], community: "630102001")
        }
        await start(&state, runner)
        #expect(screen(state).contains("各台账没有发现问题"))
        // The clerk deletes 张三 from the survey register: the dialog says what happens to his three services
        await press(&state, runner, [.character("4"), .character("D")])
        #expect(screen(state).contains("此人有3条服务记录"))
        await press(&state, runner, "迁出".map { .character($0) } + [.enter])
        #expect(try database.count(.survey, community: "630102001") == 0)
        // Home, the score, the checks screen and `check` all count the three services
        await press(&state, runner, [.escape])
        #expect(screen(state).contains("有错误的记录 3 条，有未确认警告的记录 0 条"), "\(screen(state))")
        #expect(state.facts[.errorRecords] == 3)
        let checked = RecordFindings.problemRecords(try database.checkAll(community: "630102001"))
        #expect(checked.errors == 3 && checked.warnings == 0)
        await press(&state, runner, [.character("5")])
        guard case .checks(let checks) = state.screen else { Issue.record("expected the checks screen"); return }
        #expect(Set(checks.items.filter { $0.severity == .error }.map(\.id)).count == 3)
        #expect(screen(state).contains("数据检查：错误3条"))
    }

    @Test func historyInTheAppIsNewestFirstAndUndoStepsBack() async throws {
        var (database, runner, state) = try app()
        let id = try #require(try database.savePerson(zhang, community: "630102001").saved?.id)
        for phone in ["13800001111", "13800002222"] {
            let token = try #require(try database.person(id: id)).token
            var fields = zhang
            fields["phone"] = phone
            _ = try database.savePerson(fields, community: "630102001", editing: token)
        }
        await start(&state, runner)
        await press(&state, runner, [.character("4"), .character("h")])
        guard case .history(let h) = state.screen else { Issue.record("expected the history"); return }
        #expect(h.lines.map(\.action) == ["update", "update", "insert"])
        #expect(h.lines.first?.changes.first?.new == "13800002222")
        // The new record's fields are in the register's order
        #expect(h.lines.last?.changes.prefix(2).map(\.field) == ["name", "id_number"])
        await press(&state, runner, [.character("u")])
        #expect(try database.person(id: id)?.person.phone == "13800001111")
        await press(&state, runner, [.character("u")])
        #expect(try database.person(id: id)?.person.phone == "13912345678")
        await press(&state, runner, [.character("u")])
        #expect(try database.person(id: id)?.person.phone == "13912345678")
        #expect(screen(state).contains("没有更早的修改可以撤销"), "\(screen(state))")
    }
}
