import GRDB
import GRDBSQLite
import LedgerCore

public typealias ImportRow = RawRecord

/// What an import did: how many rows were written and every finding by line.
public struct ImportReport: Sendable {
    public var imported = 0
    /// Rows refused for errors, with all their findings.
    public var rejected: [(line: Int, findings: [Finding])] = []
    /// Rows written with warnings (or notices).
    public var warnings: [(line: Int, findings: [Finding])] = []
    /// True when nothing was written because of errors (all-or-nothing mode).
    public var rolledBack = false

    public init() {}
}

/// How an import treats rows with errors.
public enum ImportMode: Sendable {
    /// Any error rejects the whole file.
    case allOrNothing
    /// Good rows are written, bad rows reported.
    case skipInvalid
}

extension AppDatabase {
    /// Imports survey-register rows into a community. Each row is validated against the register and the rows
    /// before it, and written as it passes, inside one transaction that is rolled back when all-or-nothing fails.
    /// `acceptWarningsReason` accepts every warning with that reason.
    public func importPersons(_ rows: some Sequence<RawRecord>, community: String, mode: ImportMode,
                              acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        try importRecords(rows, table: "person", community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source) { db, c in
            // Validation runs on another thread without the database: it sees this community's persons (loaded
            // here, then the file's own rows); persons of other communities are looked up by `check`.
            // Rows of the file are found through `lineOf` (a number seen on an earlier line), not added to `known`:
            // one table of the file's numbers, sized once, instead of two grown by doubling.
            let known = try Self.personsById(db, community: community)
            var lineOf: [String: Int] = [:]
            lineOf.reserveCapacity(rows.underestimatedCount)
            // Other initials of polyphonic names (computed on the validating thread), written once the rows are in.
            var alternates: [(idNumber: String, initials: [String])] = []
            let elsewhere = try db.cachedStatement(sql: PersonsByIdNumber.probeSQL)
            // Numbers of the file registered in other communities: those persons now warn of this one (RecordFindings).
            var alsoElsewhere: [String] = []
            let earlierRow = [ValidationContext.ExistingPerson(id: -1, name: "", communityCode: community)]
            var context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil)
            context.personsWithIdNumber = { idNumber in
                if let person = known[idNumber] { return [person] }
                return lineOf[idNumber] == nil ? [] : earlierRow
            }
            return ImportSteps(
                columns: PersonRecord.writableColumns,
                validate: { row in
                    var validated = PersonValidator.validate(row.values(for: .survey), context: context)
                    let idNumber = validated.value?.idNumber
                    if let idNumber, let earlier = lineOf[idNumber] {
                        validated.findings.removeAll { $0.code == "id.duplicate" }
                        validated.findings.append(.error("id_number", "id.duplicate_in_file", "与本文件第\(earlier)行的公民身份号码重复"))
                    }
                    let person = validated.takeSaveable()
                    if person != nil, let idNumber { lineOf[idNumber] = row.line }
                    return (person, validated.findings)
                },
                keep: { person in (person.idNumber, Pinyin.alternateNameInitials(person.name)) },
                check: { kept, findings in
                    let (idNumber, otherInitials) = kept
                    if !otherInitials.isEmpty { alternates.append((idNumber, otherInitials)) }
                    let found = try FastLookup.first(elsewhere, texts: [idNumber, community]) { s in
                        ValidationContext.ExistingPerson(id: sqlite3_column_int64(s, 0), name: FastLookup.text(s, 1),
                                                         communityCode: FastLookup.text(s, 2), communityName: FastLookup.text(s, 3))
                    }
                    if let found {
                        findings.append(PersonValidator.otherCommunityWarning(found))
                        alsoElsewhere.append(idNumber)
                    }
                },
                encode: { person, warnings in
                    let facts = Contribution.of(person, servicesInPeriod: 0, period: c.period)
                    var row = ValueList()
                    row.values.reserveCapacity(PersonRecord.writableColumns.count)
                    PersonRecord.encode(person, into: &row)
                    PersonRecord.encodeDerived(servicesInPeriod: 0, facts: facts, errors: 0, warnings: warnings, into: &row)
                    return row.values
                },
                inserted: nil,
                finish: { _ in
                    try SearchKeys.insertAlternates(db, community: community, byIdNumber: alternates)
                    try refreshFindingsAfterPersonImport(db, community: community, elsewhere: alsoElsewhere)
                    var communities: [String: Community] = [:]
                    for person in try servicesRejoinImportedPersons(db, community: community) {
                        let services = try Int64.fetchAll(db, sql: "SELECT id FROM service WHERE person_id = ? AND deleted_at IS NULL",
                                                          arguments: [person])
                        try refreshFindings(db, .service, ids: services, communities: &communities)
                        try refreshPerson(db, id: person, period: c.period)
                    }
                })
        }
    }

    /// Imports service-register rows; each must name a person of the community's survey register.
    public func importServices(_ rows: some Sequence<RawRecord>, community: String, mode: ImportMode,
                               acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        try importRecords(rows, table: "service", community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source) { db, c in
            var surveys: [Int64: SurveyFacts] = [:]
            let persons = try Self.personsById(db, community: community, surveys: &surveys)
            // Services already registered, by person, day and type (the earliest of each), and those of the file by
            // line: a second one is probably entered twice (a file imported again, or a row repeated).
            let registered = try Self.firstServicesByKey(db, community: community)
            var lineOf: [ServiceTwinKey: Int] = [:]
            var context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil,
                                            personsWithIdNumber: { persons[$0].map { [$0] } ?? [] })
            context.sameDayServices = { person, date, type in
                registered[ServiceTwinKey(person: person, date: date.description, type: type.rawValue)].map { [$0] } ?? []
            }
            context.surveyOfPerson = { surveys[$0] }
            var touched: Set<Int64> = []
            let staff = operatorName
            return ImportSteps(
                columns: Self.serviceColumns,
                validate: { row in
                    var validated = ServiceValidator.validate(row.values(for: .service), context: context, defaultStaff: staff)
                    if let service = validated.value, !validated.findings.hasErrors {
                        let key = ServiceTwinKey(service)
                        if let earlier = lineOf[key], registered[key] == nil {
                            validated.findings.append(.warning("service_date", "service.duplicate",
                                                               "与本文件第\(earlier)行是同一人、同一天、同一类型的服务，请确认不是重复登记"))
                        } else if lineOf[key] == nil {
                            lineOf[key] = row.line
                        }
                    }
                    return (validated.takeSaveable(), validated.findings)
                },
                keep: { service in service },
                check: { _, _ in },
                encode: { service, warnings in Self.serviceValues(service, errors: 0, warnings: warnings).map(\.databaseValue) },
                inserted: { service in
                    if c.period.contains(service.serviceDate) { touched.insert(service.personId) }
                },
                finish: { _ in for person in touched { try refreshPerson(db, id: person, period: c.period) } })
        }
    }

    /// Imports activity-register rows.
    public func importActivities(_ rows: some Sequence<RawRecord>, community: String, mode: ImportMode,
                                 acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        try importRecords(rows, table: "activity", community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source) { db, c in
            // A role model names a person of the register: validation (on another thread, without the database)
            // sees the community's persons, loaded here, as the services' import does.
            let persons = try Self.personsById(db, community: community)
            let context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil,
                                            personsWithIdNumber: { persons[$0].map { [$0] } ?? [] })
            return ImportSteps(
                columns: Self.activityColumns,
                validate: { row in
                    var validated = ActivityValidator.validate(row.values(for: .activity), context: context)
                    return (validated.takeSaveable(), validated.findings)
                },
                keep: { _ in () },
                check: { _, _ in },
                encode: { activity, warnings in Self.activityValues(activity, period: c.period, warnings: warnings).map(\.databaseValue) },
                inserted: nil,
                finish: { _ in })
        }
    }

    /// What one register contributes to an import: how to validate a row, the columns and values of its record,
    /// what to note once a record is written, and what to do at the end.
    /// A validated `Record` stays on the validating thread; the writer gets only the `Value` it needs of it (a
    /// whole `Person` handed over cost a retain and a release of each of its texts, the release on another thread).
    struct ImportSteps<Record, Value> {
        var columns: [String]
        /// Runs on the validating thread: must not touch the database.
        var validate: (RawRecord) -> (Record?, [Finding])
        /// What the writer keeps of a record that can be saved (validating thread).
        var keep: (Record) -> Value
        /// Checks of a valid record that need the database (writer thread); may add warnings, never errors.
        var check: (Value, inout [Finding]) throws -> Void
        /// The values of `columns` for a record with this many unaccepted warnings. Runs on the validating thread:
        /// must not touch the database. `columns` must include `error_count` and `warning_count`.
        var encode: (Record, Int) -> [DatabaseValue]
        /// What to note once a record is written (nil: nothing).
        var inserted: ((Value) -> Void)?
        /// Writer work that `check` needs, run once the validating thread has started, so that the two overlap
        /// (the validating thread bounds an import's loop).
        var alongsideFirstRows: () throws -> Void = {}
        /// Runs after the rows are written, with the range of their ids (nil when none was).
        var finish: (ClosedRange<Int64>?) throws -> Void
    }

    /// The shared import loop: validate and encode on a second thread, insert chunk by chunk with the totals triggers
    /// off, add the rows to the totals, audit, and commit or roll back as the mode says.
    func importRecords<Record, Value: Sendable>(_ rows: some Sequence<RawRecord>, table: String, community: String, mode: ImportMode,
                              acceptWarningsReason: String?, source: String,
                              steps makeSteps: (Database, Community) throws -> ImportSteps<Record, Value>) throws -> ImportReport {
        // The whole import, not only its insert loop, runs with the large cache: what follows the loop (the ID
        // filter, persons refreshed after services) revisits pages the loop touched.
        // As a bulk load: with a rollback journal when no other connection is open, and without row-by-row foreign-key
        // checks: every row names this community, found below in this transaction, and a service names a person of
        // it, loaded by `makeSteps` in this transaction (the check cost the writer, which bounds an import, 1.5–2 ms
        // per 10,000 persons in C).
        // Other processes whose writes wait for this import past their busy timeout are told who is importing.
        let busy = readOnlyReason == nil ? BusyHolder.note(databasePath: writer.path, operatorName: operatorName, at: now()) : nil
        defer { busy?.remove() }
        return try writeCommittingIf(asBulkLoad: true) { db in try BulkLoad.withLargeCache(db) {
            let c = try Self.requireCommunity(db, code: community)
            try requireWritable(db, community: community)
            // Writing thousands of rows into damaged pages spreads the damage: stop before the first row.
            try Integrity.requireSound(db, before: "本次导入未写入任何数据")
            let steps = try makeSteps(db, c)
            var report = ImportReport()
            // Warnings to accept once their record has an id: (index of the record in this import, findings).
            var toAccept: [(Int, [Finding])] = []
            let acceptAll = acceptWarningsReason != nil
            let warningColumn = steps.columns.firstIndex(of: "warning_count")!
            let inserter = try RowInserter(db, table: table, columns: steps.columns)
            let pipeline = ImportPipeline<Value>(rows: rows) { row in
                let (record, findings) = steps.validate(row)
                guard let record else { return (nil, findings, nil) }
                return (steps.keep(record), findings, steps.encode(record, acceptAll ? 0 : findings.warnings.count))
            }
            do {
                try steps.alongsideFirstRows()
                try BulkLoad.withoutTriggers(db) {
                    while var chunk = pipeline.next() {
                        // Indexes of the items to insert; items are read in place, not copied.
                        var toInsert: [Int] = []
                        for i in chunk.items.indices {
                            let line = chunk.items[i].line
                            guard chunk.items[i].value != nil, chunk.items[i].columns != nil else {
                                report.rejected.append((line, chunk.items[i].findings))
                                continue
                            }
                            // After a rejection in all-or-nothing mode nothing will be kept: only report the rest.
                            if mode == .allOrNothing && !report.rejected.isEmpty {
                                if !chunk.items[i].findings.isEmpty { report.warnings.append((line, chunk.items[i].findings)) }
                                continue
                            }
                            var findings = chunk.items[i].findings
                            try steps.check(chunk.items[i].value!, &findings)
                            if findings.count != chunk.items[i].findings.count && !acceptAll {
                                // A warning found by `check` raises the stored warning count.
                                chunk.items[i].columns![warningColumn] = Int64(findings.warnings.count).databaseValue
                            }
                            if !findings.isEmpty {
                                report.warnings.append((line, findings))
                                if acceptAll, !findings.warnings.isEmpty { toAccept.append((report.imported, findings)) }
                            }
                            toInsert.append(i)
                            report.imported += 1
                        }
                        try inserter.insert(toInsert.map { chunk.items[$0].columns! })
                        if let inserted = steps.inserted {
                            for i in toInsert { inserted(chunk.items[i].value!) }
                        }
                    }
                }
            } catch {
                pipeline.stop()
                throw error
            }
            if mode == .allOrNothing && !report.rejected.isEmpty {
                report.rolledBack = true
                report.imported = 0
                return (report, false)
            }
            guard inserter.count == report.imported else {
                throw StoreError("导入失败，数据未保存", detail: "\(inserter.count) rows written for \(report.imported) records")
            }
            let ids = inserter.firstId.map { $0...inserter.lastId! }
            if let reason = acceptWarningsReason {
                for (index, findings) in toAccept {
                    var ignored: [FieldChange] = []
                    let reasons = Dictionary(findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { a, _ in a })
                    try acceptWarnings(db, table: table, id: ids!.lowerBound + Int64(index), findings: findings, reasons: reasons,
                                       stored: [:], changes: &ignored)
                }
            }
            if let ids { try BulkLoad.addToTotals(db, table: table, community: community, ids: ids) }
            try steps.finish(ids)
            if let ids {
                try db.execute(sql: """
                    INSERT INTO import_batch (at, operator, community_code, record_table, source, first_id, last_id, rows)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [now(), operatorName, community, table, source, ids.lowerBound, ids.upperBound, report.imported])
            }
            return (report, true)
        } }
    }

    /// After persons are imported: the same persons in other communities now have a warning, and role models
    /// of this community that named a person not yet registered may have lost theirs (their number is in the file).
    func refreshFindingsAfterPersonImport(_ db: Database, community: String, elsewhere: [String]) throws {
        var communities: [String: Community] = [:]
        for number in elsewhere {
            let others = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM person WHERE id_number = ? AND community_code <> ? AND deleted_at IS NULL
                """), arguments: [number, community])
            try refreshFindings(db, .survey, ids: others, communities: &communities)
        }
        let roleModels = try Int64.fetchAll(db, sql: """
            SELECT id FROM activity WHERE community_code = ? AND person_id_number IS NOT NULL AND warning_count > 0 AND deleted_at IS NULL
            """, arguments: [community])
        try refreshFindings(db, .activity, ids: roleModels, communities: &communities)
    }

    /// The earliest active service of each person, day and type in a community.
    static func firstServicesByKey(_ db: Database, community: String) throws -> [ServiceTwinKey: Int64] {
        var result: [ServiceTwinKey: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT person_id, service_date, service_type, MIN(id) FROM service WHERE community_code = ? AND deleted_at IS NULL
            GROUP BY person_id, service_date, service_type
            """, arguments: [community])
        while let row = try rows.next() { result[ServiceTwinKey(row)] = row[3] }
        return result
    }

    /// Active persons of a community by ID number.
    static func personsById(_ db: Database, community: String) throws -> [String: ValidationContext.ExistingPerson] {
        var unused: [Int64: SurveyFacts] = [:]
        return try personsById(db, community: community, surveys: &unused)
    }

    /// The community's active persons by ID number, and (in `surveys`, by row id) what their services are checked
    /// against, read in the same pass.
    static func personsById(_ db: Database, community: String,
                            surveys: inout [Int64: SurveyFacts]) throws -> [String: ValidationContext.ExistingPerson] {
        var result: [String: ValidationContext.ExistingPerson] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, id_number, survey_date, trained FROM person WHERE community_code = ? AND deleted_at IS NULL
            """, arguments: [community])
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            result[row["id_number"]] = .init(id: id, name: row["name"], communityCode: community)
            surveys[id] = SurveyFacts(surveyDate: row["survey_date"] as String, trained: row["trained"] as Bool)
        }
        return result
    }
}

extension AppDatabase {
    /// Imports a register file's rows (the `ImportStore` requirement): each register's own import.
    public func importRows<Rows: Sequence<RawRecord>>(_ register: Register, _ rows: Rows, community: String, mode: ImportMode,
                                                      acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        switch register {
        case .survey: try importPersons(rows, community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source)
        case .service: try importServices(rows, community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source)
        case .activity: try importActivities(rows, community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source)
        }
    }
}
