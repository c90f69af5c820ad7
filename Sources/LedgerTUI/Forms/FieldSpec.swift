import LedgerCore

/// What kind of input a form field takes; decides editing help, the picker and how the value is shown.
public enum FieldKind: Sendable {
    case text(maxLength: Int)
    case multiline(maxLength: Int)
    case date
    /// One value of a code list; typing filters the list by code, name, prefix or pinyin initials.
    case choice(Choice)
    /// Several values of a code list, separated by 、.
    case multiChoice(Choice)
    case yesNo
    case integer
    case idNumber
    case phone
    /// The service form's person field: typing searches the survey register.
    case personSearch
}

/// A code list as the form sees it: names and a matcher.
public struct Choice: Sendable {
    public let names: [String]
    public let codes: [String?]
    public let matches: @Sendable (String) -> [String]

    public init<T: CodedValue>(_ type: T.Type) {
        names = T.allCases.map(\.rawValue)
        codes = T.allCases.map(\.code)
        matches = { T.matches($0).map(\.rawValue) }
    }

    /// A list whose own rule says what text means (民族: `Ethnicity.matches`), so the form and the validator agree.
    public init(names: [String], matches: @escaping @Sendable (String) -> [String]) {
        self.names = names
        codes = names.map { _ in nil }
        self.matches = matches
    }

    public init(names: [String]) {
        self.names = names
        codes = names.map { _ in nil }
        matches = { text in
            let t = text.trimmingSpaces()
            if t.isEmpty { return names }
            if names.contains(t) { return [t] }
            // A name may lead with a tag (a checklist answer is `2分 已成立并切实履职`): its words count too, a whole
            // word first, so `已成立` picks `1分 已成立` rather than every answer starting with it.
            let words = names.map { $0.split(separator: " ").map(String.init) }
            let whole = names.indices.filter { words[$0].contains(t) }.map { names[$0] }
            if !whole.isEmpty { return whole }
            let lower = t.lowercased()
            return names.indices.filter { i in
                ([names[i]] + words[i].dropFirst()).contains { $0.hasPrefix(t) || Pinyin.initials(of: $0).hasPrefix(lower) }
            }.map { names[$0] }
        }
    }

    /// How a value of the list reads wherever a person sees it (`10 研究生`, `H 住宿和餐饮业`): the option list,
    /// the form, the read-only record, the history. A value stored as its code (the survey register keeps 行业门类
    /// as `H`) reads the same as its name; anything else is shown as it is.
    public func label(of value: String) -> String {
        guard let i = names.firstIndex(of: value) ?? codes.firstIndex(where: { $0 != nil && $0 == value }), let code = codes[i] else {
            return value
        }
        return "\(code) \(names[i])"
    }
}

/// One field of a form: where it sits, what it takes, when it applies.
public struct FieldSpec: Sendable {
    public let key: String
    public let label: String
    public let kind: FieldKind
    public let required: Bool
    public let page: Int
    /// False when the field does not apply to the draft (business fields for 有创业意愿): it is skipped and cleared.
    public let applies: @Sendable ([String: String]) -> Bool

    public init(_ key: String, _ label: String, _ kind: FieldKind, required: Bool = false, page: Int = 0,
                applies: @escaping @Sendable ([String: String]) -> Bool = { _ in true }) {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
        self.page = page
        self.applies = applies
    }

    /// How a stored value of this field reads (a code list's value with its code and name, as the option list
    /// shows it).
    public func shown(_ value: String) -> String {
        if case .choice(let choice) = kind { return choice.label(of: value) }
        return value
    }

    /// Text limit for the editor.
    public var maxLength: Int {
        switch kind {
        case .text(let n), .multiline(let n): n
        case .date: 20
        case .idNumber: 24
        case .phone: 20
        case .integer: 12
        default: 200
        }
    }
}

/// Which form is open.
public enum FormKind: String, Sendable, Codable, CaseIterable {
    case survey, service, activity, profile

    /// The entry form of a register.
    public init(_ register: Register) {
        switch register {
        case .survey: self = .survey
        case .service: self = .service
        case .activity: self = .activity
        }
    }

    public var register: Register? {
        switch self {
        case .survey: .survey
        case .service: .service
        case .activity: .activity
        case .profile: nil
        }
    }
}

/// A form: its title, page names and fields in order.
public struct FormSpec: Sendable {
    public let kind: FormKind
    public let title: String
    public let pages: [String]
    public let fields: [FieldSpec]

    public func field(_ key: String) -> FieldSpec? { fields.first { $0.key == key } }
}
