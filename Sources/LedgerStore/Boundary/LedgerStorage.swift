import LedgerCore

/// Everything the command line and the terminal app ask of a ledger database, as one name.
///
/// The store's boundary is the role protocols this one refines (`AdminStore`, `EntryStore`, `BrowseStore`,
/// `ImportStore`, `SuperviseStore`): a piece of code that only browses asks for a `BrowseStore`. Every requirement
/// is `async`, so that an engine over the network (PostgreSQL for a district) fits without blocking the caller;
/// the SQLite engine (`AppDatabase`) meets them with its synchronous methods. Records cross the boundary typed
/// (`RecordRef`, `RecordEntry`, `SavedRecord`, `Register`), never as table names. The rules live in `LedgerCore`
/// and are shared: an engine stores records, keeps the totals and the audit trail, and answers these queries.
/// `Tests/LedgerStoreTests/Conformance` is the behaviour every engine must show.
public protocol LedgerStorage: AdminStore, EntryStore, BrowseStore, ImportStore, SuperviseStore, DistrictStore {}

/// Who works and when: every role knows it.
public protocol LedgerSession: Sendable {
    /// Who is making changes (recorded in the audit trail).
    var operatorName: String { get }
    /// "Today" for validation (dates in the future are errors).
    var today: @Sendable () -> Day { get }
}

extension AppDatabase: LedgerStorage {}
