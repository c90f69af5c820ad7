import LedgerCore

/// Everything the command line and the terminal app ask of a ledger database.
///
/// `AppDatabase` (SQLite through GRDB) is the engine today; a PostgreSQL engine for a district server would
/// conform to this protocol and nothing above the store would change. The rules themselves live in `LedgerCore`
/// and are shared: an engine stores records, keeps the totals and the audit trail, and answers these queries.
public protocol LedgerStorage: Sendable {
    /// Who is making changes (recorded in the audit trail).
    var operatorName: String { get }
    /// "Today" for validation (dates in the future are errors).
    var today: @Sendable () -> Day { get }

    // MARK: Communities and operators
    func communities() throws -> [Community]
    func community(code: String) throws -> Community?
    func saveCommunity(_ c: Community) throws
    func operators() throws -> [OperatorAccount]
    func saveOperator(_ name: String, role: OperatorAccount.Role, communities: [String]) throws
    func removeOperator(_ name: String) throws
    /// Communities the operator may change; nil when they may change all.
    func writableCommunities() throws -> Set<String>?

    // MARK: Records
    func savePerson(_ raw: [String: String], community: String, editing: EditToken?,
                    acceptedWarnings: [String: String], action: String?) throws -> SaveResult<Person>
    func recordService(_ raw: [String: String], community: String, editing: EditToken?,
                       acceptedWarnings: [String: String], action: String?) throws -> SaveResult<Service>
    func saveActivity(_ raw: [String: String], community: String, editing: EditToken?,
                      acceptedWarnings: [String: String], action: String?) throws -> SaveResult<Activity>
    func delete(_ register: Register, id: Int64, reason: String, confirmingServices: Int) throws
    func activeServiceCount(person id: Int64) throws -> Int
    func restore(_ register: Register, id: Int64) throws
    func undoLastChange(_ register: Register, id: Int64) throws -> SaveResult<[String: String]>
    /// Accepts one warning rule on many records with one reason (audited per record); returns how many.
    func acceptWarning(code: String, reason: String, records: [RecordRef]) throws -> Int
    func open(_ register: Register, id: Int64) throws -> (fields: [String: String], token: EditToken, accepted: [String: String])?

    // MARK: Imports (all-or-nothing or skipping invalid rows)
    func importPersons<Rows: Sequence<RawRecord>>(_ rows: Rows, community: String, mode: ImportMode,
                                                  acceptWarningsReason: String?, source: String) throws -> ImportReport
    func importServices<Rows: Sequence<RawRecord>>(_ rows: Rows, community: String, mode: ImportMode,
                                                   acceptWarningsReason: String?, source: String) throws -> ImportReport
    func importActivities<Rows: Sequence<RawRecord>>(_ rows: Rows, community: String, mode: ImportMode,
                                                     acceptWarningsReason: String?, source: String) throws -> ImportReport

    // MARK: Look-ups while typing
    func searchPersons(community: String, query: String, limit: Int) throws -> [PersonMatch]
    func personsWithIdNumber(_ idNumber: String) throws -> [ValidationContext.ExistingPerson]
    func personWithServices(community: String, idNumber: String) throws -> (Person, Int)?
    func storeDraft(slot: String, content: String) throws
    func discardDraft(slot: String) throws
    func keptDrafts() throws -> [KeptDraft]

    // MARK: Browsing, checks, history
    func page(_ q: PageRequest) throws -> [RegisterRow]
    func searchSummaries(community: String, query: String, limit: Int) throws -> [RegisterRow]
    func searchRecords(_ register: Register, community: String, query: String, limit: Int) throws -> [RegisterRow]
    func count(_ register: Register, community: String) throws -> Int
    func forEachRecord(_ register: Register, community: String, _ body: (Int64, [String: String]) throws -> Void) throws
    func checkAll(community: String) throws -> [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])]
    func checkAndRecount(community: String) throws
        -> (results: [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])], corrected: Int)
    func acceptedWarnings(table: String, id: Int64) throws -> [String: String]
    func history(table: String, recordId: String) throws -> [AuditEntry]
    func recentHistory(community: String?, limit: Int) throws -> [AuditEntry]

    // MARK: Scores (from kept totals: constant work per community)
    func scoreFacts(community code: String) throws -> ScoreFacts
    func scoreFacts(street: String) throws -> ScoreFacts
    func scoreFactsByCommunity() throws -> [String: ScoreFacts]
    func planDetails(community code: String, period: Period) throws -> PlanDetails
    func countsByCommunity() throws -> [String: (persons: Int, services: Int, activities: Int)]
    func evidenceSummaries(_ e: Evidence, community: String, limit: Int) throws -> (register: Register, rows: [RegisterRow])

    // MARK: Safety
    func integrityCheck() throws -> String
    func requireSound() throws
    /// Writes a consistent copy of the whole database to `path` (safe while others read and write).
    func backup(to path: String) throws
}

extension AppDatabase: LedgerStorage {}
