import GRDB
import LedgerCore

extension AppDatabase {
    /// Active records of a register in id order, `limit` at a time after the record `after` (nil: from the
    /// first): how an export reads a whole register without holding it, in batches a network engine can fetch.
    public func records(_ register: Register, community: String, after: Int64?, limit: Int) throws -> [StoredRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM \(register.table) WHERE community_code = ? AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?
                """, arguments: [community, after ?? 0, limit]).map { row in
                StoredRecord(ref: RecordRef(register, id: row["id"]), fields: try Self.fields(register, row: row))
            }
        }
    }

    /// One person, with the token needed to edit it.
    public func person(id: Int64) throws -> (person: Person, token: EditToken)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id]) else { return nil }
            let p = try PersonRecord.person(from: row)
            return (p, EditToken(id: id, version: row["version"], fields: PersonFields.text(of: p)))
        }
    }

    /// Every active record of a community with its findings (`RecordFindings`, the definition the kept counts
    /// follow): the checks screen. Records without any finding are left out.
    public func checkAll(community: String) throws -> [CheckedRecord] {
        try read { db in try checkAllIn(db, community: community, recount: false).results }
    }

    /// `checkAll`, and the kept problem counts brought up to date where they differ (a database written by an
    /// earlier version, or rules changed since the records were saved): the `check` command, after which the
    /// score counts what it lists. Returns how many records' counts were corrected.
    public func checkAndRecount(community: String) throws
        -> (results: [CheckedRecord], corrected: Int) {
        try write { db in try checkAllIn(db, community: community, recount: true) }
    }

    func checkAllIn(_ db: Database, community: String, recount: Bool) throws
        -> (results: [CheckedRecord], corrected: Int) {
        let c = try Self.requireCommunity(db, code: community)
        var results: [CheckedRecord] = []
        var stale: [(Register, Int64)] = []
        for register in Register.allCases {
            let table = register.table
            var acceptedByRecord: [Int64: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT record_id, code, reason FROM accepted_warning WHERE record_table = ?", arguments: [table]) {
                acceptedByRecord[row["record_id"], default: [:]][row["code"]] = row["reason"]
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) WHERE community_code = ? AND deleted_at IS NULL ORDER BY id",
                                           arguments: [community])
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                let found = RecordFindings(validate(db, register, fields: try Self.fields(register, row: row), id: id, community: c),
                                           accepted: acceptedByRecord[id] ?? [:])
                if !found.isEmpty { results.append(CheckedRecord(register: register, id: id, findings: found.open, accepted: found.accepted)) }
                if recount, found.errorCount != row["error_count"] || found.warningCount != row["warning_count"] {
                    stale.append((register, id))
                }
            }
        }
        // Rewritten after the scan: a cursor must not walk rows that are being updated.
        var communities = [c.code: c]
        for (register, id) in stale { try refreshFindings(db, register, ids: [id], communities: &communities) }
        return (results, stale.count)
    }

    /// Number of active records in a register of a community.
    public func count(_ register: Register, community: String) throws -> Int {
        let table = register.table
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE community_code = ? AND deleted_at IS NULL", arguments: [community]) ?? 0
        }
    }
}
