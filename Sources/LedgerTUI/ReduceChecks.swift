import LedgerCore
import TerminalUI

// The checks screen: every problem of the registers, grouped by rule; Enter corrects one, `a` accepts a whole
// group of warnings with one reason.

extension ChecksState {
    /// Moves the selection among the problems; the list scrolls by its rows (headings included).
    mutating func moveSelection(_ delta: Int, height: Int) {
        guard !items.isEmpty else { list = ListState(); return }
        list.selected = min(max(0, list.selected + delta), items.count - 1)
        list.offset = ChecksScreen.displayOffset(self, height: height)
    }

    /// The open (not yet accepted) warnings of the selected item's rule: the group `a` accepts.
    var selectedWarningGroup: (code: String, records: [RecordRef])? {
        guard list.selected < items.count else { return nil }
        let item = items[list.selected]
        guard item.severity == .warning, item.accepted == nil else { return nil }
        var seen = Set<RecordRef>()
        let records = items.filter { $0.code == item.code && $0.severity == .warning && $0.accepted == nil }
            .map { RecordRef($0.register, id: $0.id) }
            .filter { seen.insert($0).inserted }
        return (item.code, records)
    }
}

func checksKey(_ state: inout AppState, _ checks: ChecksState, _ key: Key) -> [Effect] {
    var c = checks
    switch key {
    case .up, .down:
        c.moveSelection(key == .up ? -1 : 1, height: ChecksScreen.listRows(state))
    case .pageUp, .pageDown:
        let rows = ChecksScreen.listRows(state)
        c.moveSelection(key == .pageUp ? -rows : rows, height: rows)
    case .enter:
        guard c.list.selected < c.items.count else { break }
        let item = c.items[c.list.selected]
        state.screen = .checks(c)
        return [.openRecord(item.register, id: item.id, focus: item.field)]
    case .character("a"):
        if let refusal = state.changeRefusal("确认警告") {
            state.show(refusal, error: true)
            break
        }
        guard let group = c.selectedWarningGroup else {
            state.show("请先选择一条未确认的警告（! 标记）：将确认与它同一规则的全部警告", error: true)
            break
        }
        state.screen = .checks(c)
        state.dialog = .acceptWarningGroup(code: group.code, records: group.records, reason: TextEditor(limit: WrittenReason.longest))
        return []
    case .escape, .character("q"):
        state.screen = .home
        return state.community.map { [.loadFacts(community: $0.code)] } ?? []
    default: break
    }
    state.screen = .checks(c)
    return []
}

func acceptGroupDialogKey(_ state: inout AppState, code: String, records: [RecordRef], _ reason: TextEditor, _ key: Key) -> [Effect] {
    switch LineInput(reason, key) {
    case .cancelled:
        state.dialog = nil
    case .edited(let reason):
        state.dialog = .acceptWarningGroup(code: code, records: records, reason: reason)
    case .submitted(let text):
        guard !text.isEmpty else {
            state.show("确认警告必须填写理由", error: true)
            return []
        }
        state.dialog = nil
        return [.acceptWarnings(code: code, reason: text, records: records)]
    }
    return []
}
