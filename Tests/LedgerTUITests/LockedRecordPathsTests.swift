import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// A record opened from 数据检查, 评分明细 or 评分计划 follows the register browser's rule: in a locked community it
/// opens read-only with the lock said above it (not in an edit form the store refuses only at F2), and Esc goes
/// back to the list it came from. Unlocked, the same path opens the edit form.
struct LockedRecordPathsTests {
    enum Path: String, CaseIterable, CustomTestStringConvertible {
        case checks, score, plan
        var testDescription: String { rawValue }
    }

    static let service = RegisterRow(id: 5, fields: ["name": "张三", "service_date": "2024-04-01", "service_type": "创业指导"],
                                     deleted: false, deletedReason: nil, errors: 0, warnings: 1)
    static let fields = ["service_date": "2024-04-01", "id_number": "630102199003070116", "service_type": "创业指导",
                         "method": "窗口", "content": "讲解开业流程和补贴政策", "staff": "王芳"]

    /// The app on the path's list with the service selected.
    static func onList(_ path: Path, locked: Bool) -> AppState {
        var state = homeState(width: 80, height: 24)
        if locked { _ = reduce(&state, .lockLoaded(community: testCommunity.code, LockedRecordTests.lock)) }
        switch path {
        case .checks:
            press(&state, [.character("5")])
            _ = reduce(&state, .checksLoaded([CheckItem(register: .service, id: 5, field: "service_date", severity: .warning,
                                                        message: "此人当天已有一条“创业指导”服务记录（第4号），可能重复登记",
                                                        code: "service.duplicate")]))
        case .score:
            press(&state, [.character("s")])
            _ = reduce(&state, .evidenceLoaded(title: "本期的服务", .service, [service]))
        case .plan:
            press(&state, [.character("7")])
            _ = reduce(&state, .planDetailsLoaded(PlanDetails(servicesMissing: 1)))
            _ = reduce(&state, .evidenceLoaded(title: "本期的服务", .service, [service]))
        }
        return state
    }

    static func open(_ state: inout AppState, _ path: Path) {
        let focus: String? = path == .checks ? "service_date" : nil
        #expect(press(&state, [.enter]) == [.openRecord(.service, id: 5, focus: focus)])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .service, id: 5, version: 1, originalFields: fields),
                                         accepted: [:], focus: focus))
    }

    static let readOnly = [
        " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
        "┌─ 八一路社区 服务台账 第5号记录（只读） ──────────────────────────────────────┐",
        "│ 台账已锁定（督导员 2024-12-31 签署初评）：只能查看；如需修改，请督导解锁     │",
        "│ 服务对象：630102199003070116                                                 │",
        "│ 服务日期：2024-04-01                                                         │",
        "│ 服务类型：创业指导                                                           │",
        "│ 服务方式：窗口                                                               │",
        "│ 服务内容：讲解开业流程和补贴政策                                             │",
        "│ 经办人：王芳                                                                 │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "│                                                                              │",
        "└──────────────────────────────────────────────────────────────────────────────┘",
        "",
        " ↑↓滚动  Esc返回（只读：台账已锁定）",
    ]

    @Test(arguments: Path.allCases)
    func aLockedRecordOpensReadOnlyAndEscGoesBackToTheList(path: Path) {
        var state = Self.onList(path, locked: true)
        let list = render(state)
        Self.open(&state, path)
        expectScreen(render(state), Self.readOnly)
        // Typing and F2 do nothing: there is no form to type into or save.
        #expect(press(&state, type("李") + [.function(2), .control("s")]).isEmpty)
        #expect(state.form == nil)
        expectScreen(render(state), Self.readOnly)
        press(&state, [.escape])
        #expect(state.screen.recordView == nil)
        expectScreen(render(state), list.trimmedLines)
    }

    /// The list says what Enter does there: 查看 in a locked community, 打开修改 (or 打开并定位) otherwise; nor does it
    /// offer accepting a group of warnings or starting a service it cannot.
    @Test(arguments: Path.allCases)
    func theListSaysEnterShowsTheRecordWhenLocked(path: Path) {
        let locked = render(Self.onList(path, locked: true)).trimmedLines
        let open = render(Self.onList(path, locked: false)).trimmedLines
        let footers: [Path: (locked: String, open: String)] = [
            .checks: (" ↑↓选择  Enter查看  Esc返回  F1帮助", " ↑↓选择  Enter打开并定位  a确认本组警告  Esc返回  F1帮助"),
            .score: (" ↑↓选择  Enter查看  Esc返回评分项  F1帮助", " ↑↓选择  Enter打开修改  Esc返回评分项  F1帮助"),
            .plan: (" ↑↓选择  Enter查看  Esc返回计划  F1帮助", " ↑↓选择  Enter打开修改  Esc返回计划  F1帮助"),
        ]
        #expect(locked.last == footers[path]?.locked)
        #expect(open.last == footers[path]?.open)
        if path != .checks {
            #expect(locked.contains { $0.contains("（共列出1条，Enter 查看）") })
            #expect(open.contains { $0.contains("（共列出1条，Enter 打开修改）") })
        }
    }

    @Test(arguments: Path.allCases)
    func unlockedTheSamePathOpensTheEditForm(path: Path) throws {
        var state = Self.onList(path, locked: false)
        Self.open(&state, path)
        let form = try #require(state.form)
        #expect(form.spec.kind == .service && form.editing?.id == 5)
    }
}
