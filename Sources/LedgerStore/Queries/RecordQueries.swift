import GRDB
import LedgerCore

extension AppDatabase {
    /// Calls `body` with each active record of a register as field text, in id order, without loading all at once.
    public func forEachRecord(_ register: Register, community: String, _ body: (Int64, [String: String]) throws -> Void) throws {
        try read { db in try forEachRecordIn(db, register, community: community, body) }
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
    public func checkAll(community: String) throws -> [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])] {
        try read { db in try checkAllIn(db, community: community, recount: false).results }
    }

    /// `checkAll`, and the kept problem counts brought up to date where they differ (a database written by an
    /// earlier version, or rules changed since the records were saved): the `check` command, after which the
    /// score counts what it lists. Returns how many records' counts were corrected.
    public func checkAndRecount(community: String) throws
        -> (results: [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])], corrected: Int) {
        try write { db in try checkAllIn(db, community: community, recount: true) }
    }

    func checkAllIn(_ db: Database, community: String, recount: Bool) throws
        -> (results: [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])], corrected: Int) {
        let c = try Self.requireCommunity(db, code: community)
        var results: [(Register, Int64, [Finding], [(Finding, String)])] = []
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
                if !found.isEmpty { results.append((register, id, found.open, found.accepted)) }
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

    private func forEachRecordIn(_ db: Database, _ register: Register, community: String, _ body: (Int64, [String: String]) throws -> Void) throws {
        let table = register.table
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) WHERE community_code = ? AND deleted_at IS NULL ORDER BY id", arguments: [community])
        while let row = try rows.next() { try body(row["id"], try Self.fields(register, row: row)) }
    }

    /// Number of active records in a register of a community.
    public func count(_ register: Register, community: String) throws -> Int {
        let table = register.table
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE community_code = ? AND deleted_at IS NULL", arguments: [community]) ?? 0
        }
    }
}
