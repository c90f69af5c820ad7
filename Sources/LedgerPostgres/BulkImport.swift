import LedgerCore
import LedgerStore
import PostgresNIO

/// The write half of an import: the rows already judged go in with `COPY`, and what a save would change around
/// each record is done for the whole file at once, in a fixed number of statements whatever its size.
///
/// `COPY … FROM` refuses a table under row-level security, so the rows are copied into a temporary table and
/// moved with one `INSERT … SELECT`, which the policies check as they check any insert. Ids are taken from the
/// table's sequence first, in file order, so that accepted warnings and the report can name each row's record.
extension PostgresLedger {
    struct JudgedRow {
        let line: Int
        let record: SavedRecord
        let findings: [Finding]
    }

    func bulkWrite(_ pg: PG, _ register: Register, _ rows: [JudgedRow], community c: Community, batch: Int64,
                   acceptWarningsReason: String?) async throws {
        let table = register.table
        let ids = try await pg.ids("""
            SELECT nextval(pg_get_serial_sequence(\(table), 'id')) FROM generate_series(1, \(rows.count))
            """).sorted()
        guard ids.count == rows.count else { throw StoreError("写入数据库失败，数据未保存", detail: "ids for \(table)") }
        func reasons(_ findings: [Finding]) -> [String: String] {
            guard let reason = acceptWarningsReason.flatMap(Normalize.optional) else { return [:] }
            return Dictionary(findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { first, _ in first })
        }
        let columns = Self.copiedColumns[register] ?? []
        // A person's count says whether it holds the other-community warning (as `writeCounts` does).
        let flagsOtherCommunity = register == .survey
        let lines = zip(ids, rows).map { id, row in
            let counted = RecordFindings(row.findings, accepted: reasons(row.findings))
            return Self.copyLine([String(id), c.code] + Self.columnValues(row.record, period: c.period)
                                 + [String(counted.errorCount), String(counted.warningCount), String(batch)]
                                 + (flagsOtherCommunity ? [String(counted.warnsOfOtherCommunity)] : []))
        }
        try await copy(pg, into: table, columns: ["id", "community_code"] + columns + ["error_count", "warning_count", "import_batch"]
                                                  + (flagsOtherCommunity ? ["other_community_counted"] : []),
                       lines: lines)
        let accepted = zip(ids, rows).flatMap { id, row in
            reasons(row.findings).sorted { $0.key < $1.key }.map { code, reason in
                Self.copyLine([table, String(id), code, reason, operatorName, now()])
            }
        }
        if !accepted.isEmpty {
            try await copy(pg, into: "accepted_warning", columns: ["record_table", "record_id", "code", "reason", "operator", "accepted_at"],
                           lines: accepted)
        }
        switch register {
        case .survey: try await afterPersonsImported(pg, batch: batch, community: c)
        case .service: try await refreshPersonsServed(pg, batch: batch, period: c.period)
        case .activity: break
        }
    }

    /// The columns of a register's table that an import fills besides its id, community and counts.
    static let copiedColumns: [Register: [String]] = [
        .survey: ["id_number", "name", "name_key", "initials", "fields", "facts"],
        .service: ["person_id", "id_number", "service_date", "fields"],
        .activity: ["date", "kind", "person_id_number", "fields", "facts"],
    ]

    /// A record's values for `copiedColumns`, as text (nil: NULL). A new person has no services yet.
    static func columnValues(_ record: SavedRecord, period: Period) -> [String?] {
        let fields = JSONText.encode(record.fields)
        switch record {
        case .person(let p):
            let initials = "{" + initials(p.name).joined(separator: ",") + "}"
            return [p.idNumber, p.name, Pinyin.nameKey(p.name), initials, fields,
                    factsJSON(Contribution.of(p, servicesInPeriod: 0, period: period))]
        case .service(let s):
            return [String(s.personId), s.idNumber, s.serviceDate.description, fields]
        case .activity(let a):
            return [a.date.description, a.kind.rawValue, a.personIdNumber, fields, factsJSON(Contribution.of(a, period: period))]
        }
    }

    /// Streams lines into `table` through a temporary copy of it, then inserts them (checked by the policies).
    func copy(_ pg: PG, into table: String, columns: [String], lines: [String]) async throws {
        let staging = "import_" + table
        try await pg.execute(PostgresQuery(unsafeSQL: "CREATE TEMP TABLE IF NOT EXISTS \(staging) (LIKE \(table) INCLUDING DEFAULTS) ON COMMIT DROP"))
        try await pg.execute(PostgresQuery(unsafeSQL: "TRUNCATE \(staging)"))
        try await stream(pg, into: staging, columns: columns, lines: lines)
        let list = columns.joined(separator: ", ")
        try await pg.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(staging)"))
    }

    /// `COPY table (columns) FROM STDIN` of the lines, sent in pieces of about 64 KiB.
    func stream(_ pg: PG, into table: String, columns: [String], lines: [String]) async throws {
        try await pg.connection.copyFrom(table: table, columns: columns, logger: PG.logger) { writer in
            var buffer = ByteBuffer()
            for line in lines {
                buffer.writeString(line)
                if buffer.readableBytes >= 1 << 16 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// One line of COPY's text format: tab-separated, `\N` for NULL, backslash escapes for the characters the
    /// format gives a meaning (field text may hold tabs or line breaks).
    static func copyLine(_ values: [String?]) -> String {
        values.map { value in
            guard let value else { return "\\N" }
            var escaped = ""
            escaped.reserveCapacity(value.utf8.count)
            for ch in value.unicodeScalars {
                switch ch {
                case "\\": escaped += "\\\\"
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                default: escaped.unicodeScalars.append(ch)
                }
            }
            return escaped
        }.joined(separator: "\t") + "\n"
    }

    /// What a save of each new person would change around it, for the whole file: services left by a deleted
    /// namesake rejoin them (and they are counted again), and records judged by their numbers are judged again:
    /// role models naming them, and the same numbers in other communities (whose warning the database keeps).
    func afterPersonsImported(_ pg: PG, batch: Int64, community c: Community) async throws {
        let rejoined = try await pg.ids("""
            UPDATE service s SET person_id = p.id FROM person p JOIN person old
                ON old.community_code = p.community_code AND old.id_number = p.id_number AND old.deleted_at IS NOT NULL
            WHERE p.import_batch = \(batch) AND s.person_id = old.id AND s.deleted_at IS NULL
            RETURNING p.id
            """)
        for person in Set(rejoined).sorted() {
            try await refreshPerson(pg, id: person, period: c.period)
            try await refreshDependents(pg, ofPerson: person, idNumbers: [], community: c.code)
        }
        var communities = [c.code: c]
        let roleModels = try await pg.ids("""
            SELECT DISTINCT a.id FROM activity a JOIN person p ON p.id_number = a.person_id_number
            WHERE p.import_batch = \(batch) AND a.community_code = \(c.code) AND a.deleted_at IS NULL ORDER BY a.id
            """)
        try await refreshFindings(pg, .activity, ids: roleModels, communities: &communities)
        try await refreshOtherCommunityWarnings(pg, """
            SELECT DISTINCT community_code FROM refresh_other_community_warnings(ARRAY(SELECT id_number FROM person WHERE import_batch = \(batch)))
            """)
    }

    /// The persons the file's services are for: their services in the period counted again and their score
    /// contribution rewritten, in one read and one write.
    func refreshPersonsServed(_ pg: PG, batch: Int64, period: Period) async throws {
        let persons = try await pg.rows("""
            SELECT p.id, p.fields::text AS fields, p.community_code, p.deleted_at,
                (SELECT \(unescaped: Self.servicesCounted) FROM service s WHERE s.person_id = p.id AND s.deleted_at IS NULL
                    AND s.service_date BETWEEN \(period.start.description) AND \(period.end.description))::integer AS served
            FROM person p WHERE p.id IN (SELECT person_id FROM service WHERE import_batch = \(batch))
            """)
        var lines: [String] = []
        for row in persons {
            let id = try row.id()
            let context = ValidationContext(today: today(), communityCode: try row.text("community_code"), period: period)
            guard let person = PersonValidator.validate(try row.fields(), context: context).value else {
                throw StoreError("数据库中的记录已损坏，无法读取", detail: "person \(id)")
            }
            let served = try row.int("served")
            let deleted = try row.optionalText("deleted_at") != nil
            let facts = deleted ? ScoreFacts() : Contribution.of(person, servicesInPeriod: served, period: period)
            lines.append(Self.copyLine([String(id), String(served), Self.factsJSON(facts)]))
        }
        guard !lines.isEmpty else { return }
        try await pg.execute("CREATE TEMP TABLE IF NOT EXISTS person_served (id bigint, served integer, facts jsonb) ON COMMIT DROP")
        try await pg.execute("TRUNCATE person_served")
        try await stream(pg, into: "person_served", columns: ["id", "served", "facts"], lines: lines)
        try await pg.execute("""
            UPDATE person SET services_in_period = t.served, facts = t.facts FROM person_served t WHERE person.id = t.id
            """)
    }
}
