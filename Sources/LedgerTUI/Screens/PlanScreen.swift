import LedgerCore
import TerminalUI

/// The score plan (评分计划): the ranked steps toward a better score; Enter lists the persons to act on, and Enter
/// on a person starts a service for them. The plan is computed in `reduce` from the kept figures and the store's
/// details, never while drawing.
public struct PlanState: Sendable {
    public var list = ListState()
    /// Nil until the store's details arrive.
    public var plan: ScorePlan?
    /// The records behind the chosen step, once loaded.
    public var evidence: (title: String, register: Register, rows: [RegisterRow])?
    public var evidenceList = ListState()
    /// Which records the evidence list shows, to read them again after a service is saved.
    public var evidenceQuery: Evidence?
    /// A record behind the step the operator may not change, shown read-only over the list (RecordViewing.swift).
    public var viewing: RecordView?
    public init() {}

    /// Whether Enter on a listed record starts a service for the person (serving raises the figure), rather than
    /// opening the record to correct (training, a business, a subsidy, or a record that is not a person's).
    public var enterServes: Bool {
        evidence?.register == .survey && evidenceQuery?.excluding?.correctedField == nil
    }

    /// What the list shows: the items by their best step's points per unit of work, each with its steps (the
    /// nearest band first), then the items that propose nothing, with their reason.
    public var rows: [PlanRow] {
        guard let plan else { return [] }
        return plan.rankedGaps.flatMap { gap -> [PlanRow] in
            if let reason = gap.blocked { return [.blocked(title: gap.title, reason: reason)] }
            return gap.steps.enumerated().map { i, step in .step(step, first: i == 0) }
        }
    }
}

public enum PlanRow: Sendable, Hashable {
    /// A step; `first` for the item's nearest band (its row names the item), further bands are indented under it.
    case step(PlanStep, first: Bool)
    case blocked(title: String, reason: String)
}

enum PlanScreen {
    static let detailLines = 2

    /// The body (between header and message line) less the title line, the lock's line when locked, and the
    /// detail lines.
    static func listRows(_ state: AppState) -> Int { max(1, state.height - 3 - 1 - lockLines(state) - detailLines) }

    /// The lines saying the records are locked, when they are (two at 80 columns).
    static func lockLines(_ state: AppState) -> Int {
        guard case .plan(let p) = state.screen, let notice = p.plan?.lockNotice else { return 0 }
        return lockText(notice, width: state.width - 2).count
    }

    static func lockText(_ notice: String, width: Int) -> [String] { DisplayWidth.wrap(notice, width, maxLines: 2) }
    /// The body less the title and column header lines.
    static func evidenceRows(_ state: AppState) -> Int { max(1, state.height - 3 - 2) }

    static func draw(_ state: AppState, _ p: PlanState, in rect: Rect, into buffer: inout Buffer) {
        let x = rect.x + 1, width = rect.width - 2
        guard let plan = p.plan else {
            buffer.put("正在计算评分计划…", x: x, y: rect.y + 1, style: .muted)
            return
        }
        if let evidence = p.evidence {
            EvidenceList.draw(evidence, list: p.evidenceList,
                              enterDoes: state.recordsOpenReadOnly ? (evidence.register == .survey ? "只读" : "Enter 查看")
                                  : p.enterServes ? "Enter 为其新增服务记录" : "Enter 打开修改",
                              servicesHeader: "本期服务", rows: evidenceRows(state), in: rect, into: &buffer)
            return
        }
        let deadline = plan.daysLeft.map { "距考核期结束还有 \($0) 天" } ?? "考核期已结束"
        let total = state.scoreCards?.saved.total.description ?? "—"
        // Locked by the signed 初评: said first, above the figures, which stay as information.
        let notice = plan.lockNotice.map { lockText($0, width: width) } ?? []
        for (i, line) in notice.enumerated() { buffer.put(line, x: x, y: rect.y + i, style: .warning, maxWidth: width) }
        let top = rect.y + notice.count
        buffer.put("评分计划：\(deadline)　当前 \(total) 分，按计划最多可再得 \(plan.reachableGain) 分", x: x, y: top, style: .title, maxWidth: width)
        let rows = p.rows
        if rows.isEmpty {
            buffer.put("各项均已得满分，无需补充。", x: x, y: top + 2, style: .ok)
            return
        }
        let lines = rows.map { row -> String in
            switch row {
            case .step(let s, let first):
                // A step too late for the period says so where the gain would be: it promises nothing.
                return first ? DisplayWidth.fit(s.tooLate == nil ? "+\(s.gain)" : "来不及", 6) + "【\(s.itemTitle)】" + s.action
                             : DisplayWidth.fit("", 6) + "└ " + PlanWording.alternative(s.action)
            case .blocked(let title, let reason): return DisplayWidth.fit("—", 6) + "【\(title)】" + reason
            }
        }
        let listRect = Rect(x: x, y: top + 1, width: width, height: listRows(state))
        ListView.draw(lines, state: p.list, in: listRect, into: &buffer, rowStyle: { i in
            if case .blocked = rows[i] { return .muted }
            if case .step(let s, _) = rows[i], s.tooLate != nil { return .muted }
            return .plain
        })
        guard p.list.selected < rows.count else { return }
        let detail: String
        switch rows[p.list.selected] {
        case .step(let s, _):
            let work = s.units.map { "工作量 \($0)" } ?? "自评项：在社区档案（6）中更新"
            let enter = s.evidence.map { "　Enter 列出\($0.title)" } ?? activityKind(of: s.itemId, state).map { "　Enter 新增\($0.rawValue)记录" } ?? ""
            detail = s.action + "　" + work + enter
        case .blocked(let title, let reason):
            detail = "\(title)：\(reason)"
        }
        for (i, line) in DisplayWidth.wrap(detail, width, maxLines: detailLines).enumerated() {
            buffer.put(line, x: x, y: listRect.maxY + i, style: i == 0 ? .hint : .plain)
        }
    }
}

func openPlan(_ state: inout AppState) -> [Effect] {
    guard let community = state.community else { return [] }
    state.screen = .plan(PlanState())
    return [.loadPlanDetails(community: community.code)]
}

/// The store's details arrived: the plan is computed here, once, from the kept figures.
func planDetailsLoaded(_ state: inout AppState, _ details: PlanDetails) -> [Effect] {
    guard case .plan(var p) = state.screen, let community = state.community, let rubric = state.rubric else { return [] }
    p.plan = Planner.plan(rubric, facts: state.facts, checklist: community.checklist, period: community.period, today: state.today,
                          details: details, lock: state.lock)
    state.screen = .plan(p)
    p.list.move(0, count: p.rows.count, visibleRows: PlanScreen.listRows(state))
    state.screen = .plan(p)
    return []
}

func planKey(_ state: inout AppState, _ plan: PlanState, _ key: Key) -> [Effect] {
    var p = plan
    guard let community = state.community else { return [] }
    if let evidence = p.evidence {
        switch key {
        case .up, .down: p.evidenceList.move(key == .up ? -1 : 1, count: evidence.rows.count, visibleRows: PlanScreen.evidenceRows(state))
        case .pageUp, .pageDown:
            let rows = PlanScreen.evidenceRows(state)
            p.evidenceList.move(key == .pageUp ? -rows : rows, count: evidence.rows.count, visibleRows: rows)
        case .enter:
            guard p.evidenceList.selected < evidence.rows.count else { break }
            let row = evidence.rows[p.evidenceList.selected]
            state.screen = .plan(p)
            // A person is served where serving raises the figure; where the register lacks a fact (training,
            // business, subsidy) the person's record opens at that field; any other record opens to be corrected.
            if p.enterServes, let idNumber = row.fields["id_number"] {
                return newServiceFor(&state, idNumber: idNumber, returnTo: .plan(p))
            }
            return [.openRecord(evidence.register, id: row.id, focus: evidence.register == .survey ? p.evidenceQuery?.excluding?.correctedField : nil)]
        case .escape:
            p.evidence = nil
            p.evidenceQuery = nil
        default: break
        }
        state.screen = .plan(p)
        return []
    }
    let rows = p.rows
    switch key {
    case .up, .down: p.list.move(key == .up ? -1 : 1, count: rows.count, visibleRows: PlanScreen.listRows(state))
    case .pageUp, .pageDown:
        let visible = PlanScreen.listRows(state)
        p.list.move(key == .pageUp ? -visible : visible, count: rows.count, visibleRows: visible)
    case .enter:
        guard p.list.selected < rows.count else { break }
        switch rows[p.list.selected] {
        case .step(let step, _):
            // An activity count (宣传活动, 创业典型, 推荐入园) is raised by a new activity of its kind: its form opens.
            if step.evidence == nil, let kind = activityKind(of: step.itemId, state) {
                state.screen = .plan(p)
                return newActivity(&state, kind, returnTo: .plan(p))
            }
            guard let evidence = step.evidence else {
                state.show(step.units == nil ? "此项为自评项：请在社区档案与自评（6）中更新" : "此项没有可列出的台账记录：\(step.action)", error: true)
                break
            }
            p.evidenceQuery = evidence
            state.screen = .plan(p)
            return [.loadEvidence(community: community.code, evidence)]
        case .blocked(_, let reason):
            state.show(reason, error: true)
        }
    case .escape, .character("q"):
        state.screen = .home
        return []
    default: break
    }
    state.screen = .plan(p)
    return []
}

/// The activity kind an item of the community's rubric counts, if it counts one.
private func activityKind(of itemId: String, _ state: AppState) -> ActivityKind? {
    guard let item = state.rubric?.items.first(where: { $0.id == itemId }) else { return nil }
    switch item.rule {
    case let .countDeduction(measure, _, _), let .atLeast(measure, _): return Contribution.activityKind(counting: measure)
    default: return nil
    }
}

/// A new activity record of `kind` (its type filled in), back to `returnTo` once saved.
func newActivity(_ state: inout AppState, _ kind: ActivityKind, returnTo: ReturnScreen) -> [Effect] {
    _ = startFilledForm(&state, .activity, returnTo: returnTo) { $0.values["kind"] = kind.rawValue }
    return []
}
