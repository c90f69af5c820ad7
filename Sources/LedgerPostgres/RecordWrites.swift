import Foundation
import LedgerCore
import LedgerStore
import PostgresNIO

/// How each register's record is stored: its field text, and the columns queries use beside it.
extension PostgresLedger {
    /// Inserts a validated record; returns its id. `batch` is the import that wrote it (nil for a form).
    func insert(_ pg: PG, _ record: SavedRecord, community c: Community, batch: Int64? = nil) async throws -> Int64 {
        let fields = JSONText.encode(record.fields)
        let inserted: PostgresRandomAccessRow?
        switch record {
        case .person(let p):
            inserted = try await pg.row("""
                INSERT INTO person (community_code, id_number, name, name_key, initials, fields, import_batch)
                VALUES (\(c.code), \(p.idNumber), \(p.name), \(Pinyin.nameKey(p.name)), \(Self.initials(p.name)), \(fields)::jsonb, \(batch))
                RETURNING id
                """)
        case .service(let s):
            inserted = try await pg.row("""
                INSERT INTO service (community_code, person_id, id_number, service_date, fields, import_batch)
                VALUES (\(c.code), \(s.personId), \(s.idNumber), \(s.serviceDate.description), \(fields)::jsonb, \(batch))
                RETURNING id
                """)
        case .activity(let a):
            inserted = try await pg.row("""
                INSERT INTO activity (community_code, date, kind, person_id_number, fields, facts, import_batch)
                VALUES (\(c.code), \(a.date.description), \(a.kind.rawValue), \(a.personIdNumber), \(fields)::jsonb,
                        \(Self.factsJSON(Contribution.of(a, period: c.period)))::jsonb, \(batch))
                RETURNING id
                """)
        }
        guard let id = try inserted?.id() else { throw StoreError("写入数据库失败，数据未保存", detail: "INSERT returned no id") }
        return id
    }

    /// Overwrites a record's text and columns (a correction), moving its version on.
    func update(_ pg: PG, _ record: SavedRecord, id: Int64, community c: Community) async throws {
        let fields = JSONText.encode(record.fields)
        switch record {
        case .person(let p):
            try await pg.execute("""
                UPDATE person SET id_number = \(p.idNumber), name = \(p.name), name_key = \(Pinyin.nameKey(p.name)),
                    initials = \(Self.initials(p.name)), fields = \(fields)::jsonb, version = version + 1 WHERE id = \(id)
                """)
        case .service(let s):
            try await pg.execute("""
                UPDATE service SET person_id = \(s.personId), id_number = \(s.idNumber), service_date = \(s.serviceDate.description),
                    fields = \(fields)::jsonb, version = version + 1 WHERE id = \(id)
                """)
        case .activity(let a):
            try await pg.execute("""
                UPDATE activity SET date = \(a.date.description), kind = \(a.kind.rawValue), person_id_number = \(a.personIdNumber),
                    fields = \(fields)::jsonb, facts = \(Self.factsJSON(Contribution.of(a, period: c.period)))::jsonb,
                    version = version + 1 WHERE id = \(id)
                """)
        }
    }

    /// Every initials reading a name may be typed as: the usual one first, then the other readings of polyphonic
    /// characters (`LedgerCore.Pinyin`).
    static func initials(_ name: String) -> [String] {
        [Pinyin.nameInitials(name)] + Pinyin.alternateNameInitials(name)
    }

    /// A record's score contribution as stored: the measures it adds to, by name.
    static func factsJSON(_ facts: ScoreFacts) -> String {
        var object: [String: Int] = [:]
        for measure in Measure.allCases where facts[measure] != 0 { object[measure.rawValue] = facts[measure] }
        return JSONObjectText.encode(object)
    }

    /// Warning codes already accepted for a record, with their reasons.
    static func acceptedWarnings(_ pg: PG, table: String, id: Int64) async throws -> [String: String] {
        var reasons: [String: String] = [:]
        for row in try await pg.rows("SELECT code, reason FROM accepted_warning WHERE record_table = \(table) AND record_id = \(id)") {
            reasons[try row.text("code")] = try row.text("reason")
        }
        return reasons
    }

    /// Stores the reasons given for warnings the record has, noting them in the audit changes; a reason already
    /// stored for the same warning is not a change (an edit form passes the accepted warnings back every save).
    func acceptWarnings(_ pg: PG, table: String, id: Int64, findings: [Finding], reasons: [String: String],
                        changes: inout [FieldChange]) async throws {
        let stored = try await Self.acceptedWarnings(pg, table: table, id: id)
        for finding in findings.warnings {
            guard let reason = reasons[finding.code].flatMap(Normalize.optional), stored[finding.code] != reason else { continue }
            try await pg.execute("""
                INSERT INTO accepted_warning (record_table, record_id, code, reason, operator, accepted_at)
                VALUES (\(table), \(id), \(finding.code), \(reason), \(operatorName), \(now()))
                ON CONFLICT (record_table, record_id, code) DO UPDATE SET reason = excluded.reason, operator = excluded.operator,
                    accepted_at = excluded.accepted_at
                """)
            changes.append(FieldChange(field: "accepted_warning." + finding.code, old: stored[finding.code], new: reason))
        }
    }

    /// Rewrites a record's kept problem counts from its findings and accepted warnings (a person's with whether
    /// they hold the other-community warning, which `refresh_other_community_warnings` keeps from then on).
    func writeCounts(_ pg: PG, table: String, id: Int64, findings: [Finding]) async throws {
        let counted = RecordFindings(findings, accepted: try await Self.acceptedWarnings(pg, table: table, id: id))
        let otherCommunity = table == Register.survey.table ? ", other_community_counted = \(counted.warnsOfOtherCommunity)" : ""
        try await pg.execute("""
            UPDATE \(unescaped: table) SET error_count = \(counted.errorCount), warning_count = \(counted.warningCount)\(unescaped: otherCommunity)
            WHERE id = \(id)
            """)
    }
}
