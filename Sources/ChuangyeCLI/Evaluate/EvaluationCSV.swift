import LedgerCore
import LedgerExchange
import LedgerStore

/// The 初评 result as CSV (UTF-8 with BOM, CRLF, as the register exports): a heading block, the items with the
/// self-assessment beside the evaluation and each difference's reason, then the spot-check list with results.
enum EvaluationCSV {
    static func render(_ e: Evaluation, community: Community, mask: Bool) -> String {
        var rows: [[String]] = [
            ["初评结果", "\(community.name)（\(community.code)）", "考核期 \(e.period)", e.rubricTitle],
            ["自评提交", e.submittedBy, e.submittedAt, "台账校验码 \(e.checksum)", e.outdatedNotice ?? "提交后台账未修改"],
            ["初评签署", e.signature?.by ?? "未签署", e.signature?.at ?? ""],
            [],
            ["评分项编号", "评分项", "满分", "自评得分", "初评得分", "差异", "初评理由", "初评人", "初评时间", "自评实测"],
        ]
        for item in e.items {
            let a = e.adjustments[item.id]
            let evaluated = e.evaluatedPoints(item)
            rows.append([item.id, (item.source == .inferred ? "※" : "") + item.title, item.max.description, item.points.description,
                         evaluated.description, EvaluationText.difference(evaluated - item.points), a?.reason ?? "", a?.by ?? "",
                         a?.at ?? "", item.measured])
        }
        rows.append(["合计", "", e.maxTotal.description, e.selfTotal.description, e.evaluatedTotal.description,
                     EvaluationText.difference(e.evaluatedTotal - e.selfTotal)])
        rows.append([])
        if let s = e.sample {
            rows.append(["随机抽样", "种子 \(s.seed)", "抽\(s.checks.count)人", s.strataText,
                         EvaluationText.progress(s) ?? ""])
            rows.append(["序号", "姓名", "公民身份号码", "创业状态", "核实结果", "说明", "核实人", "核实时间", "核实后更正", "同时抽查的服务"])
            for c in s.checks {
                let id = mask ? SensitiveNumbers.masked(c.idNumber) : c.idNumber
                rows.append([String(c.position), c.name, "\t" + id, c.stratum, c.result?.rawValue ?? "未核实", c.note ?? "",
                             c.checkedBy ?? "", c.checkedAt ?? "", c.result == nil ? "" : "\(c.changesSinceCheck)处",
                             c.service?.text ?? ""])
            }
        } else {
            rows.append(["随机抽样", "未抽样"])
        }
        return "\u{FEFF}" + rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A quoted cell; text Excel would run as a formula is kept as text with a leading tab, as in register exports.
    static func cell(_ value: String) -> String {
        let isNumber = Double(value) != nil  // a difference like `-1` stays a number
        return CSVWriter.quote(!isNumber && "=+-@".contains(value.first ?? " ") ? "\t" + value : value)
    }
}
