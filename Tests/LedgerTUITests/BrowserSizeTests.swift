import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 16: the browser fills the height it has and its columns fit the width.
struct BrowserSizeTests {
    @Test func resizingWhileBrowsingReadsThePageAgainAtTheNewSize() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(7, "张三"), row(9, "李四")]))
        let effects = reduce(&state, .resized(width: 120, height: 40))
        guard case .loadPage(let q)? = effects.first else { Issue.record("expected a page load, got \(effects)"); return }
        #expect(q.limit == state.pageSize && q.limit == 32)
        // From the first row shown, not from the start of the register.
        #expect(q.after == PageQuery.Boundary(value: "", id: 6))
        // A size too small to draw reads nothing.
        #expect(reduce(&state, .resized(width: 60, height: 20)).isEmpty)
    }

    @Test func at80ColumnsTheSurveyRegisterShowsWholeDatesAndLeavesOutThePhone() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三"), row(2, "买买提·艾力", errors: 1), row(3, "李四", deleted: false)]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            " 1    张三            630102********0116 男   有创业意愿 2024-03-15 否",
            " 2    买买提·艾力     630102********0116 男   有创业意愿 2024-03-15 否   ✗错误",
            " 3    李四            630102********0116 男   有创业意愿 2024-03-15 否",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
    }

    @Test func sortedByPhoneThePhoneStaysAndOtherColumnsMakeRoom() {
        let cols = BrowserScreen.layout(.survey, width: 78, sort: "phone", rows: [row(1, "张三")])
        #expect(cols.map(\.key) == ["id", "name", "id_number", "phone", "status", "survey_date"])
        #expect(cols.reduce(0) { $0 + $1.width } + BrowserScreen.problemsWidth <= 78)
    }

    @Test(arguments: [Register.survey, .service, .activity])
    func districtSizedNumbersStillFitAt80Columns(register: Register) {
        let cols = BrowserScreen.layout(register, width: 78, sort: "id", rows: [row(3_000_000, "张三")])
        #expect(cols.reduce(0) { $0 + $1.width } + BrowserScreen.problemsWidth <= 78)
        #expect(cols.first { $0.key.contains("date") }.map { $0.width >= 11 } ?? true)
    }
}
