import LedgerCore
import TerminalUI

/// A form being filled in: committed values, the focused field's editor, what the clerk has touched, and the
/// findings of the last validation.
public struct FormState: Sendable {
    public let spec: FormSpec
    /// Today, for normalising ID numbers (a birth date after today is not an ID).
    public let today: Day
    public var values: [String: String]
    public private(set) var focus: String
    public var editor: TextEditor
    /// Fields the clerk has left at least once: only their problems are shown until a save is attempted.
    public var touched: Set<String> = []
    /// Fields still holding a default the clerk has not confirmed: shown selected, replaced by the first key.
    public var defaulted: Set<String> = []
    public var showAllProblems = false
    public var findings: [Finding] = []
    /// What the draft adds to the score figures if saved now (nil: it could not be saved); found by the same
    /// validation as `findings`.
    public internal(set) var contribution: ScoreFacts?
    /// The person, day and type the service draft's same-day rule asked about (nil: the draft is not complete
    /// enough for it); its answer is looked up off the key loop (`sameDayLookUp`).
    public internal(set) var sameDayKey: SameDayServiceKey?
    /// The inputs `findings` and `contribution` were computed from: validation runs again only when they change.
    var validatedInput: ValidationInput?
    /// Selection in the option list or search results of the focused field.
    public var picker = ListState()
    /// While the field shows an option taken from the list with ↑↓: what the clerk had typed (`gz`, or nothing when
    /// the whole list was shown). The list keeps showing its matches, and the next edit acts on it (`edit(_:)`).
    public var pickerFilter: String?
    public var searchResults: [PersonHit] = []
    /// The clerk moved through `searchResults` with ↑↓: the highlighted person is their choice. Until then, several
    /// results are a question, not a choice (Tab took the first of 李艳、吕玉、刘洋 for `ly`).
    public var searchChosen = false
    public var servicePerson: PersonSnapshot?
    public var acceptedWarnings: [String: String] = [:]
    /// Changed since opened or last saved.
    public var dirty = false
    /// Set when correcting a saved record.
    public var editing: EditingRecord?
    /// The profile as the profile form opened it: only what the form changes is saved over the profile as it is
    /// by then (`ProfileEdit`).
    public var openedProfile: Community?
    /// Where to go after saving or leaving.
    public var returnTo: ReturnScreen = .home
    /// The clerk agreed that saving this correction clears the fields that no longer apply.
    public var dropsConfirmed = false
    /// The kept-draft slot this form autosaves to (nil: not drafted — corrections and the profile).
    public var draftSlot: String?
    /// The field focused before the current one: its message is shown when it is left.
    public private(set) var lastLeft: String?
    /// Characters typed into the focused field past its limit (refused): said when they are typed and again when
    /// the field is left, since the next key clears the status line and a cut name would otherwise pass unseen.
    public internal(set) var refusedTyping = 0
    /// `refusedTyping` of the field just left.
    public private(set) var lastLeftRefused = 0
    /// A paste into the focused field was cut at its limit: said at once and again when the field is left (a
    /// paste ending in a line break leaves it at once, and that key clears the status line).
    public internal(set) var pasteCut = false
    /// `pasteCut` of the field just left.
    public private(set) var lastLeftPasteCut = false

    public init(spec: FormSpec, today: Day, values: [String: String], defaults: [String: String] = [:], focus: String? = nil) {
        self.spec = spec
        self.today = today
        var merged = values
        for (key, value) in defaults where merged[key] == nil {
            merged[key] = value
            defaulted.insert(key)
        }
        self.values = merged
        let first = focus ?? spec.fields.first?.key ?? ""
        self.focus = first
        editor = TextEditor(merged[first] ?? "", limit: spec.field(first)?.maxLength ?? 200,
                            replaceOnType: defaulted.contains(first) || FormState.replacesOnType(spec.field(first), merged[first]))
    }

    public var focusedField: FieldSpec? { spec.field(focus) }
    public var page: Int { focusedField?.page ?? 0 }

    /// All values with the focused editor's text in place: what validation and autosave see.
    public var draftValues: [String: String] {
        var v = values
        let text = editor.text
        if text.isEmpty { v[focus] = nil } else { v[focus] = text }
        return v
    }

    /// The values of the fields that apply (fields that do not are kept for toggling back, but not saved).
    public var applicableValues: [String: String] {
        let draft = draftValues
        return draft.filter { key, _ in spec.field(key)?.applies(draft) ?? true }
    }

    /// Fields of the record being corrected that held a value and no longer apply (类型 changed from 创业典型, or
    /// 创业状态 from 已创业): saving clears them, so the clerk is asked first.
    public var fieldsClearedOnSave: [FieldSpec] {
        guard let original = editing?.originalFields else { return [] }
        let applicable = Set(applicableFields.map(\.key))
        // Only fields that applied to the record as saved and said something: 否 and 0 are what the store keeps for
        // nothing, and clearing them loses nothing.
        return spec.fields.filter { field in
            guard field.applies(original), !applicable.contains(field.key), let value = original[field.key], !value.isEmpty else { return false }
            switch field.kind {
            case .yesNo: return value != "否"
            case .integer: return value != "0"
            default: return true
            }
        }
    }

    /// Fields that apply to the draft as it stands, in order.
    public var applicableFields: [FieldSpec] {
        let draft = draftValues
        return spec.fields.filter { $0.applies(draft) }
    }

    public func fields(onPage page: Int) -> [FieldSpec] { applicableFields.filter { $0.page == page } }

    // MARK: - Moving

    /// Commits the editor and focuses `key`.
    public mutating func focus(on key: String) {
        commitEditor()
        if key != focus {
            lastLeft = focus
            lastLeftRefused = refusedTyping
            refusedTyping = 0
            lastLeftPasteCut = pasteCut
            pasteCut = false
        }
        focus = key
        editor = TextEditor(values[key] ?? "", limit: spec.field(key)?.maxLength ?? 200,
                            replaceOnType: defaulted.contains(key) || Self.replacesOnType(spec.field(key), values[key]))
        picker = ListState()
        pickerFilter = nil
        if case .choice(let choice)? = spec.field(key)?.kind, let value = values[key], let index = choice.names.firstIndex(of: value) {
            picker.move(index, count: choice.names.count, visibleRows: 5)
        }
        searchResults = []
        searchChosen = false
    }

    /// A field holding a value from a list, a yes/no, a date or a count is typed over, not appended to (`窗口` + `dh`
    /// must become 电话, not `窗口dh`); free text keeps its value for editing.
    static func replacesOnType(_ field: FieldSpec?, _ value: String?) -> Bool {
        guard let field, let value, !value.isEmpty else { return false }
        switch field.kind {
        // A count is typed over too, as a spreadsheet cell is: 8 then 5 must be 5, not 85 (which passes every
        // check), and the 0 a form starts with must not become 02. ← or Backspace edits it instead.
        case .choice, .yesNo, .date, .integer: return true
        case .multiChoice, .idNumber, .phone, .personSearch, .text, .multiline: return false
        }
    }

    /// Next applicable field; stays on the last one.
    public mutating func focusNext() {
        commitEditor()
        let fields = applicableFields
        guard let i = fields.firstIndex(where: { $0.key == focus }) else { return }
        if i + 1 < fields.count { focus(on: fields[i + 1].key) }
    }

    public mutating func focusPrevious() {
        commitEditor()
        let fields = applicableFields
        guard let i = fields.firstIndex(where: { $0.key == focus }), i > 0 else { return }
        focus(on: fields[i - 1].key)
    }

    /// First field of the next (or previous) page that has applicable fields.
    public mutating func turnPage(_ delta: Int) {
        commitEditor()
        var target = page + delta
        while target >= 0 && target < spec.pages.count {
            if let first = fields(onPage: target).first { focus(on: first.key); return }
            target += delta
        }
    }

    // MARK: - Committing

    /// Normalises the editor's text for its field kind and stores it: a unique choice becomes its canonical
    /// name, dates become `2024-03-15`, IDs are normalised (15 digits upgraded). Unparseable text is kept for
    /// validation to explain.
    public mutating func commitEditor() {
        guard let field = focusedField else { return }
        let text = editor.text.trimmingSpaces()
        touched.insert(focus)
        if text.isEmpty {
            values[focus] = nil
            defaulted.remove(focus)
            return
        }
        if defaulted.contains(focus) && text == values[focus] { return }
        defaulted.remove(focus)
        values[focus] = normalised(text, for: field)
        editor.setText(values[focus] ?? "")
    }

    func normalised(_ text: String, for field: FieldSpec) -> String {
        switch field.kind {
        case .choice(let choice):
            // Several matches stay as typed (validation says which they could be); the clerk picks with ↑↓.
            let found = choice.matches(text)
            return found.count == 1 ? found[0] : text
        case .multiChoice(let choice):
            let parts = text.split(whereSeparator: { "、;,；，/ ".contains($0) }).map(String.init)
            let resolved = parts.map { part -> String in
                let found = choice.matches(part)
                return found.count == 1 ? found[0] : part
            }
            var unique: [String] = []
            for r in resolved where !unique.contains(r) { unique.append(r) }
            return unique.joined(separator: "、")
        case .yesNo:
            return YesNo.parse(text).map { $0 ? "是" : "否" } ?? text
        case .date:
            return Day.parse(text)?.description ?? text
        case .idNumber:
            if case .success(let parsed) = ResidentID.parse(text, today: today) {
                return parsed.id.value
            }
            return text
        case .phone:
            return Phone.normalise(text) ?? text
        case .personSearch:
            // The one person found, or the one chosen with ↑↓; several not chosen stay as typed (validation asks).
            if searchResults.count == 1 || (searchChosen && picker.selected < searchResults.count) {
                return searchResults[min(picker.selected, searchResults.count - 1)].idNumber
            }
            // A number typed in full is kept as the number field kept it (a 15-digit one upgraded).
            if case .success(let parsed) = ResidentID.parse(text, today: today) { return parsed.id.value }
            return Normalize.halfWidth(text).uppercased()
        case .integer:
            return Normalize.halfWidth(text)
        case .text, .multiline:
            return text
        }
    }

    /// The values the focused field's text could mean when it names more than one of them: such text must not be
    /// committed (the first match is rarely what was meant: `gz` is 普通高中 to one clerk, 大学专科 to the list).
    public var ambiguousChoices: [String]? {
        let text = editor.text.trimmingSpaces()
        guard !text.isEmpty, let field = focusedField else { return nil }
        switch field.kind {
        case .choice(let choice):
            guard !choice.names.contains(text) else { return nil }
            let found = choice.matches(text)
            return found.count > 1 ? found : nil
        case .multiChoice(let choice):
            for part in text.split(whereSeparator: { "、;,；，/ ".contains($0) }).map(String.init) where !choice.names.contains(part) {
                let found = choice.matches(part)
                if found.count > 1 { return found }
            }
            return nil
        case .personSearch:
            guard searchResults.count > 1, !searchChosen else { return nil }
            let named = searchResults.prefix(5).map { "\($0.name)（…\($0.idNumber.suffix(4))）" }
            return searchResults.count > 5 ? named + ["等\(searchResults.count)人"] : named
        default:
            return nil
        }
    }

    /// Options to show under the focused field, filtered by what has been typed (for multi-choice: the last item).
    public var options: [String] {
        guard let field = focusedField else { return [] }
        switch field.kind {
        case .choice(let choice):
            // Moving through the matches of partial text keeps them listed; a complete value shows the whole list
            // (↑↓ then move through it); partial text filters it.
            if let pickerFilter { return choice.matches(pickerFilter) }
            if editor.replaceOnType || editor.text.isEmpty || choice.names.contains(editor.text) { return choice.names }
            return choice.matches(editor.text)
        case .multiChoice(let choice):
            let last = editor.text.split(whereSeparator: { "、;,；，/ ".contains($0) }).last.map(String.init) ?? ""
            return editor.text.last.map({ "、;,；，/ ".contains($0) }) ?? true ? choice.names : choice.matches(last)
        case .yesNo:
            return ["是", "否"]
        default:
            return []
        }
    }

    /// Moves through a single-choice field's options; the field shows the highlighted one.
    public mutating func movePicker(_ delta: Int) {
        // While the text is still partial (`ycy`), the first arrow takes the highlighted option, not the one after it,
        // and the list keeps showing the text's matches (the second ↓ goes to the next match, not the next name).
        // An empty field's first arrow takes the highlighted (first) option too: it had skipped to the second.
        var takesHighlighted = false
        if case .choice = focusedField?.kind, pickerFilter == nil, !editor.replaceOnType {
            let text = editor.text.trimmingSpaces()
            let isPartial = !text.isEmpty && !options.contains(text)
            if isPartial { pickerFilter = text }
            takesHighlighted = isPartial || text.isEmpty
        }
        let opts = options
        picker.move(takesHighlighted ? 0 : delta, count: opts.count, visibleRows: 5)
        if case .choice = focusedField?.kind, picker.selected < opts.count {
            let selected = picker.selected, offset = picker.offset
            editor.setText(opts[selected])
            picker = ListState(selected: selected, offset: offset)
            defaulted.remove(focus)
            // The option shown is the list's, not typed: a value picked from the whole list is typed over.
            if pickerFilter == nil { pickerFilter = "" }
        }
    }

    /// Applies an editing key to the focused field. While it shows an option taken from the list, a key that edits
    /// acts on what the clerk typed, not on the option: `yc` ↓ shows 有创业意愿 (the first match, perhaps not the one
    /// meant), and `y` then makes `ycy` (已创业), never `有创业意愿y`, which names nothing. Cursor keys move in the option.
    public mutating func edit(_ key: Key) {
        if let typed = pickerFilter {
            var probe = editor
            if probe.handle(key) == .edited {
                var own = TextEditor(typed, limit: editor.limit)
                _ = own.handle(key)
                editor = own
                pickerFilter = nil
                return
            }
        }
        _ = editor.handle(key)
    }

    /// Inserts pasted text at the cursor; over an option taken from the list, after what the clerk typed (`edit`).
    public mutating func paste(_ text: String) {
        if let typed = pickerFilter {
            editor = TextEditor(typed, limit: editor.limit)
            pickerFilter = nil
        }
        editor.insert(text)
    }

    /// Picks the highlighted option of a multi-choice field: replaces the item being typed and adds a separator.
    public mutating func pickMultiOption() -> Bool {
        guard case .multiChoice = focusedField?.kind else { return false }
        let opts = options
        guard picker.selected < opts.count else { return false }
        var parts = editor.text.split(whereSeparator: { "、;,；，/ ".contains($0) }).map(String.init)
        let endsWithSeparator = editor.text.last.map { "、;,；，/ ".contains($0) } ?? true
        if !endsWithSeparator, !parts.isEmpty { parts.removeLast() }
        if !parts.contains(opts[picker.selected]) { parts.append(opts[picker.selected]) }
        editor.setText(parts.joined(separator: "、") + "、")
        picker = ListState()
        return true
    }

    /// Findings for one field that should be shown now.
    public func visibleFindings(for key: String) -> [Finding] {
        guard showAllProblems || touched.contains(key) else { return [] }
        return findings.filter { $0.field == key }
    }

    /// The worst visible state of a field, for its marker.
    public func state(of key: String) -> FieldState {
        let shown = visibleFindings(for: key)
        if shown.contains(where: { $0.severity == .error }) { return .error }
        if shown.contains(where: { $0.severity == .warning && acceptedWarnings[$0.code] == nil }) { return .warning }
        if (values[key] ?? "").isEmpty { return .empty }
        if defaulted.contains(key) { return .defaulted }
        return touched.contains(key) ? .ok : .empty
    }

    /// Makes the form a fresh one for the next record, keeping the given fields (persistent fields).
    /// The screen the series of records was started from stays where the last form returns to.
    public mutating func resetKeeping(_ keys: Set<String>, defaults: [String: String]) {
        let kept = values.filter { keys.contains($0.key) }
        let origin = returnTo
        self = FormState(spec: spec, today: today, values: kept, defaults: defaults, focus: spec.fields.first?.key)
        returnTo = origin
    }
}

/// How a field is marked on screen.
public enum FieldState: Sendable, Equatable {
    case empty, defaulted, ok, warning, error

    /// Marker shown before the value; it carries the state without colour.
    public var marker: String {
        switch self {
        case .empty, .defaulted: " "
        case .ok: "✓"
        case .warning: "!"
        case .error: "✗"
        }
    }

    public var style: Style {
        switch self {
        case .empty: .plain
        case .defaulted: .muted
        case .ok: .ok
        case .warning: .warning
        case .error: .error
        }
    }
}
