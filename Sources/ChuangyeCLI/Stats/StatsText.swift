import LedgerCore
import LedgerTUI

/// `chuangye stats` as a table for people: one line per operator and day (fits 80 columns), a total line, then
/// the spot-check findings per clerk. The lines are the statistics screen's (`StatisticsTable`).
enum StatsText {
    static func render(_ s: OperatorStatistics, filter: StatisticsFilter) -> String {
        var lines = ["操作员统计（\(scope(filter))）"]
        if let notice = s.scopeNotice { lines.append(notice) }
        if s.days.isEmpty {
            lines.append("这段时间没有录入、更正或导入")
        } else {
            lines.append(StatisticsTable.header)
            lines += StatisticsTable.dayLines(s.days)
            if let total = StatisticsTable.totalLine(s.days) { lines.append(total) }
            lines += StatisticsTable.legend
        }
        lines.append("")
        if s.spotChecks.isEmpty {
            lines.append("抽样核实：这段时间没有核实结果")
        } else {
            lines.append("抽样核实（按录入人）")
            lines.append(StatisticsTable.tallyHeader)
            lines += StatisticsTable.tallyLines(s.spotChecks)
        }
        return lines.joined(separator: "\n")
    }

    /// `2024-03-01 至 2024-03-31`, `2024-03-01 起`, `至 2024-03-31 止` or `全部日期`, with the operator if one.
    static func scope(_ f: StatisticsFilter) -> String {
        let days = switch (f.from, f.to) {
        case let (from?, to?): "\(from) 至 \(to)"
        case let (from?, nil): "\(from) 起"
        case let (nil, to?): "至 \(to) 止"
        case (nil, nil): "全部日期"
        }
        return f.operatorName.map { "\($0)，\(days)" } ?? days
    }
}
