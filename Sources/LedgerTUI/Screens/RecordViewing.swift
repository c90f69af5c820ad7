import LedgerCore
import TerminalUI

// A record the operator may not change opens read-only wherever it was opened from: a register (the district's or
// a community's), 数据检查, 评分明细, 评分计划 or the 评选 screen's sample. One rule decides it and one place holds the view over the screen
// that opened it, so no path opens an edit form that the store would refuse only at F2.

/// A record just opened (`recordOpened`) that the operator may not change: of a community whose records are locked
/// by the signed 初评 (shown read-only, the lock said above it), or of one the operator has no rights to (its numbers
/// masked, not in an edit form that shows them whole). Nil when the record opens in the edit form.
func readOnlyRecordViewed(_ state: inout AppState, _ editing: EditingRecord) -> [Effect]? {
    guard state.recordsOpenReadOnly else { return nil }
    let view = RecordView(register: editing.register, id: editing.id, communityName: state.community?.name ?? "",
                          fields: editing.originalFields, lock: state.lock,
                          masked: !state.showsNumbersInFull(of: state.community?.code ?? ""))
    if let shown = state.screen.showing(view) {
        state.screen = shown
    } else if let refusal = state.changeRefusal("修改") {
        // The screen that asked is gone (nothing opens records from here): still no edit form.
        state.show(refusal, error: true)
    }
    return []
}

/// Keys on a read-only record: scroll, and Esc or q back to the screen that opened it; nil when it is closed.
func recordViewKey(_ viewing: RecordView, _ key: Key) -> RecordView? {
    var v = viewing
    switch key {
    case .up: v.offset = max(0, v.offset - 1)
    case .down: v.offset = min(max(0, v.lines.count - 1), v.offset + 1)
    case .escape, .character("q"): return nil
    default: break
    }
    return v
}

extension Screen {
    /// The read-only record shown over this screen, if any: it takes the keys, the body and the footer.
    var recordView: RecordView? {
        switch self {
        case .browser(let b): b.viewing
        case .district(let d): d.viewing
        case .checks(let c): c.viewing
        case .score(let s): s.viewing
        case .plan(let p): p.viewing
        case .evaluation(let e): e.viewing
        case .loading, .chooseCommunity, .home, .form, .help, .history, .overview, .statistics: nil
        }
    }

    /// This screen with `view` shown over it (nil: closed, back to the screen as it was); nil for a screen that
    /// opens no records.
    func showing(_ view: RecordView?) -> Screen? {
        switch self {
        case .browser(var b): b.viewing = view; return .browser(b)
        case .district(var d): d.viewing = view; return .district(d)
        case .checks(var c): c.viewing = view; return .checks(c)
        case .score(var s): s.viewing = view; return .score(s)
        case .plan(var p): p.viewing = view; return .plan(p)
        case .evaluation(var e): e.viewing = view; return .evaluation(e)
        case .loading, .chooseCommunity, .home, .form, .help, .history, .overview, .statistics: return nil
        }
    }
}
