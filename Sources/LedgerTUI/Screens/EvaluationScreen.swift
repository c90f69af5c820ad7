import LedgerCore
import TerminalUI

/// `8` 评选: the submitted self-assessment item by item beside the 初评, the spot-check list with results and
/// progress, and whether the period is signed and locked. The clerk submits here (`t`); a supervisor adjusts,
/// draws, records checks, signs and unlocks (the store refuses what the operator may not do, with its reason).
enum EvaluationScreen {
    /// Lines of the panel that are not list rows: summary, status, the two list headings, the reason line and the
    /// sample line.
    static let fixedLines = 6

    /// Rows of the item list and of the sample list: the key handling scrolls by exactly these. The sample list
    /// takes up to half the room (as many rows as it has), the items the rest.
    static func listRows(_ state: AppState, _ e: EvaluationState) -> (items: Int, checks: Int) {
        let available = max(2, bodyRect(state).height - 2 - fixedLines)
        let checks = min(max(1, e.shownSample?.checks.count ?? 0), available / 2)
        return (available - checks, checks)
    }

    static func draw(_ state: AppState, _ e: EvaluationState, in rect: Rect, into buffer: inout Buffer) {
        let inner = Panel.draw(title(e), in: rect, into: &buffer)
        let width = inner.width - 1
        let x = inner.x + 1
        guard e.loaded else {
            buffer.put("正在读取自评与初评…", x: x, y: inner.y, style: .muted)
            return
        }
        guard let ev = e.evaluation else {
            let period = state.community.map { "考核期 \($0.period) " } ?? ""
            // Only the keys of the operator's role (EvaluationRole): a clerk is not offered the unlock.
            let role = state.evaluationRole ?? .everyone
            let lines = ["\(period)尚未提交自评。", ""]
                + (role.submits ? ["t  提交自评：冻结每一项的得分和实测值，记下提交人、时间和台账校验码"] : [])
                + (role.takesDistrictSteps ? ["U  解锁本社区的台账（督导，须写理由）"] : [])
            var y = inner.y
            for (i, line) in lines.enumerated() {
                for part in line.isEmpty ? [""] : DisplayWidth.wrap(line, width, maxLines: 3) where y < inner.maxY {
                    buffer.put(part, x: x, y: y, style: i == 0 ? .title : .plain)
                    y += 1
                }
            }
            return
        }
        let rows = listRows(state, e)
        var y = inner.y
        let city = e.stage == .city ? e.city : nil
        if e.stage == .city && city == nil {
            buffer.put("市级考评：本社区的初评未经区县推荐（区县督导签署初评后按 R 推荐）", x: x, y: y, style: .title, maxWidth: width)
            buffer.put("c 返回初评    Esc 返回", x: x, y: y + 2, style: .muted, maxWidth: width)
            return
        }
        let differing = ev.differingItems
        if let city {
            let changed = city.city?.differingItems ?? 0
            buffer.put("自评 \(ev.selfTotal)  初评 \(ev.evaluatedTotal)  市级 \(city.cityTotal)/\(ev.maxTotal)"
                       + (changed > 0 ? "（市级改\(changed)项）" : "") + "  推荐 \(ev.recommendation?.by ?? "")",
                       x: x, y: y, style: .title, maxWidth: width)
        } else {
            // Before a supervisor's first step there is no 初评 total to show (it would only repeat the 自评's).
            let review = ev.reviewBegun ? "初评 \(ev.evaluatedTotal)/\(ev.maxTotal)" + (differing > 0 ? "（\(differing)项不同）" : "") : "初评未开始"
            buffer.put("自评 \(ev.submittedBy) \(TimeText.shown(ev.submittedAt)) \(ev.replaced == nil ? "提交" : "重新提交")：\(ev.selfTotal)/\(ev.maxTotal)    " + review,
                       x: x, y: y, style: .title, maxWidth: width)
        }
        y += 1
        // After an unlock the line says who unlocked and why; where that leaves no room for the notice of changes
        // beside it, only when (the reason is in `history` and `evaluate show`).
        let noticeRoom = ev.outdatedNoticeShort.map { DisplayWidth.of("！" + $0) + 2 } ?? 0
        // The reason before the time: it tells the community what the unlock is for.
        var status = statusText(ev, city: city)
        if DisplayWidth.of(status) + noticeRoom > width { status = statusText(ev, city: city, withTime: false) }
        if DisplayWidth.of(status) + noticeRoom > width { status = statusText(ev, city: city, withReason: false) }
        buffer.put(status, x: x, y: y, style: ev.signature == nil ? .plain : .ok, maxWidth: width)
        if let notice = ev.outdatedNotice, let short = ev.outdatedNoticeShort {
            // Beside a long status (signed and recommended) the short wording keeps the number in sight.
            let used = DisplayWidth.of(status) + 2
            let room = max(0, width - used)
            let text = DisplayWidth.of("！" + notice) <= room ? "！" + notice : "！" + short
            buffer.put(text, x: x + used, y: y, style: .warning, maxWidth: room)
        }
        y += 1
        let heads = city == nil ? ["满分", "自评", "初评", "差异"] : ["满分", "自评", "初评", "市级", "差异"]
        buffer.put(itemRow((e.focus == .items ? "▶" : " ") + "评分项", heads), x: x, y: y, style: .title, maxWidth: width)
        y += 1
        let itemLines = ev.items.map { item in
            let evaluated = ev.evaluatedPoints(item)
            let title = (item.source == .inferred ? "※" : " ") + item.title
            guard let city else {
                return itemRow(title, [item.max.description, item.points.description, evaluated.description, signed(evaluated - item.points)])
            }
            let cityPoints = city.cityPoints(item)
            return itemRow(title, [item.max.description, item.points.description, evaluated.description, cityPoints.description,
                                   signed(cityPoints - evaluated)])
        }
        drawList(itemLines, e.items, focused: e.focus == .items, Rect(x: x, y: y, width: width, height: rows.items), &buffer) { i in
            let id = ev.items[i].id
            return (city.map { $0.cityAdjustment(ev.items[i]) != nil } ?? (ev.adjustments[id] != nil)) ? .warning : .plain
        }
        y += rows.items
        // The detail of the focused list's selection: an item's reason or figure, or a check's whole note (the
        // list cuts long notes at 80 columns). A long one wraps upwards into the rows the items leave empty (it
        // had been cut at one line while rows above it stood blank); a short one keeps its line.
        var detail: String?
        if e.focus == .sample, let check = e.selectedCheck {
            let service = check.service.map { (check.forService ? "；单独抽查" : "；同时抽查") + $0.text } ?? ""
            // Whether the community corrected it comes before the note: a long note is what gets cut.
            detail = check.concealed
                ? "第\(check.position)号：\(check.result?.rawValue ?? "未核实")（抽中的是哪条记录，签署\(e.stage.title)后公开）"
                : "第\(check.position)号 \(check.name)\(correction(check, signed: e.shownSignature != nil))："
                    + (check.note ?? (check.result == nil ? "未核实" : "（无说明）")) + service
        } else if let item = e.selectedItem {
            let cityReason = city.flatMap { $0.cityAdjustment(item) }.map { "市级理由：\($0.reason)（\($0.by)）" }
            detail = cityReason ?? ev.adjustments[item.id].map { "初评理由：\($0.reason)（\($0.by)）" } ?? "自评时实测 \(item.measured)    标准 \(item.threshold)"
        }
        if let detail {
            let spare = max(0, rows.items - ev.items.count)
            let lines = DisplayWidth.wrap(detail, width, maxLines: spare + 1)
            for (i, line) in lines.enumerated() {
                buffer.put(line, x: x, y: y - (lines.count - 1) + i, style: .muted, maxWidth: width)
            }
        }
        y += 1
        let sampleName = city == nil ? "随机抽样" : "市级抽样"
        guard let sample = e.shownSample else {
            let steps = e.stage == .district ? (state.evaluationRole ?? .everyone).takesDistrictSteps : (state.evaluationRole ?? .everyone).takesCitySteps
            buffer.put("\(sampleName)：尚未抽样" + (steps ? "（d 抽样）" : ""), x: x, y: y, style: .title, maxWidth: width)
            return
        }
        // Withheld from this operator until the stage is signed (SampleDisclosure): the seed reproduces the list.
        let drawn = sample.concealed ? "\(sample.drawnBy) 已\(sample.sizeText)（名单签署后公开）  " : "\(sampleName) 种子 \(sample.seed)  "
        buffer.put(drawn + progress(sample), x: x, y: y, style: .title, maxWidth: width)
        y += 1
        let isSigned = e.shownSignature != nil
        let withService = width >= wideSampleWidth
        buffer.put(checkRow((e.focus == .sample ? "▶" : " ") + "序号", "姓名", "公民身份号码", "分层", "结果", "说明",
                            service: withService ? "抽查的服务" : nil),
                   x: x, y: y, style: .title, maxWidth: width)
        y += 1
        let checkLines = sample.checks.map { c in
            // A withheld record: its place and result, the words across the name, number and stratum.
            c.concealed ? DisplayWidth.column(" \(c.position)", 6) + DisplayWidth.column(c.name, 40) + (c.result?.rawValue ?? "未核实")
                : checkRow(" \(c.position)", c.name, SensitiveNumbers.masked(c.idNumber), c.stratum, c.result?.rawValue ?? "未核实",
                           checkNote(c, signed: isSigned), service: withService ? (c.service?.asSeen ?? "") : nil)
        }
        drawList(checkLines, e.checks, focused: e.focus == .sample, Rect(x: x, y: y, width: width, height: rows.checks), &buffer) { i in
            sample.checks[i].result == .untrue ? .error : sample.checks[i].result == nil ? .muted : .plain
        }
    }

    /// `+1`, `-0.5`, or empty for no difference.
    static func signed(_ d: Points) -> String {
        d == .zero ? "" : (d.hundredths > 0 ? "+" : "") + d.description
    }

    /// The second line: the lock, and in the city's view whether the city signed. A stage open again after an
    /// unlock says who unlocked it, when and (`withReason`) why.
    static func statusText(_ ev: Evaluation, city: CityReview?, withReason: Bool = true, withTime: Bool = true) -> String {
        func unlocked(_ u: Unlocking?, signedSince: Bool = false) -> String {
            u?.brief(withReason: withReason, withTime: withTime, signedSince: signedSince) ?? ""
        }
        if let city {
            if let s = city.citySignature {
                return "市级考评已签署：\(s.by) \(TimeText.shown(s.at))" + unlocked(city.city?.lastUnlock, signedSince: true)
            }
            return city.city == nil ? "市级考评未开始（a 改分或 d 抽样即开始）" : "市级考评未签署" + unlocked(city.city?.lastUnlock)
        }
        let lock = ev.signature.map { "已签署锁定：\($0.by) \(TimeText.shown($0.at))" + unlocked(ev.lastUnlock, signedSince: true) }
            ?? "初评未签署" + unlocked(ev.lastUnlock)
        return lock + (ev.recommendation == nil ? "" : " 已推荐市级")
    }

    /// A check's note in the list, after what the list must not cut: for 不属实 whether the community corrected
    /// it (`已更正1处`, `待更正`, `签署时未更正`), and a change after the draw the check does not explain
    /// (`抽样后已修改1处`).
    static func checkNote(_ c: SpotCheck, signed: Bool) -> String {
        let marks = [c.correctionText(signed: signed), c.changedAfterDrawText].compactMap { $0 }.map { "（\($0)）" }.joined()
        return marks + (c.note ?? "")
    }

    /// The same marks for the selected record's line (`（社区已更正1处）`, `（签署时未更正）`); empty when none.
    static func correction(_ c: SpotCheck, signed: Bool) -> String {
        return [c.correctionLongText(signed: signed), c.changedAfterDrawText].compactMap { $0 }.map { "（\($0)）" }.joined()
    }

    static func title(_ e: EvaluationState) -> String {
        guard let ev = e.evaluation else { return "评选：自评、初评与抽查" }
        return (e.stage == .city ? "市级考评：" : "评选：") + "\(ev.rubricTitle) 考核期 \(ev.period)"
    }

    /// `核实 3/10：不属实 1 联系不上 1 不符率 50%`.
    static func progress(_ s: SpotCheckSample) -> String {
        let rate = s.discrepancyRate.map { "  不符率 \($0.percentText)" } ?? ""
        return "核实 \(s.checkedCount)/\(s.checks.count)：不属实 \(s.count(.untrue))  联系不上 \(s.count(.unreachable))\(rate)"
    }

    static func itemRow(_ title: String, _ cells: [String]) -> String {
        DisplayWidth.column(title, 32) + cells.map { DisplayWidth.fit($0, 6, alignRight: true) }.joined()
    }

    /// From this width the sample list shows which service to check with each record (`2026-03-03 开业指导`, as
    /// checked; the selected record's line says what was corrected since), not only in the selected record's line:
    /// the fixed columns, the service and room for a note.
    static let wideSampleWidth = 100

    /// A sampled record's row: 姓名 takes four characters and its gap (张测一改), a longer name is cut with …;
    /// `service` (nil: no column) before the note.
    static func checkRow(_ position: String, _ name: String, _ id: String, _ stratum: String, _ result: String, _ note: String,
                         service: String? = nil) -> String {
        DisplayWidth.column(position, 6) + DisplayWidth.column(name, 9) + DisplayWidth.column(id, 19) + DisplayWidth.column(stratum, 12)
            + DisplayWidth.column(result, 10) + (service.map { DisplayWidth.column($0, 22) } ?? "") + note
    }

    /// The focused list shows its selection; the other one is drawn at the same scroll without it.
    static func drawList(_ rows: [String], _ list: ListState, focused: Bool, _ rect: Rect, _ buffer: inout Buffer,
                         style: @escaping (Int) -> Style) {
        if focused { return ListView.draw(rows, state: list, in: rect, into: &buffer, rowStyle: style) }
        let offset = ListView.visibleOffset(list, count: rows.count, height: rect.height)
        for (i, index) in (offset..<min(rows.count, offset + rect.height)).enumerated() {
            buffer.put(DisplayWidth.fit(rows[index], rect.width), x: rect.x, y: rect.y + i, style: style(index))
        }
    }

    /// The keys of the operator's role (nil: not read yet, every key): a clerk is not offered `S签署`.
    static func hints(_ e: EvaluationState, role: EvaluationRole?) -> String {
        let role = role ?? .everyone
        guard e.evaluation != nil else {
            if role.takesDistrictSteps { return "t提交自评  U解锁  Esc返回  F1帮助" }
            return role.submits ? "t提交自评  Esc返回  F1帮助" : "Esc返回  F1帮助"
        }
        let steps = e.stage == .district ? role.takesDistrictSteps : role.takesCitySteps
        // A signed stage offers only what follows a signature: recommending, unlocking, reading.
        let signed = e.shownSignature != nil
        // A stage draws once: `d` is offered until it has.
        let draw = e.shownSample == nil ? "d抽样  " : ""
        if e.focus == .sample {
            if steps && signed { return "Tab切换  ↑↓选择  Enter打开记录  f服务  U解锁  Esc返回  F1帮助" }
            return steps ? "Tab切换 Enter打开 f服务 1属实 2不属实 3联系不上 a改分 S签署 Esc返回 F1帮助"
                : "Tab切换  ↑↓选择  Enter打开记录  f服务  Esc返回  F1帮助"
        }
        if e.stage == .city {
            guard steps else { return "Tab切换  c初评  Esc返回  F1帮助" }
            return signed ? "Tab切换  U解锁  c初评  Esc返回  F1帮助" : "Tab切换  a改分  \(draw)S签署  U解锁  c初评  Esc返回  F1帮助"
        }
        // Recommending follows a signature (once); unlocking lifts one.
        if steps {
            guard signed else { return "Tab切换  a改分  \(draw)S签署  c市级  t重新提交  Esc返回  F1帮助" }
            return e.evaluation?.recommendation == nil ? "Tab切换  R推荐  c市级  U解锁  Esc返回  F1帮助" : "Tab切换  c市级  U解锁  Esc返回  F1帮助"
        }
        // A clerk submits again only before the 初评 began (no draw, no adjustment) and while unsigned.
        let ev = e.evaluation, begun = ev?.sample != nil || ev?.adjustments.isEmpty == false || ev?.signature != nil
        return role.submits && !begun ? "Tab切换  t重新提交  c市级  Esc返回  F1帮助" : "Tab切换  c市级  Esc返回  F1帮助"
    }

    /// A dialog's title, lines and the line edited (nil for a confirmation).
    static func dialog(_ prompt: EvaluationPrompt, _ editor: TextEditor) -> (String, [String], TextEditor?) {
        switch prompt {
        case .points(let item, let stage, let now):
            let base = stage == .district ? "自评" : "初评"
            let allowed = item.allowed.map { "可给：\($0.allowedText)分" } ?? "可给0到\(item.max)分"
            // A score already changed in this stage is named beside the one it started from.
            let current = now.map { "，现\(stage.title) \($0)分" } ?? ""
            return ("\(stage.title)改分", ["\(item.title)：\(base) \(item.points)分\(current)，满分 \(item.max)分", allowed,
                                       "分数（Enter 下一步，Esc 取消）：", ""], editor)
        case .reason(let item, let points, let stage):
            let base = stage == .district ? "自评" : "初评"
            return ("\(stage.title)改分", ["\(item.title)：\(stage.title) \(points)分（\(base) \(item.points)分）", "", "改分理由（必填，Enter 保存）：", ""], editor)
        case .drawSize(let stage):
            return (stage == .district ? "随机抽样" : "市级随机抽样",
                    ["按创业状态分层、按比例抽取人员（每人同时抽查一次服务）；", "种子随机生成并记录，同一种子可重现同一名单。只抽一次。", "",
                     "抽取人数（Enter 下一步，Esc 取消）：", ""], editor)
        case .drawServices(let size, let stage):
            return (stage == .district ? "随机抽样" : "市级随机抽样",
                    ["抽取\(size)人。另可按服务类型分层单独抽取服务，", "与人员出自同一种子。", "",
                     "单独抽取的服务数（可为0，Enter 抽样）：", ""], editor)
        case .note(let check, let result, _):
            let required = result == .untrue ? "必填，社区将看到" : "可不填"
            let what = check.forService ? "\(check.name) \(check.service?.text ?? "")" : "\(check.name)（\(check.stratum)）"
            var lines = ["第\(check.position)号 \(what)"]
            if let before = check.result, before != result {
                lines.append("将替换已记录的“\(before.rawValue)”" + ((check.note ?? "").isEmpty ? "" : "：\(check.note ?? "")") + "（Esc 保留原结果）")
            }
            return ("核实结果：\(result.rawValue)", lines + ["", "说明（\(required)，Enter 保存）：", ""], editor)
        case .unlockReason:
            return ("解锁台账", ["解锁后本社区的台账可以修改，理由记入修改记录。", "", "解锁理由（必填，Enter 解锁，Esc 取消）：", ""], editor)
        case .confirmSign(let stage, let changed, let uncorrected, let rechecks, let items):
            let untrue = uncorrected.isEmpty ? [] : ["! 有\(uncorrected.count)条抽查不属实的记录社区尚未更正：", "  \(uncorrected.namedBriefly)",
                                                     "  签署后锁定，记为“签署时未更正”", ""]
            // A conclusion about a record that changed after it was reached: checked again (1/2/3), or signed knowingly.
            let changedChecks = rechecks.isEmpty ? [] : ["! 有\(rechecks.count)条已核实的抽样记录核实后又被修改：", "  \(rechecks.namedBriefly)",
                                                         "  签署的是核实时的结论（可选中后重新核实）", ""]
            // Items the corrected registers no longer support: the supervisor adjusts them (a) or signs knowingly.
            let differing = items.isEmpty ? [] : ["! 按现在的台账有\(items.count)项得分与初评不同（可按 a 改分）："] + items.map { "  " + $0 } + [""]
            let outdated = untrue + changedChecks + differing + (changed > 0 && items.isEmpty ? ["! 自评提交后台账又修改了\(changed)处：签署的是提交时的自评", ""] : [])
            let effect = stage == .district ? ["签署后本社区的台账将被锁定，", "任何修改须由督导解锁。"] : ["签署后台账保持锁定，", "只有市级督导可以解锁。"]
            return ("签署" + stage.title, outdated + effect + ["", "Enter 签署    Esc 取消"], nil)
        case .confirmRecommend(let unmet) where unmet.isEmpty:
            return ("推荐市级考评", ["推荐本社区参加市级考评：", "市级督导将复核初评并另行抽样。", "", "Enter 推荐    Esc 取消"], nil)
        case .confirmRecommend(let unmet):
            return ("推荐市级考评", ["! 本社区未达到评选入围条件："] + unmet.map { "  · " + $0 }
                        + ["市级督导将复核初评并另行抽样。", "", "y/Enter 仍然推荐    Esc 取消"], nil)
        case .confirmSubmit(let total, let max, let replacing, let setsAside):
            let replaced = setsAside.map { begun in
                ["! 本期初评已经开始，将替代第\(begun.id)份自评及其初评："] + DisplayWidth.wrap("（\(begun.summary)）", 50, maxLines: 4).map { "  " + $0 }
                    + ["  新的自评须重新初评和抽样；原结果保留在修改记录中。", ""]
            } ?? replacing.map { ["将替代已提交的自评（\($0)分）。"] } ?? []
            let ask = setsAside == nil ? ["", "y/Enter 提交    Esc 取消"] : ["", "重新提交的理由（必填，记入修改记录；Enter 提交，Esc 取消）：", ""]
            return ("提交自评", ["按现在的台账，自评总分 \(total)/\(max) 分。"] + replaced
                        + ["提交后各评分项的得分、实测值和台账校验码", "将被冻结，督导据此初评和抽样。"] + ask,
                    setsAside == nil ? nil : editor)
        }
    }
}
