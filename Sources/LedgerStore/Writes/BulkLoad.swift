import CSQLiteControl
import GRDB
import LedgerCore

/// Bulk loading without per-row triggers.
///
/// The totals triggers (one `UPDATE community_totals` per inserted row, two per person) were 45% of SQLite's work
/// in an import. During the insert loop of an import they are switched off for this connection only, and the
/// batch's rows (a contiguous id range within the transaction) are added to the totals by one aggregate. Any
/// other write, and any other connection, still goes through the triggers.
enum BulkLoad {
    /// Page cache for a bulk load. SQLite's default (2 MB) is smaller than the indexes an import touches, so pages
    /// were evicted, re-read and spilled to the WAL mid-transaction; memory is taken only as pages are used.
    static let cacheKibibytes = 128 * 1024

    /// Runs `body` with triggers off and a large page cache on this connection, restoring both however it ends.
    static func run<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(cacheKibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cache)") }
        return try withoutTriggers(db, body)
    }

    /// Runs `body` with triggers off on this connection. After a successful `body`, failing to switch them back on
    /// is an error (later writes would skip the totals); after a failure, the first error is the one reported.
    static func withoutTriggers<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try setTriggers(db, enabled: false)
        let result: T
        do { result = try body() } catch {
            try? setTriggers(db, enabled: true)
            throw error
        }
        try setTriggers(db, enabled: true)
        return result
    }

    private static func setTriggers(_ db: Database, enabled: Bool) throws {
        let code = cy_sqlite_enable_triggers(db.sqliteConnection, enabled ? 1 : 0)
        guard code == 0 else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot switch triggers \(enabled ? "on" : "off")")
        }
    }

    /// Adds the active rows `firstId...lastId` of `table` to their community's totals, exactly as the insert
    /// triggers of migrations v3 and v6 would have, row by row.
    static func addToTotals(_ db: Database, table: String, community: String, firstId: Int64, lastId: Int64) throws {
        let (measures, count) = totalsColumns(table)
        let sums = measures.map { "SUM(\($0)) AS \($0)" } + [
            "COUNT(*) AS row_count",
            "SUM(error_count > 0) AS error_rows",
            "SUM(error_count = 0 AND warning_count > 0) AS warning_rows",
        ]
        let sets = measures.map { "\($0) = community_totals.\($0) + batch.\($0)" } + [
            "\(count) = community_totals.\(count) + batch.row_count",
            "error_records = community_totals.error_records + batch.error_rows",
            "warning_records = community_totals.warning_records + batch.warning_rows",
        ]
        try db.execute(sql: """
            UPDATE community_totals SET \(sets.joined(separator: ", "))
            FROM (SELECT \(sums.joined(separator: ", ")) FROM \(table)
                  WHERE id BETWEEN ? AND ? AND community_code = ? AND deleted_at IS NULL) AS batch
            WHERE community_totals.community_code = ? AND batch.row_count > 0
            """, arguments: [firstId, lastId, community, community])
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
