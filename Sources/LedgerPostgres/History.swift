import Foundation
import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Every audit entry of one record, oldest first; an imported record starts with its import.
    public func history(of ref: RecordRef) async throws -> [AuditEntry] {
        let table = ref.register.table
        return try await read { pg in
            var entries: [AuditEntry] = []
            if let batch = try await pg.row("""
                SELECT b.* FROM import_batch b JOIN \(unescaped: table) r ON r.import_batch = b.id WHERE r.id = \(ref.id)
                """) {
                entries.append(try Self.importEntry(batch, recordId: String(ref.id), source: try batch.text("source")))
            }
            for row in try await pg.rows("SELECT * FROM audit WHERE record_table = \(table) AND record_id = \(String(ref.id)) ORDER BY id") {
                entries.append(try Self.entry(row))
            }
            return entries
        }
    }

    /// The newest entries of a community (or of all), newest first, one entry per imported file.
    public func recentHistory(community: String?, limit: Int) async throws -> [AuditEntry] {
        let code = community ?? ""
        return try await read { pg in
            let changes = try await pg.rows("""
                SELECT * FROM audit WHERE \(code) = '' OR community_code = \(code) ORDER BY id DESC LIMIT \(limit)
                """).map { (logged: try $0["logged"].decode(Date.self), entry: try Self.entry($0)) }
            let imports = try await pg.rows("""
                SELECT b.*, r.first_id, r.last_id FROM import_batch b LEFT JOIN LATERAL (
                    SELECT min(id) AS first_id, max(id) AS last_id FROM (
                        SELECT id FROM person WHERE import_batch = b.id UNION ALL SELECT id FROM service WHERE import_batch = b.id
                        UNION ALL SELECT id FROM activity WHERE import_batch = b.id) written) r ON true
                WHERE \(code) = '' OR community_code = \(code) ORDER BY id DESC LIMIT \(limit)
                """).map { batch in
                (logged: try batch["logged"].decode(Date.self),
                 // The ids it created, as the SQLite engine names an import (first-last).
                 entry: try Self.importEntry(batch, recordId: "\(try batch["first_id"].decode(Int64?.self) ?? 0)-\(try batch["last_id"].decode(Int64?.self) ?? 0)",
                                             source: "\(try batch.text("source"))（\(try batch.int("rows"))行）"))
            }
            return Array((changes + imports).sorted { $0.logged > $1.logged }.prefix(limit).map(\.entry))
        }
    }

    static func importEntry(_ batch: PostgresRandomAccessRow, recordId: String, source: String) throws -> AuditEntry {
        AuditEntry(id: 0, at: try batch.text("at"), operatorName: try batch.text("operator"), communityCode: try batch.text("community_code"),
                   recordTable: try batch.text("record_table"), recordId: recordId, action: "import",
                   changes: [FieldChange(field: "source", old: nil, new: source)])
    }

    static func entry(_ row: PostgresRandomAccessRow) throws -> AuditEntry {
        let table = try row.text("record_table")
        return AuditEntry(id: try row.id(), at: try row.text("at"), operatorName: try row.text("operator"),
                          communityCode: try row.text("community_code"), recordTable: table, recordId: try row.text("record_id"),
                          action: try row.text("action"), changes: AuditLog.decode(try row.text("changes"), table: table))
    }
}
