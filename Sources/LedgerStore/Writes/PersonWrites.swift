import GRDB
import LedgerCore

extension AppDatabase {
    /// A person: stored with its search keys; their score figures recounted, and the records whose findings
    /// depend on them (services, role models, the same number elsewhere) judged again. A corrected name or
    /// number is carried into their services first.
    func personSaveSteps(_ c: Community) -> RecordSaveSteps<Person> {
        RecordSaveSteps(
            validate: { PersonValidator.validate($0, context: $1) },
            text: PersonFields.text(of:),
            columns: PersonRecord.columns,
            values: PersonRecord.values,
            beforeUpdate: { db, id, old, new in try servicesFollowPerson(db, id: id, old: old, new: new, community: c.code) },
            afterWrite: { db, person, id, old in
                var idNumbers: Set<String> = [person.idNumber]
                if let previous: String = old?["id_number"] { idNumbers.insert(previous) }
                try SearchKeys.writeAlternates(db, personId: id, community: c.code, name: person.name)
                try servicesRejoinPerson(db, id: id, idNumber: person.idNumber, community: c.code)
                try refreshPerson(db, id: id, period: c.period)
                try refreshDependents(db, ofPerson: id, idNumbers: idNumbers, community: c.code)
            },
            saved: { person, id in
                var saved = person
                saved.id = id
                return .person(saved)
            })
    }

    /// Stores the reasons given for warnings and notes them in the audit changes. A reason already stored for the
    /// same warning is not a change: an edit form passes the record's accepted warnings back with every save, and
    /// the history must not show them as accepted again.
    /// `stored`: the record's accepted warnings when the caller knows them (an imported record has none).
    func acceptWarnings(_ db: Database, table: String, id: Int64, findings: [Finding], reasons: [String: String],
                        stored known: [String: String]? = nil, changes: inout [FieldChange]) throws {
        let stored = try known ?? Self.acceptedWarnings(db, table: table, id: id)
        for finding in findings.warnings {
            guard let reason = reasons[finding.code].flatMap(Normalize.optional), stored[finding.code] != reason else { continue }
            try db.execute(sql: """
                INSERT INTO accepted_warning (record_table, record_id, code, reason, operator, accepted_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET reason = excluded.reason, operator = excluded.operator, accepted_at = excluded.accepted_at
                """, arguments: [table, id, finding.code, reason, operatorName, now()])
            changes.append(FieldChange(field: "accepted_warning." + finding.code, old: stored[finding.code], new: reason))
        }
    }

    /// Warning codes already accepted for a record, with their reasons.
    public func acceptedWarnings(of ref: RecordRef) throws -> [String: String] {
        try read { db in try Self.acceptedWarnings(db, table: ref.register.table, id: ref.id) }
    }

    static func acceptedWarnings(_ db: Database, table: String, id: Int64) throws -> [String: String] {
        let rows = try Row.fetchAll(db, sql: "SELECT code, reason FROM accepted_warning WHERE record_table = ? AND record_id = ?",
                                    arguments: [table, id])
        return Dictionary(rows.map { ($0["code"], $0["reason"]) }, uniquingKeysWith: { a, _ in a })
    }

    /// Recounts a person's services in the period and rewrites their score contribution and problem counts.
    func refreshPerson(_ db: Database, id: Int64, period: Period, findings: [Finding]? = nil) throws {
        let row = try Self.personRow(db, id: id)
        let person = try PersonRecord.person(from: row)
        // Cached statements: an import refreshes thousands of persons, and preparing this UPDATE (whose triggers
        // read every totals column) cost more than running it.
        // Each day and type once: a second 创业指导 on the same day is the same service entered twice, or one visit
        // (it had counted towards 每人2次以上创业服务). The PostgreSQL engine counts the same (servicesCounted).
        let services = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(DISTINCT service_date || '|' || service_type) FROM service
            WHERE person_id = ? AND deleted_at IS NULL AND service_date BETWEEN ? AND ?
            """), arguments: [id, period.start.description, period.end.description]) ?? 0
        let deleted = (row["deleted_at"] as String?) != nil
        var facts = deleted ? ScoreFacts() : Contribution.of(person, servicesInPeriod: services, period: period)
        var errors: Int = row["error_count"], warnings: Int = row["warning_count"]
        if let findings {
            let accepted = try Self.acceptedWarnings(db, table: "person", id: id)
            errors = findings.errors.count
            warnings = findings.warnings.filter { accepted[$0.code] == nil }.count
        }
        if deleted { facts = ScoreFacts() }
        let assignments = (["services_in_period"] + PersonRecord.measureColumns + ["error_count", "warning_count"])
            .map { "\($0) = ?" }.joined(separator: ", ")
        try db.cachedStatement(sql: "UPDATE person SET \(assignments) WHERE id = ?")
            .execute(arguments: StatementArguments(PersonRecord.derivedValues(servicesInPeriod: services, facts: facts,
                                                                               errors: errors, warnings: warnings) + [id.databaseValue]))
    }

    static func personRow(_ db: Database, id: Int64) throws -> Row {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM person WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound("摸底台账第\(id)号记录")
        }
        return row
    }

    /// Validation context whose look-ups use this connection (safe inside a write transaction).
    func validationContext(_ db: Database, community c: Community, editingId: Int64?) -> ValidationContext {
        var context = ValidationContext(today: today(), communityCode: c.code, period: c.period, editingId: editingId,
                                        personsWithIdNumber: { (try? PersonsByIdNumber.fetch(db, idNumber: $0)) ?? [] })
        context.sameDayServices = { person, date, type in (try? Self.sameDayServices(db, person: person, date: date, type: type)) ?? [] }
        context.surveyOfPerson = { person in try? Self.surveyFacts(db, person: person) }
        return context
    }
}
