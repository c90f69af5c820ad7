/// One entry form closed by an operator, saved or abandoned: what the audit trail cannot tell (how long the form
/// was open, how many errors validation showed before the record could be saved). CSPro's operator log keeps the
/// same facts.
public struct EntryEvent: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        case saved
        case abandoned
    }

    public let register: Register
    public let community: String
    /// The corrected record (nil for a new record, whose id the form never learns, and for an abandoned form).
    public let recordId: Int64?
    public let outcome: Outcome
    /// Local times, `2024-03-15T09:30:00`, as the audit trail writes them.
    public let openedAt: String
    public let closedAt: String
    /// Error findings shown while the form was open (each distinct field and code once): mistakes validation
    /// caught before saving.
    public let errorsShown: Int

    public init(register: Register, community: String, recordId: Int64?, outcome: Outcome, openedAt: String,
                closedAt: String, errorsShown: Int) {
        self.register = register
        self.community = community
        self.recordId = recordId
        self.outcome = outcome
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.errorsShown = errorsShown
    }
}
