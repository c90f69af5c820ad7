import GRDB
import LedgerCore

/// One field's change: old and new text (nil = empty).
public struct FieldChange: Sendable, Hashable {
    public let field: String
    public let old: String?
    public let new: String?
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
}

/// Writes and reads the audit trail. Rows are only ever inserted (triggers refuse updates and deletes).
enum AuditLog {
    static func record(_ db: Database, at: String, operatorName: String, community: String, table: String,
                       id: String, action: String, changes: [FieldChange]) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [at, operatorName, community, table, id, action, encode(changes)])
    }

    /// The fields that differ between two text forms of a record, in key order.
    static func diff(old: [String: String], new: [String: String]) -> [FieldChange] {
        if old.isEmpty {
            return new.keys.sorted().map { FieldChange(field: $0, old: nil, new: new[$0]) }
        }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : FieldChange(field: key, old: old[key], new: new[key])
        }
    }

    /// `{"field":["old","new"],…}` with null for empty; written by hand because it runs once per imported row.
    static func encode(_ changes: [FieldChange]) -> String {
        var out = "{"
        for (i, c) in changes.enumerated() {
            if i > 0 { out += "," }
            out += quote(c.field) + ":[" + (c.old.map(quote) ?? "null") + "," + (c.new.map(quote) ?? "null") + "]"
        }
        return out + "}"
    }

    static func quote(_ s: String) -> String {
        // Most values need no escaping: copy them whole instead of scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func decode(_ text: String) -> [FieldChange] {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [Any]] else { return [] }
        return object.keys.sorted().map { key in
            let pair = object[key] ?? []
            return FieldChange(field: key, old: pair.first as? String, new: pair.count > 1 ? pair[1] as? String : nil)
        }
    }
}

import Foundation

extension AppDatabase {
    /// Every audit entry for one record, oldest first.
    public func history(table: String, recordId: String) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE record_table = ? AND record_id = ? ORDER BY id",
                             arguments: [table, recordId]).map(Self.entry)
        }
    }

    /// The newest audit entries (all records), newest first.
    public func recentHistory(community: String?, limit: Int) throws -> [AuditEntry] {
        try read { db in
            if let community {
                return try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE community_code = ? ORDER BY id DESC LIMIT ?",
                                        arguments: [community, limit]).map(Self.entry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.entry)
        }
    }

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], at: row["at"], operatorName: row["operator"], communityCode: row["community_code"],
                   recordTable: row["record_table"], recordId: row["record_id"], action: row["action"],
                   changes: AuditLog.decode(row["changes"]))
    }
}
