import LedgerCore
import LedgerStore
import TerminalUI

/// `evaluate show`: the self-assessment beside the 初评 (and the 市级考评 once the city began), the spot checks and
/// the lock, aligned by display width. Items by their Chinese names, times to the minute: a person reads it.
enum EvaluationText {
    static func render(_ e: Evaluation, city review: CityReview? = nil, community: Community) -> String {
        var lines = ["\(e.rubricTitle) 初评 — \(community.name)（\(community.code)） 考核期 \(e.period)"]
        lines.append("自评：\(e.submittedBy)于\(TimeText.shown(e.submittedAt))提交，自评总分 \(e.selfTotal)/\(e.maxTotal)，台账校验码 \(e.checksum)")
        if let replaced = e.replaced { lines.append("重新提交：本份\(replaced.text)") }
        if let notice = e.outdatedNotice { lines.append("注意：\(notice)") }
        lines.append(status(e))
        if let r = e.recommendation { lines.append("推荐：\(r.by)于\(TimeText.shown(r.at))推荐参加市级考评") }
        if let city = review?.city { lines.append(cityStatus(city)) }
        lines.append("")
        lines += items(e, city: review?.city == nil ? nil : review)
        lines.append("")
        lines += sample(e.sample, stage: .district, signed: e.isSigned)
        if let city = review?.city {
            lines.append("")
            lines += sample(city.sample, stage: .city, signed: city.isSigned)
        }
        return lines.joined(separator: "\n")
    }

    static func status(_ e: Evaluation) -> String {
        guard let s = e.signature else { return "状态：初评未签署" + (e.lastUnlock.map { "（\($0.text)）" } ?? "") }
        return "状态：初评已由\(s.by)于\(TimeText.shown(s.at))签署，台账已锁定（修改须督导解锁）" + (e.lastUnlock.map { "；\($0.before)" } ?? "")
    }

    static func cityStatus(_ city: Evaluation) -> String {
        guard let s = city.signature else {
            return "市级考评：\(city.submittedBy)于\(TimeText.shown(city.submittedAt))开始，尚未签署" + (city.lastUnlock.map { "（\($0.text)）" } ?? "")
        }
        return "市级考评：已由\(s.by)于\(TimeText.shown(s.at))签署，台账保持锁定（修改须市级督导解锁）" + (city.lastUnlock.map { "；\($0.before)" } ?? "")
    }

    /// The items: self-assessment, 初评 (and 市级) with the differences, each reason under its item.
    static func items(_ e: Evaluation, city review: CityReview?) -> [String] {
        let nameWidth = max(30, e.items.map { DisplayWidth.of("※" + $0.title) + 2 }.max() ?? 0)
        func row(_ name: String, _ cells: [String]) -> String {
            trimmedEnd(DisplayWidth.fit(name, nameWidth) + cells.map { DisplayWidth.fit($0, 6, alignRight: true) }.joined())
        }
        let heads = ["满分", "自评", "初评", "差异"] + (review == nil ? [] : ["市级", "差异"])
        var lines = [row("评分项", heads)]
        let rule = String(repeating: "─", count: nameWidth + 6 * heads.count)
        lines.append(rule)
        for item in e.items {
            let evaluated = e.evaluatedPoints(item)
            let mark = item.source == .inferred ? "※" : "  "
            var cells = [item.max.description, item.points.description, evaluated.description, difference(evaluated - item.points)]
            if let review { cells += [review.cityPoints(item).description, difference(review.cityPoints(item) - evaluated)] }
            lines.append(row(mark + item.title, cells))
            if let a = e.adjustments[item.id] { lines.append("      初评理由：\(a.reason)（\(a.by) \(TimeText.shown(a.at))）") }
            if let a = review?.cityAdjustment(item) { lines.append("      市级理由：\(a.reason)（\(a.by) \(TimeText.shown(a.at))）") }
        }
        lines.append(rule)
        var totals = [e.maxTotal.description, e.selfTotal.description, e.evaluatedTotal.description, difference(e.evaluatedTotal - e.selfTotal)]
        if let review { totals += [review.cityTotal.description, difference(review.cityTotal - e.evaluatedTotal)] }
        lines.append(row("合计", totals))
        lines.append("与自评不同的评分项：\(e.differingItems)项" + (review.map { "；市级考评改分：\($0.city?.differingItems ?? 0)项" } ?? ""))
        return lines
    }

    /// `+1`, `-0.5`, or empty for no difference.
    static func difference(_ d: Points) -> String {
        d == .zero ? "" : (d.hundredths > 0 ? "+" : "") + d.description
    }

    /// The draw and the list with what each check found; ID numbers masked as in every list. A list withheld from
    /// this operator (`SampleDisclosure`) says so, without the seed; a 不属实 finding says whether it was corrected
    /// (`签署时未更正` once signed), and a record changed after the draw is marked.
    static func sample(_ sample: SpotCheckSample?, stage: EvaluationStage, signed: Bool) -> [String] {
        let name = stage == .district ? "随机抽样" : "市级随机抽样"
        guard let s = sample else { return ["\(name)：尚未抽样（chuangye evaluate draw 人数\(stage == .city ? " --city" : "")）"] }
        var lines = [s.concealed
            ? "\(name)：\(s.sizeText)（\(s.strataText)），\(s.drawnBy)于\(TimeText.shown(s.drawnAt))抽取；抽中的记录在签署\(stage.title)后公开（已核实为不属实的除外）"
            : "\(name)：种子 \(s.seed)，\(s.sizeText)（\(s.strataText)），\(s.drawnBy)于\(TimeText.shown(s.drawnAt))抽取"]
        if let p = progress(s) { lines.append(p) }
        lines.append(DisplayWidth.column("序号", 6) + DisplayWidth.column("姓名", 10) + DisplayWidth.column("公民身份号码", 20)
                     + DisplayWidth.column("分层", 12) + DisplayWidth.column("核实结果", 10) + "说明")
        for c in s.checks {
            if c.concealed {
                lines.append(DisplayWidth.column(String(c.position), 6) + DisplayWidth.column(c.name, 42) + (c.result?.rawValue ?? "未核实"))
                continue
            }
            let marks = [c.correctionLongText(signed: signed), c.changedAfterDrawText]
                .compactMap { $0 }.map { "（\($0)）" }.joined()
            lines.append(trimmedEnd(DisplayWidth.column(String(c.position), 6) + DisplayWidth.column(c.name, 10)
                                    + DisplayWidth.column(SensitiveNumbers.masked(c.idNumber), 20) + DisplayWidth.column(c.stratum, 12)
                                    + DisplayWidth.column(c.result?.rawValue ?? "未核实", 10) + (c.note ?? "") + marks))
            if let service = c.service {
                lines.append(String(repeating: " ", count: 6) + (c.forService ? "单独抽查：" : "同时抽查：") + service.text)
            }
        }
        return lines
    }

    /// The city's list of candidates (`evaluate candidates`) in `width` columns (the terminal's): the code first
    /// (what the next command's --community takes, never cut), every column as wide as its values and a gap, the
    /// community's name in what is left (cut with …), then who recommended it, cut last.
    static func candidates(_ list: [CityCandidate], width: Int = HelpLayout.width) -> [String] {
        guard !list.isEmpty else { return ["还没有区县推荐参加市级考评的社区（区县督导签署初评后用 chuangye evaluate recommend 推荐）"] }
        let heads = ["代码", "社区", "区县", "自评", "初评", "市级", "状态"]
        let rows = list.map { c in
            [c.communityCode, c.communityName, c.district, c.selfTotal.description, c.districtTotal.description,
             c.cityTotal?.description ?? "—", c.cityStatus]
        }
        let recommended = list.map { "\($0.recommended.by) \(TimeText.shown($0.recommended.at))" }
        var widths = heads.indices.map { i in ([heads[i]] + rows.map { $0[i] }).map(DisplayWidth.of).max().map { $0 + 1 } ?? 0 }
        // The name takes what the other columns and the recommendation leave, at least its header and a few characters.
        let others = widths.enumerated().filter { $0.offset != 1 }.reduce(0) { $0 + $1.element }
        let room = width - others - (recommended.map(DisplayWidth.of).max() ?? 0)
        widths[1] = min(widths[1], max(13, room))
        let rest = max(4, width - widths.reduce(0, +))
        func line(_ cells: [String], _ last: String) -> String {
            trimmedEnd(zip(cells, widths).map { DisplayWidth.column($0, $1) }.joined() + DisplayWidth.shortened(last, rest))
        }
        return [line(heads, "推荐")] + zip(rows, recommended).map { line($0, $1) }
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
