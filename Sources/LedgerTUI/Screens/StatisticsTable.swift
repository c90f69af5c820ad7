import LedgerCore
import TerminalUI

/// The operator statistics as lines of a table, 79 columns wide: the same lines in `chuangye stats` and on the
/// statistics screen.
public enum StatisticsTable {
    static let columns: [(title: String, width: Int)] = [
        ("日期", 12), ("操作员", 10), ("录入", 6), ("更正", 6), ("改字段", 8), ("接受警告", 10), ("导入", 6),
        ("错误", 6), ("放弃", 6), ("每条用时", 9),
    ]
    static let tallyWidths = [12, 6, 6, 8, 10]

    public static let header = row(columns.map(\.title))
    public static let legend = ["错误：终端录入时保存前校验查出的错误；放弃：未保存就关闭的表单；", "每条用时：保存的表单从打开到保存的平均时间"]
    public static let tallyHeader = tallyRow(["录入人", "核实", "属实", "不属实", "联系不上", "不符率"])

    /// One line per operator and day.
    public static func dayLines(_ days: [OperatorDay]) -> [String] {
        days.map { row([$0.day, $0.operatorName] + figures($0)) }
    }

    /// The total over several days (nil for one day or none).
    public static func totalLine(_ days: [OperatorDay]) -> String? {
        days.count > 1 ? row(["合计", ""] + figures(total(days))) : nil
    }

    public static func tallyLines(_ tallies: [SpotCheckTally]) -> [String] {
        tallies.map { t in
            tallyRow([t.clerk.isEmpty ? "（不详）" : t.clerk, String(t.checked), String(t.confirmed), String(t.untrue),
                      String(t.unreachable), t.discrepancyRate?.percentText ?? "-"])
        }
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

    /// Text left-aligned, with its gap (a long operator name is cut, never touching the first figure); numbers
    /// right-aligned under their headers.
    static func row(_ cells: [String]) -> String {
        trimmedEnd(zip(cells, columns).enumerated().map { i, pair in
            i >= 2 ? DisplayWidth.fit(pair.0, pair.1.width, alignRight: true) : DisplayWidth.column(pair.0, pair.1.width)
        }.joined())
    }

    static func tallyRow(_ cells: [String]) -> String {
        trimmedEnd(zip(cells, tallyWidths).map { DisplayWidth.column($0, $1) }.joined() + (cells.count > tallyWidths.count ? cells[tallyWidths.count] : ""))
    }

    static func trimmedEnd(_ s: String) -> String {
        String(s.reversed().drop { $0 == " " }.reversed())
    }
}
