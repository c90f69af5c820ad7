/// One row of a register as a browser lists it: the record's fields as text and its bookkeeping. The store
/// returns it and the app shows it, so both use this one type.
public struct RegisterRow: Sendable, Hashable {
    public let id: Int64
    public let fields: [String: String]
    public let deleted: Bool
    public let deletedReason: String?
    public let errors: Int
    public let warnings: Int
    /// The row's value of the page's sort expression, as text (e.g. the pinyin key of a name): the keyset
    /// boundary for the next page.
    public var sortKey = ""
    /// A person's services in the period, where a list shows each person's figure (the score's evidence).
    public var servicesInPeriod: Int?
    /// The code of the record's community (a district register lists many).
    public var community = ""
    public init(id: Int64, fields: [String: String], deleted: Bool, deletedReason: String?, errors: Int, warnings: Int,
                sortKey: String = "") {
        self.sortKey = sortKey
        self.id = id
        self.fields = fields
        self.deleted = deleted
        self.deletedReason = deletedReason
        self.errors = errors
        self.warnings = warnings
    }
}
