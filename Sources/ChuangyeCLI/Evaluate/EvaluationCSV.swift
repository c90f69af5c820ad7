import LedgerCore
import LedgerExchange
import LedgerStore

/// The 初评 result as CSV (UTF-8 with BOM, CRLF, as the register exports): a heading block, the items with the
/// self-assessment beside the 初评 (and the 市级考评 once begun) and each difference's reason, then the spot-check
/// lists with results. A person reads it in a spreadsheet: items by Chinese name, times to the minute.
enum EvaluationCSV {
    /// `初评上次解锁, 赵督导, 2026-03-02 09:00, 理由：…, 原签署：王督导 2026-03-01 10:00`.
    static func unlockRow(_ title: String, _ u: Unlocking) -> [String] {
        [title, u.by, TimeText.shown(u.at), "理由：\(u.reason)", u.lifted.map { "原签署：\($0.by) \(TimeText.shown($0.at))" } ?? ""]
    }

    static func render(_ e: Evaluation, city review: CityReview? = nil, community: Community, mask: Bool) -> String {
        let city = review?.city
        var rows: [[String]] = [
            ["初评结果", "\(community.name)（\(community.code)）", "考核期 \(e.period)", e.rubricTitle],
            ["自评提交", e.submittedBy, TimeText.shown(e.submittedAt), "台账校验码 \(e.checksum)", e.outdatedNotice ?? "提交后台账未修改"],
            ["初评签署", e.signature?.by ?? "未签署", TimeText.shown(e.signature?.at)],
        ]
        if let u = e.lastUnlock { rows.append(unlockRow("初评上次解锁", u)) }
        if let r = e.replaced { rows.append(["重新提交", r.text]) }
        if let r = e.recommendation { rows.append(["推荐市级考评", r.by, TimeText.shown(r.at)]) }
        if let city { rows.append(["市级考评签署", city.signature?.by ?? "未签署", TimeText.shown(city.signature?.at)]) }
        if let u = city?.lastUnlock { rows.append(unlockRow("市级考评上次解锁", u)) }
        rows.append([])
        var head = ["评分项", "满分", "自评得分", "初评得分", "差异", "初评理由", "初评人", "初评时间", "自评实测"]
        if city != nil { head += ["市级得分", "市级差异", "市级理由", "市级考评人", "市级考评时间"] }
        rows.append(head)
        for item in e.items {
            let a = e.adjustments[item.id]
            let evaluated = e.evaluatedPoints(item)
            var row = [(item.source == .inferred ? "※" : "") + item.title, item.max.description, item.points.description,
                       evaluated.description, EvaluationText.difference(evaluated - item.points), a?.reason ?? "", a?.by ?? "",
                       TimeText.shown(a?.at), item.measured]
            if let review, city != nil {
                let c = review.cityAdjustment(item), points = review.cityPoints(item)
                row += [points.description, EvaluationText.difference(points - evaluated), c?.reason ?? "", c?.by ?? "", TimeText.shown(c?.at)]
            }
            rows.append(row)
        }
        var total = ["合计", e.maxTotal.description, e.selfTotal.description, e.evaluatedTotal.description,
                     EvaluationText.difference(e.evaluatedTotal - e.selfTotal)]
        if let review, city != nil {
            total += ["", "", "", "", review.cityTotal.description, EvaluationText.difference(review.cityTotal - e.evaluatedTotal)]
        }
        rows.append(total)
        rows.append([])
        rows += sample(e.sample, title: "随机抽样", mask: mask, signed: e.isSigned)
        if let city {
            rows.append([])
            rows += sample(city.sample, title: "市级随机抽样", mask: mask, signed: city.isSigned)
        }
        return "\u{FEFF}" + rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    static func sample(_ sample: SpotCheckSample?, title: String, mask: Bool, signed: Bool) -> [[String]] {
        guard let s = sample else { return [[title, "未抽样"]] }
        var rows = [[title, s.concealed ? "签署前不公开名单" : "种子 \(s.seed)", s.sizeText, s.strataText, EvaluationText.progress(s) ?? ""],
                    ["序号", "姓名", "公民身份号码", "分层", "核实结果", "说明", "核实人", "核实时间", "核实后更正", "抽查的服务", "抽样后修改"]]
        for c in s.checks {
            let id = mask ? SensitiveNumbers.masked(c.idNumber) : c.idNumber
            // 不属实: what became of the finding (签署时未更正 once signed); other results: the changes since the check,
            // blank when none (as the workbook writes it).
            let corrected = c.correctionLongText(signed: signed) ?? (c.result == nil || c.changesSinceCheck == 0 ? "" : "\(c.changesSinceCheck)处")
            rows.append([String(c.position), c.name, "\t" + id, c.stratum, c.result?.rawValue ?? "未核实", c.note ?? "",
                         c.checkedBy ?? "", TimeText.shown(c.checkedAt), corrected,
                         c.service.map { (c.forService ? "单独抽查：" : "同时抽查：") + $0.text } ?? "",
                         c.changedAfterDraw > 0 ? "\(c.changedAfterDraw)处" : ""])
        }
        return rows
    }

    /// A quoted cell; text Excel would run as a formula is kept as text with a leading tab, as in register exports.
    static func cell(_ value: String) -> String {
        let isNumber = Double(value) != nil  // a difference like `-1` stays a number
        return CSVWriter.quote(!isNumber && "=+-@".contains(value.first ?? " ") ? "\t" + value : value)
    }
}
