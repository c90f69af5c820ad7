import LedgerCore
import TerminalUI

/// The statistics screen's part of `reduce`: opening it, its keys and the store's answer.
func statisticsLoaded(_ state: inout AppState, _ statistics: OperatorStatistics) -> [Effect] {
    guard case .statistics(var s) = state.screen else { return [] }
    s.statistics = statistics
    s.offset = 0
    state.screen = .statistics(s)
    return []
}

func openStatistics(_ state: inout AppState) -> [Effect] {
    let s = StatisticsState()
    state.screen = .statistics(s)
    return [.loadStatistics(s.filter(today: state.today))]
}

func statisticsKey(_ state: inout AppState, _ statistics: StatisticsState, _ key: Key) -> [Effect] {
    var s = statistics
    let rows = StatisticsScreen.visibleRows(state)
    let last = max(0, StatisticsScreen.lines(s).count - rows)
    switch key {
    case .escape, .character("q"):
        state.screen = .home
        return []
    case .up: s.offset = max(0, s.offset - 1)
    case .down: s.offset = min(last, s.offset + 1)
    case .pageUp: s.offset = max(0, s.offset - rows)
    case .pageDown: s.offset = min(last, s.offset + rows)
    case .character("w"):
        let all = StatisticsState.Range.allCases
        s.range = all[((all.firstIndex(of: s.range) ?? 0) + 1) % all.count]
        s.statistics = nil
        s.offset = 0
        state.screen = .statistics(s)
        return [.loadStatistics(s.filter(today: state.today))]
    default: break
    }
    state.screen = .statistics(s)
    return []
}
