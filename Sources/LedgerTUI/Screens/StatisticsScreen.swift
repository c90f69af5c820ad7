import LedgerCore
import TerminalUI

/// The operator statistics screen (`9` on the home screen): a supervisor sees every operator, a clerk themselves.
public struct StatisticsState: Sendable {
    public enum Range: Sendable, CaseIterable {
        case week, month, all

        var title: String {
            switch self {
            case .week: "近7天"
            case .month: "近30天"
            case .all: "全部日期"
            }
        }

        /// The days ending today (nil: from the first day there is).
        func firstDay(today: Day) -> Day? {
            switch self {
            case .week: today.adding(days: -6)
            case .month: today.adding(days: -29)
            case .all: nil
            }
        }
    }

    public var range = Range.week
    public var statistics: OperatorStatistics?
    /// The first line shown of the scrolling part.
    public var offset = 0

    public init() {}

    func filter(today: Day) -> StatisticsFilter {
        StatisticsFilter(from: range.firstDay(today: today), to: range == .all ? nil : today)
    }
}

enum StatisticsScreen {
    static func title(_ state: AppState, _ s: StatisticsState) -> String {
        let days = s.range.firstDay(today: state.today).map { "（\($0) 至 \(state.today)）" } ?? ""
        return "操作员统计：\(s.range.title)\(days)"
    }

    /// Everything under the title, scrolled as one: the days, the legend, the spot-check findings per clerk.
    static func lines(_ s: StatisticsState) -> [(text: String, style: Style)] {
        guard let stats = s.statistics else { return [("正在读取…", .muted)] }
        var lines: [(String, Style)] = stats.scopeNotice.map { [($0, .muted)] } ?? []
        if stats.days.isEmpty {
            lines.append(("这段时间没有录入、更正或导入", .plain))
        } else {
            lines.append((StatisticsTable.header, .title))
            lines += StatisticsTable.dayLines(stats.days).map { ($0, .plain) }
            if let total = StatisticsTable.totalLine(stats.days) { lines.append((total, .title)) }
            lines += StatisticsTable.legend.map { ($0, .muted) }
        }
        lines.append(("", .plain))
        if stats.spotChecks.isEmpty {
            lines.append(("抽样核实：这段时间没有核实结果", .plain))
        } else {
            lines.append(("抽样核实（按录入人）", .plain))
            lines.append((StatisticsTable.tallyHeader, .title))
            lines += zip(StatisticsTable.tallyLines(stats.spotChecks), stats.spotChecks).map { ($0, $1.untrue > 0 ? .error : .plain) }
        }
        return lines
    }

    /// Rows for the scrolling part.
    static func visibleRows(_ state: AppState) -> Int { max(1, bodyRect(state).height - 1) }

    static func draw(_ state: AppState, _ s: StatisticsState, in rect: Rect, into buffer: inout Buffer) {
        buffer.put(title(state, s), x: rect.x, y: rect.y, style: .title, maxWidth: rect.width)
        let all = lines(s)
        let rows = max(1, rect.height - 1)
        for (i, line) in all.dropFirst(s.offset).prefix(rows).enumerated() {
            buffer.put(line.text, x: rect.x, y: rect.y + 1 + i, style: line.style, maxWidth: rect.width)
        }
        if s.offset > 0 { buffer.put("↑", x: rect.maxX - 1, y: rect.y + 1, style: .hint) }
        if s.offset + rows < all.count { buffer.put("↓", x: rect.maxX - 1, y: rect.y + rows, style: .hint) }
    }

    static let hints = "↑↓/PgUp/PgDn滚动  w近7天/近30天/全部  Esc返回  F1帮助"
}
