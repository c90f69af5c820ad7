import LedgerCore
import TerminalUI

// Drafts: every new form autosaves to a slot of its own; the operator's kept drafts are listed at start and
// offered again when a form of the same kind is opened. A draft leaves the store only when its form is saved or
// the clerk discards it.

extension AppState {
    /// A slot no other form of this run (or of the operator's other runs) uses.
    mutating func nextDraftSlot() -> String {
        formsOpened += 1
        return "\(sessionTag)-\(formsOpened)"
    }

    /// The draft of a form as it stands; nil for forms that are not drafted.
    func draft(of form: FormState) -> Draft? {
        guard let community, let slot = form.draftSlot, form.editing == nil, form.spec.kind != .profile else { return nil }
        var draft = Draft(kind: form.spec.kind, communityCode: community.code, values: form.draftValues, focus: form.focus, slot: slot)
        if let person = form.servicePerson?.person, person.idNumber == form.values["id_number"] { draft.personName = person.name }
        return draft
    }

    /// Stores the form's draft and keeps the in-memory list equal to what the store holds.
    mutating func autosave(_ form: FormState) -> [Effect] {
        guard let draft = draft(of: form) else { return [] }
        if let i = drafts.firstIndex(where: { $0.slot == draft.slot }) { drafts[i] = draft } else { drafts.append(draft) }
        return [.storeDraft(draft)]
    }

    /// Forgets a kept draft, here and in the store.
    mutating func discardDraft(slot: String?) -> [Effect] {
        guard let slot, drafts.contains(where: { $0.slot == slot }) else { return [] }
        drafts.removeAll { $0.slot == slot }
        return [.discardDraft(slot: slot)]
    }
}

/// Opens a new form of a kind, offering first the newest kept draft of that kind, if there is one.
func openNewForm(_ state: inout AppState, _ kind: FormKind) -> [Effect] {
    if let kept = state.communityDrafts.last(where: { $0.kind == kind }) {
        state.dialog = .recoverDraft(kept)
        return []
    }
    return startNewForm(&state, kind)
}

/// A blank form of a kind, with a draft slot of its own.
func startNewForm(_ state: inout AppState, _ kind: FormKind) -> [Effect] {
    state.forgetLookUps()
    var form = state.newForm(kind)
    if kind != .profile { form.draftSlot = state.nextDraftSlot() }
    state.revalidate(&form)
    state.screen = .form(form)
    return []
}

/// A new form opened from a list (a person to serve, an activity to add): as any new form (fresh look-ups, a draft
/// slot of its own), filled in by `fill`, back to `returnTo` once saved. False when the records are locked (said).
func startFilledForm(_ state: inout AppState, _ kind: FormKind, returnTo: ReturnScreen, fill: (inout FormState) -> Void) -> Bool {
    if let refusal = state.changeRefusal("新增或修改") {
        state.show(refusal, error: true)
        return false
    }
    _ = startNewForm(&state, kind)
    guard case .form(var form) = state.screen else { return false }
    fill(&form)
    form.returnTo = returnTo
    state.revalidate(&form)
    state.screen = .form(form)
    return true
}

/// Opens a kept draft as the form it was, in its own slot.
func restoreDraft(_ state: inout AppState, _ draft: Draft) -> [Effect] {
    state.forgetLookUps()
    var form = FormState(spec: FormSpecs.spec(draft.kind), today: state.today, values: draft.values,
                         focus: FormSpecs.spec(draft.kind).field(draft.focus) != nil ? draft.focus : nil)
    form.draftSlot = draft.slot
    form.dirty = true
    form.touched = Set(draft.values.keys)
    state.revalidate(&form)
    state.screen = .form(form)
    state.show("已恢复草稿：\(draft.label)")
    return lookUps(state, form)
}

/// The operator's kept drafts arrived (once, at start): list this community's.
func draftsLoaded(_ state: inout AppState, _ drafts: [Draft]) -> [Effect] {
    state.drafts = drafts
    if !state.communityDrafts.isEmpty, state.dialog == nil, case .home = state.screen {
        state.dialog = .keptDrafts(ListState())
    }
    return []
}

/// Keys of the start-up list of kept drafts: Enter restores the selected one, d discards it, Esc keeps them all.
func keptDraftsKey(_ state: inout AppState, _ list: ListState, _ key: Key) -> [Effect] {
    var list = list
    let drafts = state.communityDrafts
    switch key {
    case .up, .down:
        list.move(key == .up ? -1 : 1, count: drafts.count, visibleRows: KeptDraftsView.visibleRows)
        state.dialog = .keptDrafts(list)
    case .enter:
        guard list.selected < drafts.count else { state.dialog = nil; return [] }
        state.dialog = nil
        return restoreDraft(&state, drafts[list.selected])
    case .character("d"), .character("D"):
        // Asked first: a draft is the only copy of what was typed, and d sits next to keys pressed in passing.
        guard list.selected < drafts.count else { return [] }
        state.dialog = .keptDrafts(list, discarding: true)
    case .escape, .character("n"), .character("N"):
        state.dialog = nil
        state.show("草稿已保留：新建同类表单时会再次提示")
    default:
        break
    }
    return []
}

/// Keys of the question whether to discard the selected kept draft: y or Enter discards it, any other key goes
/// back to the list with it kept.
func discardKeptDraftKey(_ state: inout AppState, _ list: ListState, _ key: Key) -> [Effect] {
    let drafts = state.communityDrafts
    guard [Key.enter, .character("y"), .character("Y")].contains(key), list.selected < drafts.count else {
        state.dialog = .keptDrafts(list)
        state.show("草稿已保留")
        return []
    }
    let effects = state.discardDraft(slot: drafts[list.selected].slot)
    state.show("已放弃草稿：\(drafts[list.selected].label)")
    let left = state.communityDrafts.count
    if left == 0 { state.dialog = nil } else { state.dialog = .keptDrafts(ListState(selected: min(list.selected, left - 1))) }
    return effects
}

/// Keys of the offer made when a form of a kind with a kept draft is opened.
func recoverDraftKey(_ state: inout AppState, _ draft: Draft, _ key: Key) -> [Effect] {
    switch key {
    case .enter, .character("y"), .character("Y"):
        state.dialog = nil
        return restoreDraft(&state, draft)
    case .character("n"), .character("N"):
        state.dialog = nil
        let effects = startNewForm(&state, draft.kind)
        state.show("草稿“\(draft.label)”仍保留")
        return effects
    case .character("d"), .character("D"):
        state.dialog = nil
        let effects = state.discardDraft(slot: draft.slot) + startNewForm(&state, draft.kind)
        state.show("已放弃草稿：\(draft.label)")
        return effects
    case .escape:
        state.dialog = nil
    default:
        break
    }
    return []
}

/// The list of kept drafts drawn in the start-up dialog.
enum KeptDraftsView {
    static let visibleRows = 8

    static func lines(_ drafts: [Draft], _ list: ListState) -> [String] {
        drafts.enumerated().dropFirst(list.offset).prefix(visibleRows).map { i, d in
            // `2026-12-06T04:15:…` reads as 2026-12-06 04:15.
            (i == list.selected ? "▶ " : "  ") + d.label + (d.savedAt.map { "（\(TimeText.shown($0))）" } ?? "")
        }
    }
}

extension FormState {
    /// Whether the quit dialog speaks of this form: a new record's form whose draft is kept (quitting keeps it, and
    /// the next start offers it), or a correction or profile with changes not saved (quitting gives them up).
    func hasUnsavedContent(drafts: [Draft]) -> Bool {
        guard let slot = draftSlot else { return dirty }
        return drafts.contains { $0.slot == slot }
    }
}
