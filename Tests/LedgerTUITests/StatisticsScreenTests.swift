import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The operator statistics screen (`9`): the same table as `chuangye stats`, a range to switch, scrolling.
struct StatisticsScreenTests {
    static func statistics() -> OperatorStatistics {
        var first = OperatorDay(operatorName: "王芳", day: "2024-12-30")
        first.entered = 12
        first.corrected = 3
        first.fieldsChanged = 5
        first.warningsAccepted = 1
        first.errorsCaught = 4
        first.formsSaved = 12
        first.formsAbandoned = 1
        first.secondsOnSavedForms = 12 * 95
        var second = OperatorDay(operatorName: "李明", day: "2024-12-31")
        second.imported = 120
        return OperatorStatistics(days: [first, second], spotChecks: [
            SpotCheckTally(clerk: "王芳", checked: 4, confirmed: 3, untrue: 1, unreachable: 0),
            SpotCheckTally(clerk: "李明", checked: 2, confirmed: 1, untrue: 0, unreachable: 1),
        ])
    }

    @Test func nineOpensTheLastSevenDaysAndShowsTheWholeTableAt80x24() {
        var state = homeState(width: 80, height: 24)
        let effects = press(&state, [.character("9")])
        #expect(effects == [.loadStatistics(StatisticsFilter(from: Day(year: 2024, month: 12, day: 25), to: testToday))])
        _ = reduce(&state, .statisticsLoaded(Self.statistics()))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "操作员统计：近7天（2024-12-25 至 2024-12-31）",
            "日期        操作员      录入  更正  改字段  接受警告  导入  错误  放弃 每条用时",
            "2024-12-30  王芳          12     3       5         1     0     4     1  1分35秒",
            "2024-12-31  李明           0     0       0         0   120     0     0        -",
            "合计                      12     3       5         1   120     4     1  1分35秒",
            "错误：终端录入时保存前校验查出的错误；放弃：未保存就关闭的表单；",
            "每条用时：保存的表单从打开到保存的平均时间",
            "",
            "抽样核实（按录入人）",
            "录入人      核实  属实  不属实  联系不上  不符率",
            "王芳        4     3     1       0         25%",
            "李明        2     1     0       1         0%",
            "", "", "", "", "", "", "", "", "", "",
            " ↑↓/PgUp/PgDn滚动  w近7天/近30天/全部  Esc返回  F1帮助",
        ])
    }

    @Test func wSwitchesTheRangeAndReloadsAndEscGoesHome() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("9")])
        _ = reduce(&state, .statisticsLoaded(Self.statistics()))
        #expect(press(&state, [.character("w")]) == [.loadStatistics(StatisticsFilter(from: Day(year: 2024, month: 12, day: 2), to: testToday))])
        guard case .statistics(let s) = state.screen else { Issue.record("expected the statistics screen"); return }
        #expect(s.range == .month && s.statistics == nil)
        #expect(render(state).trimmedLines[1...2] == ["操作员统计：近30天（2024-12-02 至 2024-12-31）", "正在读取…"])
        #expect(press(&state, [.character("w")]) == [.loadStatistics(StatisticsFilter())])
        #expect(press(&state, [.escape]).isEmpty)
        guard case .home = state.screen else { Issue.record("expected home"); return }
    }

    @Test func aLongListScrollsToItsLastLineAndNoFurther() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("9"), .character("w")])
        // Fifteen days of one clerk: 24 lines for the 20 rows under the title
        let days = (1 ... 15).map { d -> OperatorDay in
            var day = OperatorDay(operatorName: "王芳", day: Day(year: 2024, month: 12, day: d)!.description)
            day.entered = d
            return day
        }
        _ = reduce(&state, .statisticsLoaded(OperatorStatistics(days: days, spotChecks: Self.statistics().spotChecks)))
        press(&state, Array(repeating: .down, count: 10))
        guard case .statistics(let s) = state.screen else { Issue.record("expected the statistics screen"); return }
        #expect(s.offset == 4)
        let lines = render(state).trimmedLines
        #expect(lines[2] == "2024-12-04  王芳           4     0       0         0     0     0     0        -↑")
        #expect(lines[21] == "李明        2     1     0       1         0%")
        press(&state, [.pageUp])
        guard case .statistics(let top) = state.screen else { Issue.record("expected the statistics screen"); return }
        #expect(top.offset == 0 && render(state).trimmedLines[2] == StatisticsTable.header)
    }
}
