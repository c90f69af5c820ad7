import LedgerCore
import LedgerStore
import TerminalUI

/// `evaluate show`: the self-assessment beside the 初评, the spot checks and the lock, aligned by display width.
enum EvaluationText {
    static func render(_ e: Evaluation, community: Community) -> String {
        var lines = ["\(e.rubricTitle) 初评 — \(community.name)（\(community.code)） 考核期 \(e.period)"]
        lines.append("自评：\(e.submittedBy)于\(e.submittedAt)提交，自评总分 \(e.selfTotal)/\(e.maxTotal)，台账校验码 \(e.checksum)")
        if let notice = e.outdatedNotice { lines.append("注意：\(notice)") }
        lines.append(status(e))
        lines.append("")
        lines += items(e)
        lines.append("")
        lines += sample(e.sample)
        return lines.joined(separator: "\n")
    }

    static func status(_ e: Evaluation) -> String {
        guard let s = e.signature else { return "状态：初评未签署" }
        return "状态：初评已由\(s.by)于\(s.at)签署，台账已锁定（修改须督导解锁）"
    }

    /// The items: self-assessment, 初评 and the difference, with each difference's reason under its item.
    static func items(_ e: Evaluation) -> [String] {
        let nameWidth = max(30, e.items.map { DisplayWidth.of("※" + $0.title) + 2 }.max() ?? 0)
        let idWidth = max(16, e.items.map { $0.id.count + 2 }.max() ?? 0)
        func row(_ name: String, _ id: String, _ cells: [String]) -> String {
            trimmedEnd(DisplayWidth.fit(name, nameWidth) + DisplayWidth.fit(id, idWidth) + cells.map { DisplayWidth.fit($0, 6, alignRight: true) }.joined())
        }
        var lines = [row("评分项", "编号", ["满分", "自评", "初评", "差异"])]
        let rule = String(repeating: "─", count: nameWidth + idWidth + 24)
        lines.append(rule)
        for item in e.items {
            let evaluated = e.evaluatedPoints(item)
            let mark = item.source == .inferred ? "※" : "  "
            lines.append(row(mark + item.title, item.id, [item.max.description, item.points.description, evaluated.description,
                                                           difference(evaluated - item.points)]))
            if let a = e.adjustments[item.id] { lines.append("      初评理由：\(a.reason)（\(a.by) \(a.at)）") }
        }
        lines.append(rule)
        lines.append(row("合计", "", [e.maxTotal.description, e.selfTotal.description, e.evaluatedTotal.description,
                                      difference(e.evaluatedTotal - e.selfTotal)]))
        lines.append("与自评不同的评分项：\(e.adjustments.count)项")
        return lines
    }

    /// `+1`, `-0.5`, or empty for no difference.
    static func difference(_ d: Points) -> String {
        d == .zero ? "" : (d.hundredths > 0 ? "+" : "") + d.description
    }

    /// The draw and the list with what each check found; ID numbers masked as in every list.
    static func sample(_ sample: SpotCheckSample?) -> [String] {
        guard let s = sample else { return ["随机抽样：尚未抽样（chuangye evaluate draw 人数）"] }
        let strata = s.strataText
        var lines = ["随机抽样：种子 \(s.seed)，抽\(s.checks.count)人（\(strata)），\(s.drawnBy)于\(s.drawnAt)抽取"]
        if let p = progress(s) { lines.append(p) }
        lines.append(DisplayWidth.fit("序号", 6) + DisplayWidth.fit("姓名", 10) + DisplayWidth.fit("公民身份号码", 20)
                     + DisplayWidth.fit("创业状态", 12) + DisplayWidth.fit("核实结果", 10) + "说明")
        for c in s.checks {
            var note = c.note ?? ""
            if c.result == .untrue { note += c.changesSinceCheck > 0 ? "（社区已更正\(c.changesSinceCheck)处）" : "（待社区更正）" }
            lines.append(trimmedEnd(DisplayWidth.fit(String(c.position), 6) + DisplayWidth.fit(c.name, 10)
                                    + DisplayWidth.fit(SensitiveNumbers.masked(c.idNumber), 20) + DisplayWidth.fit(c.stratum, 12)
                                    + DisplayWidth.fit(c.result?.rawValue ?? "未核实", 10) + note))
            if let service = c.service { lines.append(String(repeating: " ", count: 6) + "同时抽查：" + service.text) }
        }
        return lines
    }

    /// Without the padding of an empty last column.
    static func trimmedEnd(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// `核实进度 3/10：属实 1，不属实 1，联系不上 1；不符率 33.33%`.
    static func progress(_ sample: SpotCheckSample?) -> String? {
        sample?.progressText
    }
}
