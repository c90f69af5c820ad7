import GRDB
import LedgerCore

/// One field's change: old and new text (nil = empty).
public struct FieldChange: Sendable, Hashable {
    public let field: String
    public let old: String?
    public let new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// One entry of the append-only audit trail.
public struct AuditEntry: Sendable, Hashable {
    public let id: Int64
    public let at: String
    public let operatorName: String
    public let communityCode: String
    public let recordTable: String
    public let recordId: String
    public let action: String
    public let changes: [FieldChange]

    public init(id: Int64, at: String, operatorName: String, communityCode: String, recordTable: String, recordId: String,
                action: String, changes: [FieldChange]) {
        self.id = id
        self.at = at
        self.operatorName = operatorName
        self.communityCode = communityCode
        self.recordTable = recordTable
        self.recordId = recordId
        self.action = action
        self.changes = changes
    }
}

/// Writes and reads the audit trail. Rows are only ever inserted (triggers refuse updates and deletes).
/// Public for the other engines: the diff and the stored form of changes are one definition for all of them.
public enum AuditLog {
    static func record(_ db: Database, at: String, operatorName: String, community: String, table: String,
                       id: String, action: String, changes: [FieldChange]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try FastInsert.run(statement, [at, operatorName, community, table, id, action, encode(changes)].map(\.databaseValue))
    }

    /// The fields that differ between two text forms of a record, in key order.
    public static func diff(old: [String: String], new: [String: String]) -> [FieldChange] {
        if old.isEmpty {
            return new.keys.sorted().map { FieldChange(field: $0, old: nil, new: new[$0]) }
        }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : FieldChange(field: key, old: old[key], new: new[key])
        }
    }

    /// `{"field":["old","new"],…}` with null for empty; built in a byte buffer because it runs once per imported row.
    public static func encode(_ changes: [FieldChange]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(48 * changes.count + 2)
        out.append(UInt8(ascii: "{"))
        for (i, c) in changes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(c.field, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "["))
            appendQuotedOrNull(c.old, to: &out)
            out.append(UInt8(ascii: ","))
            appendQuotedOrNull(c.new, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuotedOrNull(_ s: String?, to out: inout [UInt8]) {
        if let s { appendQuoted(s, to: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else copied as UTF-8.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: s.utf8)
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for byte in s.utf8 {
            switch byte {
            case 0x22, 0x5C: out.append(0x5C); out.append(byte)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20: out.append(contentsOf: "\\u00".utf8); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }

    /// Field keys in the register's order (unknown keys after, by key).
    static func ordered(_ keys: some Collection<String>, table: String) -> [String] {
        let register = Register(table: table)
        let last = Int.max
        return keys.sorted { a, b in
            let pa = register?.position(ofKey: a) ?? last, pb = register?.position(ofKey: b) ?? last
            return pa != pb ? pa < pb : a < b
        }
    }

    /// The changes stored in `text`, in the order of the register's fields (`table` names the register), then
    /// bookkeeping fields (accepted warnings, delete reasons, a profile's fields) by key: a JSON object keeps no order,
    /// and a clerk reads a new record's fields in the order of its form.
    public static func decode(_ text: String, table: String) -> [FieldChange] {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [Any]] else { return [] }
        return ordered(object.keys, table: table).map { key in
            let pair = object[key] ?? []
            return FieldChange(field: key, old: pair.first as? String, new: pair.count > 1 ? pair[1] as? String : nil)
        }
    }
}

import Foundation

extension AppDatabase {
    /// Every audit entry for one record, oldest first (undo walks back from the end; screens and `history` show
    /// it newest first); an imported record starts with its import.
    public func history(of ref: RecordRef) throws -> [AuditEntry] {
        let table = ref.register.table, recordId = String(ref.id)
        return try read { db in
            var entries: [AuditEntry] = []
            if let id = Int64(recordId), let batch = try Row.fetchOne(db, sql: """
                SELECT * FROM import_batch WHERE record_table = ? AND first_id <= ? AND last_id >= ? ORDER BY id DESC LIMIT 1
                """, arguments: [table, id, id]) {
                entries.append(Self.importEntry(batch, recordId: recordId, source: batch["source"]))
            }
            entries += try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE record_table = ? AND record_id = ? ORDER BY id",
                                        arguments: [table, recordId]).map(Self.entry)
            return entries
        }
    }

    /// The newest audit entries of a community (or of all), newest first, imports included (one entry per
    /// imported file, its record id the range of ids it created).
    public func recentHistory(community: String?, limit: Int) throws -> [AuditEntry] {
        try read { db in
            let filter = community == nil ? "" : "WHERE community_code = ?"
            let arguments: StatementArguments = community.map { [$0, limit] } ?? [limit]
            let changes = try Row.fetchAll(db, sql: "SELECT * FROM audit \(filter) ORDER BY id DESC LIMIT ?",
                                           arguments: arguments).map(Self.entry)
            let imports = try Row.fetchAll(db, sql: "SELECT * FROM import_batch \(filter) ORDER BY id DESC LIMIT ?",
                                           arguments: arguments).map { batch in
                Self.importEntry(batch, recordId: "\(batch["first_id"] as Int64)-\(batch["last_id"] as Int64)",
                                 source: "\(batch["source"] as String)（\(batch["rows"] as Int)行）")
            }
            // Both lists are newest first; times have one-second resolution, so changes win ties (they are rarer).
            return Array((changes + imports).sorted { $0.at > $1.at }.prefix(limit))
        }
    }

    /// An `import_batch` row as an audit entry: an import of `source` creating `recordId` (one id or a range).
    static func importEntry(_ batch: Row, recordId: String, source: String) -> AuditEntry {
        AuditEntry(id: 0, at: batch["at"], operatorName: batch["operator"], communityCode: batch["community_code"],
                   recordTable: batch["record_table"], recordId: recordId, action: "import",
                   changes: [FieldChange(field: "source", old: nil, new: source)])
    }

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], at: row["at"], operatorName: row["operator"], communityCode: row["community_code"],
                   recordTable: row["record_table"], recordId: row["record_id"], action: row["action"],
                   changes: AuditLog.decode(row["changes"], table: row["record_table"]))
    }
}
