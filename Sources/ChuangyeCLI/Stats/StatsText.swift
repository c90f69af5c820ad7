import LedgerCore
import TerminalUI

/// `chuangye stats` as a table for people: one line per operator and day (fits 80 columns), a total line, then
/// the spot-check findings per clerk.
enum StatsText {
    static let columns: [(title: String, width: Int)] = [
        ("日期", 12), ("操作员", 10), ("录入", 6), ("更正", 6), ("改字段", 8), ("接受警告", 10), ("导入", 6),
        ("错误", 6), ("放弃", 6), ("每条用时", 9),
    ]

    static func render(_ s: OperatorStatistics, filter: StatisticsFilter) -> String {
        var lines = ["操作员统计（\(scope(filter))）"]
        if s.days.isEmpty {
            lines.append("这段时间没有录入、更正或导入")
        } else {
            lines.append(row(columns.map(\.title)))
            for d in s.days { lines.append(row([d.day, d.operatorName] + figures(d))) }
            if s.days.count > 1 { lines.append(row(["合计", ""] + figures(total(s.days)))) }
            lines.append("错误：终端录入时保存前校验查出的错误；放弃：未保存就关闭的表单；")
            lines.append("每条用时：保存的表单从打开到保存的平均时间")
        }
        lines.append("")
        if s.spotChecks.isEmpty {
            lines.append("抽样核实：这段时间没有核实结果")
        } else {
            lines.append("抽样核实（按录入人）")
            let widths = [12, 6, 6, 8, 10]
            func line(_ cells: [String]) -> String {
                trimmedEnd(zip(cells, widths).map { DisplayWidth.fit($0, $1) }.joined() + (cells.count > widths.count ? cells[widths.count] : ""))
            }
            lines.append(line(["录入人", "核实", "属实", "不属实", "联系不上", "不符率"]))
            for t in s.spotChecks {
                lines.append(line([t.clerk.isEmpty ? "（不详）" : t.clerk, String(t.checked), String(t.confirmed), String(t.untrue),
                                   String(t.unreachable), t.discrepancyRate?.percentText ?? "-"]))
            }
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

    static func figures(_ d: OperatorDay) -> [String] {
        [d.entered, d.corrected, d.fieldsChanged, d.warningsAccepted, d.imported, d.errorsCaught, d.formsAbandoned].map(String.init)
            + [d.secondsPerRecord.map(duration) ?? "-"]
    }

    /// The sum of several days; the time per record is the mean over all their saved forms.
    static func total(_ days: [OperatorDay]) -> OperatorDay {
        days.reduce(into: OperatorDay(operatorName: "", day: "")) { t, d in
            t.entered += d.entered
            t.corrected += d.corrected
            t.fieldsChanged += d.fieldsChanged
            t.warningsAccepted += d.warningsAccepted
            t.imported += d.imported
            t.errorsCaught += d.errorsCaught
            t.formsSaved += d.formsSaved
            t.formsAbandoned += d.formsAbandoned
            t.secondsOnSavedForms += d.secondsOnSavedForms
        }
    }

    /// `45秒`, `2分05秒`, `1时02分`.
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds)秒" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if seconds < 3600 { return "\(seconds / 60)分\(two(seconds % 60))秒" }
        return "\(seconds / 3600)时\(two(seconds / 60 % 60))分"
    }

    /// Text left-aligned, numbers right-aligned under their headers (79 columns in all).
    static func row(_ cells: [String]) -> String {
        let text = zip(cells, columns).enumerated().map { i, pair in
            DisplayWidth.fit(pair.0, pair.1.width, alignRight: i >= 2)
        }.joined()
        return trimmedEnd(text)
    }

    static func trimmedEnd(_ s: String) -> String {
        String(s.reversed().drop { $0 == " " }.reversed())
    }
}
