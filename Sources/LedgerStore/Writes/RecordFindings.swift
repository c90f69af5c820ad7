import GRDB
import LedgerCore

/// A record's problems: the one definition behind the score's 台账资料完备, home's summary, the checks screen and
/// `chuangye check`. The record is validated against the registers as they are now; warnings accepted with a reason
/// are set apart. The kept per-record counts (`error_count`, `warning_count`, summed by triggers for the score) are
/// these counts, rewritten whenever a record they depend on changes (see `refreshDependents`).
public struct RecordFindings: Sendable {
    /// Errors and warnings not accepted (notices left out).
    public var open: [Finding]
    /// Warnings accepted, with their reasons.
    public var accepted: [(Finding, String)]

    public init(_ findings: [Finding], accepted reasons: [String: String]) {
        open = findings.filter { $0.severity == .error || ($0.severity == .warning && reasons[$0.code] == nil) }
        accepted = findings.compactMap { f in f.severity == .warning ? reasons[f.code].map { (f, $0) } : nil }
    }

    public var errorCount: Int { open.errors.count }
    public var warningCount: Int { open.warnings.count }
    /// Whether the warning count holds "registered in another community" (a save elsewhere changes it alone).
    public var warnsOfOtherCommunity: Bool { open.contains { $0.code == PersonValidator.otherCommunityCode } }
    public var isEmpty: Bool { open.isEmpty && accepted.isEmpty }
}

extension AppDatabase {
    /// Every finding of a record's text in its community, validated with this connection's look-ups.
    func validate(_ db: Database, _ register: Register, fields: [String: String], id: Int64, community c: Community) -> [Finding] {
        let context = validationContext(db, community: c, editingId: id)
        switch register {
        case .survey: return PersonValidator.validate(fields, context: context).findings
        case .service: return ServiceValidator.validate(fields, context: context).findings
        case .activity: return ActivityValidator.validate(fields, context: context).findings
        }
    }

    /// A stored row as the text its register's validator reads.
    static func fields(_ register: Register, row: Row) throws -> [String: String] {
        switch register {
        case .survey: PersonFields.text(of: try PersonRecord.person(from: row))
        case .service: serviceFields(row)
        case .activity: activityFields(row)
        }
    }

    /// Re-validates active records and rewrites their kept problem counts (and, for persons, their score figures)
    /// where they changed. `communities` caches the profiles read.
    func refreshFindings(_ db: Database, _ register: Register, ids: some Sequence<Int64>,
                         communities: inout [String: Community]) throws {
        let table = register.table
        for id in ids {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM \(table) WHERE id = ?"), arguments: [id]),
                  (row["deleted_at"] as String?) == nil else { continue }
            let code: String = row["community_code"]
            let c: Community
            if let known = communities[code] { c = known } else {
                c = try Self.requireCommunity(db, code: code)
                communities[code] = c
            }
            let findings = validate(db, register, fields: try Self.fields(register, row: row), id: id, community: c)
            if register == .survey {
                try refreshPerson(db, id: id, period: c.period, findings: findings)
                continue
            }
            let counted = RecordFindings(findings, accepted: try Self.acceptedWarnings(db, table: table, id: id))
            guard counted.errorCount != row["error_count"] || counted.warningCount != row["warning_count"] else { continue }
            try db.execute(sql: "UPDATE \(table) SET error_count = ?, warning_count = ? WHERE id = ?",
                           arguments: [counted.errorCount, counted.warningCount, id])
        }
    }

    /// Re-validates the records whose findings depend on a person (by row id and the ID numbers it had before and
    /// has now): the person's services (an unknown person or a changed name is their error), role models naming
    /// the number (a warning while the person is not registered), and the same number in other communities (each
    /// warns of the other). The work is bounded by those few records, not by the registers.
    func refreshDependents(_ db: Database, ofPerson id: Int64, idNumbers: Set<String>, community: String) throws {
        var communities: [String: Community] = [:]
        let services = try Int64.fetchAll(db, sql: "SELECT id FROM service WHERE person_id = ? AND deleted_at IS NULL", arguments: [id])
        try refreshFindings(db, .service, ids: services, communities: &communities)
        for number in idNumbers where !number.isEmpty {
            let activities = try Int64.fetchAll(db, sql: """
                SELECT id FROM activity WHERE community_code = ? AND person_id_number = ? AND deleted_at IS NULL
                """, arguments: [community, number])
            try refreshFindings(db, .activity, ids: activities, communities: &communities)
            let elsewhere = try Int64.fetchAll(db, sql: """
                SELECT id FROM person WHERE id_number = ? AND community_code <> ? AND deleted_at IS NULL
                """, arguments: [number, community])
            try refreshFindings(db, .survey, ids: elsewhere, communities: &communities)
        }
    }

    /// Re-validates every active record of a community (after a change of its period, which dates and
    /// early-stage businesses are judged against): the one write whose cost grows with the registers.
    func refreshAllFindings(_ db: Database, community: String) throws {
        var communities: [String: Community] = [:]
        for register in Register.allCases {
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM \(register.table) WHERE community_code = ? AND deleted_at IS NULL",
                                         arguments: [community])
            try refreshFindings(db, register, ids: ids, communities: &communities)
        }
    }

    /// Active services of a person: what deleting the person would leave without their person.
    public func activeServiceCount(person id: Int64) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service WHERE person_id = ? AND deleted_at IS NULL", arguments: [id]) ?? 0
        }
    }
}

extension RecordFindings {
    /// Records with an error, and records with unaccepted warnings but no error, among `check`'s results: the
    /// figures the score's 台账资料完备 and home count (a record is counted once, as `Contribution` counts it).
    public static func problemRecords(_ results: [CheckedRecord])
        -> (errors: Int, warnings: Int) {
        let errors = results.filter { $0.findings.hasErrors }.count
        let warnings = results.filter { !$0.findings.hasErrors && !$0.findings.warnings.isEmpty }.count
        return (errors, warnings)
    }
}
