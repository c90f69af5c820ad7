import LedgerCore
import Testing
@testable import LedgerTUI

/// Home and End reach a list's ends on the evaluation screen too (they did nothing there), End the last row of a
/// register's page, and PgDn past the last page selects its last row (it had stayed at the top of the page).
@Suite struct ListEndsTests {
    @Test func homeAndEndReachTheEndsOfTheEvaluationsLists() throws {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation())
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        func lists() throws -> (items: Int, checks: Int) {
            guard case .evaluation(let e) = state.screen else { throw Failure("not on the evaluation screen") }
            return (e.items.selected, e.checks.selected)
        }
        let items = EvaluationScreenTests.evaluation().items.count
        press(&state, [.end])
        #expect(try lists() == (items - 1, 0))
        press(&state, [.home])
        #expect(try lists() == (0, 0))
        press(&state, [.tab, .end])
        #expect(try lists() == (0, 2))
        press(&state, [.home])
        #expect(try lists() == (0, 0))
    }

    @Test func endSelectsThePagesLastRowAndPgDnPastTheLastPageToo() throws {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三"), row(2, "李四"), row(3, "王五")]))
        func selected() throws -> Int {
            guard case .browser(let b) = state.screen else { throw Failure("not browsing") }
            return b.list.selected
        }
        press(&state, [.end])
        #expect(try selected() == 2)
        press(&state, [.up, .up])
        #expect(try selected() == 0)
        #expect(press(&state, [.pageDown]).count == 1)
        _ = reduce(&state, .pageLoaded(.survey, []))
        #expect(try selected() == 2 && state.message == "已到末页")
        #expect(press(&state, [.pageUp]).count == 1)
        _ = reduce(&state, .pageLoaded(.survey, []))
        #expect(try selected() == 0 && state.message == "已到首页")
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
