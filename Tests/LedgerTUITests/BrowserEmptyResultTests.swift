import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 3: the list shown is always the query's answer, also when the answer is empty.
struct BrowserEmptyResultTests {
    static let filtered = " （没有符合条件的记录，可更改或取消筛选）"
    static let browserKeys = " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助"
    /// Per filter key: its label in the title line, the note in place of the rows, the footer.
    static let shown: [Key: (String, String, String)] = [
        .character("g"): ("高校毕业生", filtered, browserKeys),
        .character("p"): ("仅有问题的记录", filtered, browserKeys),
        .character("f"): ("有创业意愿", filtered, browserKeys),
        .character("t"): ("已培训", filtered, browserKeys),
        .character("x"): ("显示已删除", " （没有已删除的记录，按 x 返回）", " /搜索 h历史 r恢复 x返回 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助"),
    ]
    @Test(arguments: [Key.character("g"), .character("p"), .character("x"), .character("f"), .character("t")])
    func aFilterThatMatchesNothingShowsAnEmptyListAndEnterDoesNothing(filter: Key) {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三"), row(2, "李四")]))
        #expect(!press(&state, [filter]).isEmpty)
        _ = reduce(&state, .pageLoaded(.survey, []))
        guard case .browser(let b) = state.screen else { Issue.record("expected the browser"); return }
        #expect(b.rows.isEmpty)
        let (label, note, footer) = Self.shown[filter] ?? ("", "", "")
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账   " + label,
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            note,
        ] + Array(repeating: "", count: 18) + [footer])
        #expect(press(&state, [.enter]).isEmpty)
        #expect(press(&state, [.character("h")]).isEmpty && press(&state, [.character("D")]).isEmpty && state.dialog == nil)
    }

    @Test func aDateRangeMatchingNothingOnTheServiceRegisterShowsTheWholeEmptyScreen() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4"), .tab])
        _ = reduce(&state, .pageLoaded(.service, [RegisterRow(id: 3, fields: ["service_date": "2024-05-06", "name": "张三",
                                                                             "id_number": "630102199003070116", "service_type": "政策咨询",
                                                                             "method": "窗口", "content": "咨询贷款"],
                                                              deleted: false, deletedReason: nil, errors: 0, warnings: 0, sortKey: "")]))
        press(&state, [.character("w")] + type("2020") + [.enter])
        _ = reduce(&state, .pageLoaded(.service, []))
        #expect(press(&state, [.enter]).isEmpty)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "  摸底台账  [服务台账]  工作台账   2020-01-01..2020-12-31",
            "",
            " 编号 服务日期   姓名      公民身份号码       服务类型 方式     服务内容 问题",
            " （没有符合条件的记录，可更改或取消筛选）",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 w日期 Tab换表 F1帮助",
        ])
    }

    @Test func restoringTheOnlyDeletedRowEmptiesTheDeletedList() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4"), .character("x")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三", deleted: true)]))
        #expect(press(&state, [.character("r")]) == [.restoreRecord(.survey, id: 5)])
        let effects = reduce(&state, .registerChanged("已恢复第5号记录"))
        #expect(effects.contains { if case .loadPage(let q) = $0 { q.deleted } else { false } })
        _ = reduce(&state, .pageLoaded(.survey, []))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账   显示已删除",
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            " （没有已删除的记录，按 x 返回）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 已恢复第5号记录",
            " /搜索 h历史 r恢复 x返回 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
    }

    @Test func pageDownPastTheLastPageKeepsTheRows() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        press(&state, [.pageDown])
        _ = reduce(&state, .pageLoaded(.survey, []))
        guard case .browser(let b) = state.screen else { Issue.record("expected the browser"); return }
        #expect(b.rows.map(\.id) == [1] && state.message == "已到末页")
        // The next query after the page turn is a new query again: its empty answer empties the list.
        press(&state, [.character("p")])
        _ = reduce(&state, .pageLoaded(.survey, []))
        guard case .browser(let after) = state.screen else { Issue.record("expected the browser"); return }
        #expect(after.rows.isEmpty)
    }
}
