import CSQLiteControl
import GRDB
import LedgerCore

/// Bulk loading: the settings an import runs with, each switched on this connection only and restored after.
///
/// - Without per-row triggers: the totals triggers (one `UPDATE community_totals` per inserted row, two per person)
///   were 45% of SQLite's work in an import. During the insert loop they are off, and the rows' contributions,
///   summed as they are inserted (`Totals`), are added to the totals by one update. Any other write, and any other
///   connection, still goes through the triggers.
/// - Without foreign-key checks, and through a rollback journal when alone with the database
///   (`withBulkLoadSettings`); with a large page cache (`withLargeCache`).
enum BulkLoad {
    /// Page cache for a bulk load. SQLite's default (2 MB) is smaller than the indexes an import touches, so pages
    /// were evicted, re-read and spilled to the WAL mid-transaction; memory is taken only as pages are used.
    static let cacheKibibytes = 128 * 1024

    /// Runs `body` with a large page cache on this connection, restoring the cache size however it ends.
    static func withLargeCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try withCacheSize(db, -cacheKibibytes, body)
    }

    /// Runs `body` with `PRAGMA cache_size = size` (pages; kibibytes when negative) on this connection, restoring
    /// the previous size however it ends.
    static func withCacheSize<T>(_ db: Database, _ size: Int, _ body: () throws -> T) throws -> T {
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(size)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
        return try body()
    }

    /// Runs `body` with triggers off on this connection. After a successful `body`, failing to switch them back on
    /// is an error (later writes would skip the totals); after a failure, the first error is the one reported.
    static func withoutTriggers<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try withSwitchedOff({ try setTriggers(db, enabled: $0) }, body)
    }

    /// Runs `body`, a whole import transaction, with the bulk-load settings: a rollback journal when no other
    /// connection has the database open, and no foreign-key checks. Must be called outside a transaction.
    static func withBulkLoadSettings<T>(_ db: Database, restoringWAL: Bool, _ body: () throws -> T) throws -> T {
        try withRollbackJournalIfAlone(db, restoringWAL: restoringWAL) { try withoutForeignKeyChecks(db, body) }
    }

    /// Runs `body` with a rollback journal instead of the WAL when no other connection has the database open.
    ///
    /// In WAL mode every page an import writes is written twice: into the WAL at commit, then into the database by
    /// the checkpoint. An import mostly adds new pages, which a rollback journal does not copy, so there each page is
    /// written once (a 10,000-row import: 110 → 98 ms). Leaving WAL mode needs every other connection closed; when
    /// one is open (a clerk's app), SQLite refuses at once, without the busy wait, and the import keeps the WAL.
    /// A file already in rollback mode (left so by an earlier import) is used as it is: no connection can be in
    /// WAL mode then. A process that opens the database meanwhile starts in rollback mode (see
    /// `AppDatabase.open`). With `restoringWAL` WAL mode returns after `body`; without it (a bulk-load open) the
    /// next interactive open sets it. A rollback journal left by a killed import is rolled back by the next open.
    static func withRollbackJournalIfAlone<T>(_ db: Database, restoringWAL: Bool, _ body: () throws -> T) throws -> T {
        guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal",
              (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else { return try body() }
        defer { if restoringWAL { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") } }
        return try body()
    }

    /// Runs `body` without SQLite's foreign-key checks on this connection, for a body that verifies every parent it
    /// references itself. Must be called outside a transaction (the pragma is ignored inside one); restored as
    /// `withoutTriggers` restores the triggers.
    static func withoutForeignKeyChecks<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try withSwitchedOff({ try db.execute(sql: "PRAGMA foreign_keys = \($0 ? "ON" : "OFF")") }, body)
    }

    /// Switches a setting off, runs `body`, and switches it on again however `body` ends.
    private static func withSwitchedOff<T>(_ set: (_ on: Bool) throws -> Void, _ body: () throws -> T) throws -> T {
        try set(false)
        let result: T
        do { result = try body() } catch {
            try? set(true)
            throw error
        }
        try set(true)
        return result
    }

    private static func setTriggers(_ db: Database, enabled: Bool) throws {
        let code = cy_sqlite_enable_triggers(db.sqliteConnection, enabled ? 1 : 0)
        guard code == 0 else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot switch triggers \(enabled ? "on" : "off")")
        }
    }

    /// What a bulk load adds to its community's totals, summed from the rows as they are inserted: exactly what
    /// the insert triggers of migrations v3 and v6 would have added, row by row (a test compares the two).
    /// Adds the active rows `ids` of an import (written with the triggers off) to the community's totals: the
    /// triggers' sums (a measure column adds its value; a row with an error counts as an error record, one with
    /// only warnings as a warning record) as one aggregate over the rows just written.
    static func addToTotals(_ db: Database, table: String, community: String, ids: ClosedRange<Int64>) throws {
        let (measures, countColumn) = totalsColumns(table)
        let sums = measures.map { "COALESCE(SUM(\($0)), 0) AS \($0)" }
            + ["COUNT(*) AS counted", "COALESCE(SUM(error_count > 0), 0) AS errors",
               "COALESCE(SUM(error_count = 0 AND warning_count > 0), 0) AS warnings"]
        let sets = measures.map { "\($0) = community_totals.\($0) + batch.\($0)" }
            + ["\(countColumn) = \(countColumn) + batch.counted", "error_records = error_records + batch.errors",
               "warning_records = warning_records + batch.warnings"]
        try db.execute(sql: """
            UPDATE community_totals SET \(sets.joined(separator: ", "))
            FROM (SELECT \(sums.joined(separator: ", ")) FROM \(table) WHERE id BETWEEN ? AND ? AND deleted_at IS NULL) AS batch
            WHERE community_code = ?
            """, arguments: [ids.lowerBound, ids.upperBound, community])
    }

    /// The measure columns a table's triggers add to the totals, and its record-count column.
    static func totalsColumns(_ table: String) -> (measures: [String], count: String) {
        switch table {
        case "person": (PersonRecord.measureColumns, "persons")
        case "service": ([], "services")
        default: (Measure.activityMeasures.map { "m_" + $0.rawValue }, "activities")
        }
    }
}
