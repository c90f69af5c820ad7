import GRDB
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
            var known = try Self.personsById(db, community: community)
            var lineOf: [String: Int] = [:]
            let elsewhere = try db.cachedStatement(sql: "SELECT id, name, community_code FROM person WHERE id_number = ? AND community_code <> ? AND deleted_at IS NULL LIMIT 1")
            var context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil)
            context.personsWithIdNumber = { idNumber in
                if let mine = known[idNumber] { return [mine] }
                guard let row = try? Row.fetchOne(elsewhere, arguments: [idNumber, community]) else { return [] }
                return [.init(id: row["id"], name: row["name"], communityCode: row["community_code"])]
            }
            let columns = PersonRecord.writableColumns
            let insert = try db.cachedStatement(sql: "INSERT INTO person (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
            return ImportSteps(
                validate: { row in
                    var validated = PersonValidator.validate(row.fields, context: context)
                    if let p = validated.value, let earlier = lineOf[p.idNumber] {
                        validated.findings.removeAll { $0.code == "id.duplicate" }
                        validated.findings.append(.error("id_number", "id.duplicate_in_file", "与本文件第\(earlier)行的公民身份号码重复"))
                    }
                    if let p = validated.saveable {
                        lineOf[p.idNumber] = row.line
                        known[p.idNumber] = .init(id: -1, name: p.name, communityCode: community)
                    }
                    return (validated.saveable, validated.findings)
                },
                insert: { person, warnings in
                    let facts = Contribution.of(person, servicesInPeriod: 0, period: c.period)
                    try FastInsert.run(insert, PersonRecord.values(person)
                        + PersonRecord.derivedValues(servicesInPeriod: 0, facts: facts, errors: 0, warnings: warnings))
                    return db.lastInsertedRowID
                },
                finish: {})
        }
    }

    /// Imports service-register rows; each must name a person of the community's survey register.
    public func importServices(_ rows: some Sequence<RawRecord>, community: String, mode: ImportMode,
                               acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        try importRecords(rows, table: "service", community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source) { db, c in
            let persons = try Self.personsById(db, community: community)
            let context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil,
                                            personsWithIdNumber: { persons[$0].map { [$0] } ?? [] })
            var touched: Set<Int64> = []
            let staff = operatorName
            return ImportSteps(
                validate: { row in
                    let validated = ServiceValidator.validate(row.fields, context: context, defaultStaff: staff)
                    return (validated.saveable, validated.findings)
                },
                insert: { service, warnings in
                    try Self.insertService(db, service, warnings: warnings)
                    if c.period.contains(service.serviceDate) { touched.insert(service.personId) }
                    return db.lastInsertedRowID
                },
                finish: { for person in touched { try refreshPerson(db, id: person, period: c.period) } })
        }
    }

    /// Imports activity-register rows.
    public func importActivities(_ rows: some Sequence<RawRecord>, community: String, mode: ImportMode,
                                 acceptWarningsReason: String? = nil, source: String = "") throws -> ImportReport {
        try importRecords(rows, table: "activity", community: community, mode: mode, acceptWarningsReason: acceptWarningsReason, source: source) { db, c in
            let context = validationContext(db, community: c, editingId: nil)
            return ImportSteps(
                validate: { row in
                    let validated = ActivityValidator.validate(row.fields, context: context)
                    return (validated.saveable, validated.findings)
                },
                insert: { activity, warnings in
                    try Self.insertActivity(db, activity, period: c.period, warnings: warnings)
                    return db.lastInsertedRowID
                },
                finish: {})
        }
    }

    /// What one register contributes to an import: how to validate a row, insert a record, and finish.
    struct ImportSteps<Value> {
        var validate: (RawRecord) -> (Value?, [Finding])
        /// Inserts a record with its count of unaccepted warnings; returns its id.
        var insert: (Value, Int) throws -> Int64
        var finish: () throws -> Void
    }

    /// The shared import loop: validate, insert, audit, and commit or roll back as the mode says.
    func importRecords<Value>(_ rows: some Sequence<RawRecord>, table: String, community: String, mode: ImportMode,
                              acceptWarningsReason: String?, source: String,
                              steps makeSteps: (Database, Community) throws -> ImportSteps<Value>) throws -> ImportReport {
        try writeCommittingIf { db in
            let c = try Self.requireCommunity(db, code: community)
            try requireWritable(db, community: community)
            let steps = try makeSteps(db, c)
            var report = ImportReport()
            var firstId: Int64?
            var lastId: Int64 = 0
            try BulkLoad.withoutTriggers(db) {
                for row in rows {
                    let (value, findings) = steps.validate(row)
                    guard let value else {
                        report.rejected.append((row.line, findings))
                        continue
                    }
                    if !findings.isEmpty { report.warnings.append((row.line, findings)) }
                    // Once a row is rejected in all-or-nothing mode nothing will be kept: only validate the rest.
                    if mode == .allOrNothing && !report.rejected.isEmpty { continue }
                    let id = try steps.insert(value, acceptWarningsReason == nil ? findings.warnings.count : 0)
                    if let reason = acceptWarningsReason, !findings.warnings.isEmpty {
                        var ignored: [FieldChange] = []
                        let reasons = Dictionary(findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { a, _ in a })
                        try acceptWarnings(db, table: table, id: id, findings: findings, reasons: reasons, changes: &ignored)
                    }
                    if firstId == nil { firstId = id }
                    lastId = id
                    report.imported += 1
                }
            }
            if mode == .allOrNothing && !report.rejected.isEmpty {
                report.rolledBack = true
                report.imported = 0
                return (report, false)
            }
            if let firstId {
                try BulkLoad.addToTotals(db, table: table, community: community, firstId: firstId, lastId: lastId)
            }
            try steps.finish()
            if let firstId {
                try db.execute(sql: """
                    INSERT INTO import_batch (at, operator, community_code, record_table, source, first_id, last_id, rows)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [now(), operatorName, community, table, source, firstId, lastId, report.imported])
            }
            return (report, true)
        }
    }

    /// Active persons of a community by ID number.
    static func personsById(_ db: Database, community: String) throws -> [String: ValidationContext.ExistingPerson] {
        var result: [String: ValidationContext.ExistingPerson] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name, id_number FROM person WHERE community_code = ? AND deleted_at IS NULL",
                                       arguments: [community])
        while let row = try rows.next() {
            result[row["id_number"]] = .init(id: row["id"], name: row["name"], communityCode: community)
        }
        return result
    }
}
