import LedgerCore

/// Reading the registers: pages, searches, counts, every record for an export, and the history.
public protocol BrowseStore: LedgerSession {
    func page(_ q: PageRequest) async throws -> [RegisterRow]
    /// Persons found by name, ID digits or pinyin initials, as browser rows.
    func searchSummaries(community: String, query: String, limit: Int) async throws -> [RegisterRow]
    func searchRecords(_ register: Register, community: String, query: String, limit: Int) async throws -> [RegisterRow]
    func count(_ register: Register, community: String) async throws -> Int
    /// Active records of a register in id order, `limit` at a time after the record `after` (nil: from the first).
    func records(_ register: Register, community: String, after: Int64?, limit: Int) async throws -> [StoredRecord]
    func acceptedWarnings(of ref: RecordRef) async throws -> [String: String]
    /// Every audit entry of one record, oldest first.
    func history(of ref: RecordRef) async throws -> [AuditEntry]
    /// The newest audit entries of a community (or of all), newest first.
    func recentHistory(community: String?, limit: Int) async throws -> [AuditEntry]
    /// The records behind a score item, as browser rows (at most `limit`).
    func evidenceSummaries(_ e: Evidence, community: String, limit: Int) async throws -> (register: Register, rows: [RegisterRow])
}
