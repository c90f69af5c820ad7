import LedgerCore

/// Follows the entry forms through the states `reduce` produces, for the operator statistics: which form is open,
/// the errors validation showed on it, and whether it ended saved or abandoned. `reduce` has no clock, so the
/// key loop stamps the times (`stamp(now:)`) after every action it gives `reduce`.
public struct EntryLog: Sendable {
    /// One form of a register, from opening to saving or leaving.
    struct Form: Sendable {
        /// A form is the same form while its register, record and draft slot stay (saving with F3 starts a new
        /// slot for the next record).
        let identity: String
        let register: Register
        let community: String
        let editingId: Int64?
        var openedAt: String?
        /// `field|code` of every error shown (each once).
        var errors: Set<String> = []
    }

    var open: Form?
    /// Forms ended since the last stamp, with the outcome.
    var ended: [(form: Form, outcome: EntryEvent.Outcome)] = []

    public init() {}

    /// Notes what `action` did to the form on screen; called by `reduce` with the state it produced.
    mutating func observe(_ action: Action, _ state: AppState) {
        let saved: Bool, refused: Bool
        if case .recordSaved = action { saved = true } else { saved = false }
        if case .recordRefused = action { refused = true } else { refused = false }
        let current = Self.form(on: state, includingFocused: refused)
        if var form = open, saved || current?.identity != form.identity {
            // A record saved with F3 keeps the form on screen as a new one; anything else leaving it abandons it.
            form.errors.formUnion(current?.identity == form.identity ? current?.errors ?? [] : [])
            ended.append((form, saved ? .saved : .abandoned))
            open = nil
        }
        guard let current else { return }
        if open == nil {
            open = current
        } else {
            open?.errors.formUnion(current.errors)
        }
    }

    /// Gives the times to forms opened and ended since the last call, and returns the ended ones.
    public mutating func stamp(now: String) -> [EntryEvent] {
        if open != nil, open?.openedAt == nil { open?.openedAt = now }
        defer { ended = [] }
        return ended.map { form, outcome in
            EntryEvent(register: form.register, community: form.community, recordId: outcome == .saved ? form.editingId : nil,
                       outcome: outcome, openedAt: form.openedAt ?? now, closedAt: now, errorsShown: form.errors.count)
        }
    }

    /// The register form on screen, or behind the help opened from it (the community profile is not a register
    /// form), with the errors it shows.
    /// The field being typed in counts only when a save was refused: while typing, a number half typed is
    /// "too short" at every key, which is no mistake; its error counts once the field is left.
    static func form(on state: AppState, includingFocused: Bool = false) -> Form? {
        let shown: FormState?
        switch state.screen {
        case .form(let f), .help(_, returnTo: .form(let f)): shown = f
        default: shown = nil
        }
        guard let f = shown, let register = f.spec.kind.register, let community = state.community else { return nil }
        let identity = "\(register.rawValue)|\(f.editing.map { String($0.id) } ?? "")|\(f.draftSlot ?? "")"
        var form = Form(identity: identity, register: register, community: community.code, editingId: f.editing?.id)
        for key in Set(f.findings.map(\.field)) where includingFocused || key != f.focus {
            for finding in f.visibleFindings(for: key) where finding.severity == .error { form.errors.insert("\(key)|\(finding.code)") }
        }
        return form
    }
}

extension AppState {
    /// `reduce`'s one call into the entry log, after every action.
    mutating func logEntryForms(after action: Action) {
        var log = entryLog
        log.observe(action, self)
        entryLog = log
    }
}
