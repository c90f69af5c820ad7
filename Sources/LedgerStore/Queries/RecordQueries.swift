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

    /// Re-validates every active record of a community against the current register: the `check` command.
    /// Warnings already accepted come back separately, with their reasons.
    public func checkAll(community: String) throws -> [(register: Register, id: Int64, findings: [Finding], accepted: [(Finding, String)])] {
        try read { db in
            let c = try Self.requireCommunity(db, code: community)
            var results: [(Register, Int64, [Finding], [(Finding, String)])] = []
            for register in Register.allCases {
                let table = register.table
                var acceptedByRecord: [Int64: [String: String]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT record_id, code, reason FROM accepted_warning WHERE record_table = ?", arguments: [table]) {
                    acceptedByRecord[row["record_id"], default: [:]][row["code"]] = row["reason"]
                }
                try forEachRecordIn(db, register, community: community) { id, fields in
                    let context = validationContext(db, community: c, editingId: id)
                    let findings: [Finding]
                    switch register {
                    case .survey: findings = PersonValidator.validate(fields, context: context).findings
                    case .service: findings = ServiceValidator.validate(fields, context: context).findings
                    case .activity: findings = ActivityValidator.validate(fields, context: context).findings
                    }
                    let accepted = acceptedByRecord[id] ?? [:]
                    let open = findings.filter { $0.severity != .notice && !($0.severity == .warning && accepted[$0.code] != nil) }
                    let acceptedFindings = findings.compactMap { f in
                        f.severity == .warning ? accepted[f.code].map { (f, $0) } : nil
                    }
                    if !open.isEmpty || !acceptedFindings.isEmpty { results.append((register, id, open, acceptedFindings)) }
                }
            }
            return results
        }
    }

    func forEachRecordIn(_ db: Database, _ register: Register, community: String, _ body: (Int64, [String: String]) throws -> Void) throws {
        let table = register.table
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) WHERE community_code = ? AND deleted_at IS NULL ORDER BY id", arguments: [community])
        while let row = try rows.next() {
            switch register {
            case .survey: try body(row["id"], PersonFields.text(of: try PersonRecord.person(from: row)))
            case .service: try body(row["id"], Self.serviceFields(row))
            case .activity: try body(row["id"], Self.activityFields(row))
            }
        }
    }

    /// Number of active records in a register of a community.
    public func count(_ register: Register, community: String) throws -> Int {
        let table = register.table
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE community_code = ? AND deleted_at IS NULL", arguments: [community]) ?? 0
        }
    }
}
