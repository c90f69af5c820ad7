import GRDB
import LedgerCore

/// One row of a register browser: the record's fields as text and its bookkeeping.
public struct RecordSummary: Sendable, Hashable {
    public let id: Int64
    public let fields: [String: String]
    public let deleted: Bool
    public let deletedReason: String?
    public let errors: Int
    public let warnings: Int
}

extension Register {
    /// The table behind a register.
    public var table: String {
        switch self {
        case .survey: "person"
        case .service: "service"
        case .activity: "activity"
        }
    }
}

extension AppDatabase {
    /// A page of a register in id order after `afterId` (keyset pagination: each page is one index range read,
    /// never an OFFSET scan). `deleted` shows only soft-deleted records instead of active ones.
    public func page(_ register: Register, community: String, afterId: Int64?, limit: Int, deleted: Bool = false,
                     problemsOnly: Bool = false) throws -> [RecordSummary] {
        try read { db in
            var sql = "SELECT * FROM \(register.table) WHERE community_code = ? AND id > ? AND deleted_at IS \(deleted ? "NOT NULL" : "NULL")"
            if problemsOnly { sql += " AND (error_count > 0 OR warning_count > 0)" }
            sql += " ORDER BY id LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [community, afterId ?? 0, limit]).map { try Self.summary(register, $0) }
        }
    }

    /// The page before `beforeId`, in id order.
    public func page(_ register: Register, community: String, beforeId: Int64, limit: Int, deleted: Bool = false,
                     problemsOnly: Bool = false) throws -> [RecordSummary] {
        try read { db in
            var sql = "SELECT * FROM \(register.table) WHERE community_code = ? AND id < ? AND deleted_at IS \(deleted ? "NOT NULL" : "NULL")"
            if problemsOnly { sql += " AND (error_count > 0 OR warning_count > 0)" }
            sql += " ORDER BY id DESC LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [community, beforeId, limit]).map { try Self.summary(register, $0) }.reversed()
        }
    }

    /// Records found by the person search (name, ID digits or pinyin initials), as browser rows.
    public func searchSummaries(community: String, query: String, limit: Int) throws -> [RecordSummary] {
        let ids = try searchPersons(community: community, query: query, limit: limit).map(\.id)
        return try read { db in
            try ids.compactMap { id in try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id]) }
                .map { try Self.summary(.survey, $0) }
        }
    }

    static func summary(_ register: Register, _ row: Row) throws -> RecordSummary {
        let fields: [String: String]
        switch register {
        case .survey: fields = PersonFields.text(of: try PersonRecord.person(from: row))
        case .service: fields = serviceFields(row)
        case .activity: fields = activityFields(row)
        }
        return RecordSummary(id: row["id"], fields: fields, deleted: (row["deleted_at"] as String?) != nil,
                             deletedReason: row["deleted_reason"], errors: row["error_count"], warnings: row["warning_count"])
    }

    /// A record's fields and the token to edit it.
    public func open(_ register: Register, id: Int64) throws -> (fields: [String: String], token: EditToken, accepted: [String: String])? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(register.table) WHERE id = ?", arguments: [id]) else { return nil }
            let summary = try Self.summary(register, row)
            return (summary.fields, EditToken(id: id, version: row["version"], fields: summary.fields),
                    try Self.acceptedWarnings(db, table: register.table, id: id))
        }
    }
}

extension AppDatabase {
    /// The records behind a score item, as browser rows (at most `limit`).
    public func evidenceSummaries(_ e: Evidence, community: String, limit: Int) throws -> (register: Register, rows: [RecordSummary]) {
        let found = try evidence(e, community: community, limit: limit)
        let register: Register = found.table == "activity" ? .activity : .survey
        let rows = try read { db in
            try found.ids.compactMap { try Row.fetchOne(db, sql: "SELECT * FROM \(found.table) WHERE id = ?", arguments: [$0]) }
                .map { try Self.summary(register, $0) }
        }
        return (register, rows)
    }
}
