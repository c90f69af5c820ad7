import LedgerCore
import TerminalUI

/// The score explained: every item with its figure and reason; Enter lists the records behind an item.
public struct ScoreState: Sendable {
    public var list = ListState()
    /// The records behind the chosen item, once loaded.
    public var evidence: (title: String, register: Register, rows: [RegisterRow])?
    public var evidenceList = ListState()
    public init() {}
}

enum ScoreScreen {
    static func draw(_ state: AppState, _ s: ScoreState, in rect: Rect, into buffer: inout Buffer) {
        guard let card = state.scoreCards()?.saved else { return }
        if let evidence = s.evidence {
            let inner = Panel.draw("\(evidence.title)（共列出\(evidence.rows.count)条，Enter 打开修改）", in: rect, into: &buffer)
            if evidence.rows.isEmpty { buffer.put("（没有相关记录）", x: inner.x + 1, y: inner.y, style: .muted); return }
            let rows = evidence.rows.map { row -> String in
                let name = row.fields["name"] ?? row.fields["title"] ?? ""
                let id = row.fields["id_number"].map(ResidentID.masked) ?? row.fields["kind"] ?? ""
                let extra = row.fields["status"] ?? row.fields["date"] ?? ""
                return "\(DisplayWidth.fit(String(row.id), 8))\(DisplayWidth.fit(name, 14))\(DisplayWidth.fit(id, 20))\(extra)"
            }
            ListView.draw(rows, state: s.evidenceList, in: inner.inset(by: 0), into: &buffer)
            return
        }
        let inner = Panel.draw("\(card.rubricTitle)：总分 \(card.total)/\(card.max)（Enter 查看相关记录）", in: rect, into: &buffer)
        let rows = card.items.map { item in
            DisplayWidth.fit((item.source == .inferred ? "※" : "") + item.title, 30)
                + DisplayWidth.fit("\(item.points)/\(item.max)", 8, alignRight: true) + "  " + item.measured
        }
        let listRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - 3))
        ListView.draw(rows, state: s.list, in: listRect, into: &buffer)
        if s.list.selected < card.items.count {
            let item = card.items[s.list.selected]
            buffer.put("要求：\(item.threshold)", x: inner.x, y: inner.maxY - 3, style: .hint, maxWidth: inner.width)
            buffer.put(item.explanation, x: inner.x, y: inner.maxY - 2, maxWidth: inner.width)
            if let e = item.evidence { buffer.put("Enter：列出\(e.title)", x: inner.x, y: inner.maxY - 1, style: .muted, maxWidth: inner.width) }
        }
    }
}

func openScore(_ state: inout AppState) -> [Effect] {
    state.screen = .score(ScoreState())
    return []
}

func scoreKey(_ state: inout AppState, _ score: ScoreState, _ key: Key) -> [Effect] {
    var s = score
    guard let card = state.scoreCards()?.saved, let community = state.community else { return [] }
    if let evidence = s.evidence {
        switch key {
        case .up, .down: s.evidenceList.move(key == .up ? -1 : 1, count: evidence.rows.count, visibleRows: state.pageSize)
        case .enter:
            guard s.evidenceList.selected < evidence.rows.count else { break }
            state.screen = .score(s)
            return [.openRecord(evidence.register, id: evidence.rows[s.evidenceList.selected].id, focus: nil)]
        case .escape: s.evidence = nil
        default: break
        }
        state.screen = .score(s)
        return []
    }
    switch key {
    case .up, .down: s.list.move(key == .up ? -1 : 1, count: card.items.count, visibleRows: state.pageSize)
    case .enter:
        guard s.list.selected < card.items.count, let e = card.items[s.list.selected].evidence else {
            state.show("此项为自评项，没有对应的台账记录", error: true)
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
