import LedgerCore

/// A record as the clerk typed it or a file gave it, for one register: what a save validates.
public struct RecordEntry: Sendable, Hashable {
    public let register: Register
    /// Field text by field key (`SurveyFields`, `ServiceFields`, `ActivityFields`).
    public let raw: RawRecord

    public init(_ register: Register, _ fields: [String: String]) {
        self.register = register
        raw = RawRecord(line: 0, fields: fields)
    }

    public var fields: [String: String] { raw.fields }
}

/// A saved record, typed by its register.
public enum SavedRecord: Sendable, Hashable {
    case person(Person)
    case service(Service)
    case activity(Activity)

    public var register: Register {
        switch self {
        case .person: .survey
        case .service: .service
        case .activity: .activity
        }
    }

    public var id: Int64? {
        switch self {
        case .person(let p): p.id
        case .service(let s): s.id
        case .activity(let a): a.id
        }
    }

    public var ref: RecordRef? { id.map { RecordRef(register, id: $0) } }

    /// The record as field text (what forms show and the audit trail compares).
    public var fields: [String: String] {
        switch self {
        case .person(let p): PersonFields.text(of: p)
        case .service(let s): ServiceRecordFields.text(of: s)
        case .activity(let a): ActivityRecordFields.text(of: a)
        }
    }

    public var person: Person? { if case .person(let p) = self { p } else { nil } }
    public var service: Service? { if case .service(let s) = self { s } else { nil } }
    public var activity: Activity? { if case .activity(let a) = self { a } else { nil } }
}

/// Why a record is being saved, as its audit entry names it.
public enum SaveAction: String, Sendable {
    /// A new record or a correction (the audit says insert or update).
    case entry
    /// An undo of an earlier change (audited even when it changes no field, so the next undo steps past it).
    case undo
}

/// A record opened for correction: its field text, the token that detects a concurrent change, and the reasons
/// given for its accepted warnings (by warning code).
public struct OpenedRecord: Sendable, Hashable {
    public let ref: RecordRef
    public let fields: [String: String]
    public let token: EditToken
    public let accepted: [String: String]

    public init(ref: RecordRef, fields: [String: String], token: EditToken, accepted: [String: String]) {
        self.ref = ref
        self.fields = fields
        self.token = token
        self.accepted = accepted
    }
}

/// One active record of a register as field text (an export's row).
public struct StoredRecord: Sendable, Hashable {
    public let ref: RecordRef
    public let fields: [String: String]

    public init(ref: RecordRef, fields: [String: String]) {
        self.ref = ref
        self.fields = fields
    }
}

/// How many active records a community has in each register.
public struct RecordCounts: Sendable, Hashable {
    public var persons = 0
    public var services = 0
    public var activities = 0

    public init(persons: Int = 0, services: Int = 0, activities: Int = 0) {
        self.persons = persons
        self.services = services
        self.activities = activities
    }
}

/// A record with findings, as the checks screen and `check` list it: open findings, and accepted warnings with
/// their reasons.
public struct CheckedRecord: Sendable {
    public let register: Register
    public let id: Int64
    public let findings: [Finding]
    public let accepted: [(Finding, String)]

    public init(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)]) {
        self.register = register
        self.id = id
        self.findings = findings
        self.accepted = accepted
    }

    public var ref: RecordRef { RecordRef(register, id: id) }
}
