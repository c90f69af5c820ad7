import LedgerCore
import TerminalUI

/// The score explained: every item with its figure and reason; Enter lists the records behind an item.
public struct ScoreState: Sendable {
    public var list = ListState()
    /// The records behind the chosen item, once loaded.
    public var evidence: (title: String, register: Register, rows: [RegisterRow])?
    public var evidenceList = ListState()
    /// A record behind the item the operator may not change, shown read-only over the list (RecordViewing.swift).
    public var viewing: RecordView?
    public init() {}
}

enum ScoreScreen {
    /// Lines below the items for the selected item's requirement and reason.
    static let detailLines = 2

    /// Items shown at once: the body less the title line and the detail lines (at 80×24, all 18 items).
    static func listRows(_ state: AppState) -> Int { max(1, bodyRect(state).height - 1 - detailLines) }

    /// Records shown at once below the evidence title.
    static func evidenceRows(_ state: AppState) -> Int { max(1, bodyRect(state).height - 2) }

    static func draw(_ state: AppState, _ s: ScoreState, in rect: Rect, into buffer: inout Buffer) {
        guard let card = state.scoreCards?.saved else { return }
        let x = rect.x + 1, width = rect.width - 2
        if let evidence = s.evidence {
            EvidenceList.draw(evidence, list: s.evidenceList, enterDoes: state.recordsOpenReadOnly ? "Enter 查看" : "Enter 打开修改",
                              servicesHeader: "服务次数",
                              rows: evidenceRows(state), in: rect, into: &buffer)
            return
        }
        buffer.put("\(card.rubricTitle)：总分 \(card.total)/\(card.max)（Enter 查看相关记录）", x: x, y: rect.y, style: .title, maxWidth: width)
        let rows = card.items.map { item in
            DisplayWidth.fit((item.source == .inferred ? "※" : "") + item.title, 30)
                + DisplayWidth.fit("\(item.points)/\(item.max)", 8, alignRight: true) + " "
                + Gauge.text(earned: item.earnedFraction, progress: item.progress, width: 8, ascii: state.asciiGauges) + " " + item.measured
        }
        let listRect = Rect(x: x, y: rect.y + 1, width: width, height: listRows(state))
        ListView.draw(rows, state: s.list, in: listRect, into: &buffer)
        let first = ListView.visibleOffset(s.list, count: rows.count, height: listRect.height)
        if first > 0 { buffer.put("↑", x: rect.maxX - 1, y: listRect.y, style: .hint) }
        if first + listRect.height < rows.count { buffer.put("↓", x: rect.maxX - 1, y: listRect.maxY - 1, style: .hint) }
        if s.list.selected < card.items.count {
            let item = card.items[s.list.selected]
            let evidence = item.evidence.map { "（Enter 列出\($0.title)）" } ?? ""
            let detail = DisplayWidth.wrap("要求：\(item.threshold)\(evidence)　\(item.explanation)", width, maxLines: detailLines)
            for (i, line) in detail.enumerated() { buffer.put(line, x: x, y: listRect.maxY + i, style: i == 0 ? .hint : .plain) }
        }
    }
}

func openScore(_ state: inout AppState) -> [Effect] {
    state.screen = .score(ScoreState())
    return []
}

func scoreKey(_ state: inout AppState, _ score: ScoreState, _ key: Key) -> [Effect] {
    var s = score
    guard let card = state.scoreCards?.saved, let community = state.community else { return [] }
    if let evidence = s.evidence {
        if s.evidenceList.scroll(key, count: evidence.rows.count, visibleRows: ScoreScreen.evidenceRows(state)) {
            state.screen = .score(s)
            return []
        }
        switch key {
        case .enter:
            guard s.evidenceList.selected < evidence.rows.count else { break }
            state.screen = .score(s)
            return [.openRecord(evidence.register, id: evidence.rows[s.evidenceList.selected].id, focus: nil)]
        case .character("n"):
            guard evidence.register == .survey, s.evidenceList.selected < evidence.rows.count,
                  let idNumber = evidence.rows[s.evidenceList.selected].fields["id_number"] else { break }
            state.screen = .score(s)
            return newServiceFor(&state, idNumber: idNumber, returnTo: .score(s))
        case .escape: s.evidence = nil
        default: break
        }
        state.screen = .score(s)
        return []
    }
    if s.list.scroll(key, count: card.items.count, visibleRows: ScoreScreen.listRows(state)) {
        state.screen = .score(s)
        return []
    }
    switch key {
    case .enter:
        guard s.list.selected < card.items.count, let e = card.items[s.list.selected].evidence else {
            // A computed item without records to list (三项补贴 with nobody eligible, or all received) is no 自评项.
            let judged = s.list.selected < card.items.count && state.rubric?.item(card.items[s.list.selected].id)?.allowedLevels.isEmpty == false
            state.show(judged ? "此项为自评项，没有对应的台账记录" : "此项没有需要列出的台账记录", error: true)
            break
        }
        state.screen = .score(s)
        return [.loadEvidence(community: community.code, e)]
    case .escape, .character("q"): state.screen = .home; return []
    default: break
    }
    state.screen = .score(s)
    return []
}

/// A new service form for a person already chosen (from a list of persons): the clerk goes on from 服务日期 (today,
/// typed over), as after choosing the person in the form.
func newServiceFor(_ state: inout AppState, idNumber: String, returnTo: ReturnScreen) -> [Effect] {
    guard let community = state.community else { return [] }
    let opened = startFilledForm(&state, .service, returnTo: returnTo) { form in
        form.editor.setText(idNumber)
        form.focusNext()
    }
    return opened ? [.lookUpIdNumber(idNumber), .loadServicePerson(community: community.code, idNumber: idNumber)] : []
}
