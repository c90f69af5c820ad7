import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Other clerks' saves announced by the store (`storeChanged`) and the store's connection (`connectionChanged`,
/// `effectLostConnection`): what is read again, what is never touched, what the status line says.
struct LiveRefreshTests {
    static let other = "630102002"

    @Test func homeReadsTheFiguresAgainOnlyForItsOwnCommunity() {
        var state = homeState()
        #expect(reduce(&state, .storeChanged([testCommunity.code])) == [.loadFacts(community: testCommunity.code), .loadCommunities])
        #expect(reduce(&state, .storeChanged([])) == [.loadFacts(community: testCommunity.code), .loadCommunities])
        #expect(reduce(&state, .storeChanged([Self.other])) == [])
    }

    /// The plan, the checks and a history read again what they show, and the figures home shows: a clerk who had
    /// the plan open while a file was imported came back to a home screen with the old counts.
    @Test func thePlanChecksAndHistoryReadAgainAndSoDoHomesFigures() {
        let code = testCommunity.code
        let figures: [Effect] = [.loadFacts(community: code), .loadCommunities]
        var state = homeState()
        press(&state, [.character("7")])
        #expect(reduce(&state, .storeChanged([code])) == figures + [.loadPlanDetails(community: code)])
        #expect(reduce(&state, .storeChanged([Self.other])) == [])
        state = homeState()
        press(&state, [.character("5")])
        #expect(reduce(&state, .storeChanged([code])) == figures + [.loadChecks(community: code, recount: false)])
        state = homeState()
        press(&state, [.function(1)])
        #expect(reduce(&state, .storeChanged([code])) == figures)
        press(&state, [.escape])
        if case .home = state.screen {} else { Issue.record("F1 then Esc left \(state.screen)") }
    }

    @Test func aFormBeingTypedIsNeverTouchedOnlyTheFiguresBesideIt() {
        var state = homeState()
        press(&state, [.character("1")])
        press(&state, type("张三"))
        let before = state.form
        #expect(reduce(&state, .storeChanged([testCommunity.code])) == [.loadFacts(community: testCommunity.code), .loadCommunities])
        var facts = ScoreFacts()
        facts[.labourForce] = 40
        facts[.registered] = 7
        _ = reduce(&state, .factsLoaded(facts, Counts(persons: 7)))
        #expect(state.form?.values == before?.values)
        #expect(state.form?.focus == before?.focus)
        #expect(state.form?.editor.text == before?.editor.text)
        #expect(state.counts.persons == 7)
    }

    @Test func theBrowserReadsItsPageAgainAndKeepsTheSelectedRecord() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "张三"), row(9, "李四"), row(12, "王五")]))
        press(&state, [.down])
        // When another clerk saves, the page is read again from its first row, and the figures
        let effects = reduce(&state, .storeChanged([testCommunity.code]))
        #expect(effects == [.loadFacts(community: testCommunity.code), .loadCommunities, page(after: PageQuery.Boundary(value: "", id: 6))])
        // and the answer, with a new row above, keeps 李四 selected
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "张三"), row(8, "赵六"), row(9, "李四"), row(12, "王五")]))
        #expect(selectedId(state) == 9)
        // A later answer that is not a refresh keeps the row number, as before
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "张三"), row(9, "李四")]))
        #expect(selectedId(state) == 9)
        // Another community's change reads nothing
        #expect(reduce(&state, .storeChanged([Self.other])) == [])
    }

    /// A refresh that comes while a new query's answer is awaited (x: the deleted records) starts that query from
    /// its beginning: the rows shown are the live ones, and a position taken from them had skipped the deleted 刘一.
    @Test func aRefreshBeforeANewQuerysAnswerStartsItFromTheTop() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(2, "陈二"), row(3, "张三")]))
        let deleted = press(&state, [.character("x")])
        guard case .loadPage(let asked)? = deleted.last else { Issue.record("x asked \(deleted)"); return }
        #expect(asked.deleted && asked.after == nil)
        let refresh = reduce(&state, .storeChanged([testCommunity.code]))
        #expect(refresh.last == .loadPage(asked))
        // Once answered, a refresh keeps the page's position again
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "刘一")]))
        guard case .loadPage(let again)? = reduce(&state, .storeChanged([testCommunity.code])).last else { Issue.record("no reload"); return }
        #expect(again.deleted && again.after == PageQuery.Boundary(value: "", id: 0))
    }

    func selectedId(_ state: AppState) -> Int64? {
        guard case .browser(let b) = state.screen else { return nil }
        return b.selected?.id
    }

    @Test func theOverviewIsReadAgainForAnyCommunity() {
        var state = homeState()
        state.communities = [testCommunity]
        press(&state, [.character("o")])
        #expect(reduce(&state, .storeChanged([Self.other])) == [.loadOverview])
    }

    @Test func theStatusLineSaysTheConnectionIsLostUntilItIsBackAndTheDraftIsWritten() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")])
        press(&state, type("张三") + [.tab])
        // When the server goes away, the form's draft is written at once (the engine keeps it locally)
        let effects = reduce(&state, .connectionChanged(lost: true))
        guard case .storeDraft(let draft)? = effects.first, effects.count == 1 else {
            Issue.record("expected the draft to be written, got \(effects)")
            return
        }
        #expect(draft.values["name"] == "张三")
        #expect(render(state).trimmedLines.last == " " + ConnectionWording.lost)
        // A save that could not reach the server says so, and the form stays as typed
        // (a read that failed meanwhile adds no message: the status line says it)
        _ = reduce(&state, .effectLostConnection("读取数据失败：与数据库服务器的连接中断，正在重连，请稍后重试", writing: false))
        #expect(state.message == nil)
        _ = reduce(&state, .effectLostConnection("数据未保存：与数据库服务器的连接中断，正在重连，请稍后重试", writing: true))
        #expect(state.form?.values["name"] == "张三")
        #expect(state.message == ConnectionWording.notSaved)
        #expect(state.messageIsError)
        // A save whose COMMIT went unanswered may have been saved: the store's words say so, not "未保存"
        let unknown = "提交时连接中断，未能确认是否已保存；草稿已保存，重连后按 F2 再存一次，不会重复登记"
        _ = reduce(&state, .effectLostConnection(unknown, writing: true, outcomeUnknown: true))
        #expect(state.message == unknown)
        #expect(state.form?.values["name"] == "张三")
        // When it is back, the status line is the form's again
        #expect(reduce(&state, .connectionChanged(lost: false)) == [])
        #expect(state.message == ConnectionWording.back)
        #expect(render(state).trimmedLines.last?.contains("F2保存") == true)
        #expect(state.form?.values["name"] == "张三")
    }

    @Test func anAppStartedWhileTheServerWasDownReadsTheCommunitiesWhenItIsBack() {
        var state = AppState(width: 80, height: 24, operatorName: "王芳", today: testToday, rubrics: rubrics())
        _ = reduce(&state, .effectLostConnection("无法连接数据库服务器 127.0.0.1:5432：请检查服务器是否在运行", writing: false))
        #expect(state.connectionLost)
        #expect(state.startProblem == "无法连接数据库服务器 127.0.0.1:5432：请检查服务器是否在运行")
        #expect(reduce(&state, .connectionChanged(lost: false)) == [.loadCommunities])
    }
}
