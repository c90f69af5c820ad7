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
    /// Imports survey-register rows into a community. Every row is validated against the register and the rows
    /// before it; nothing is written unless the mode allows it. `acceptWarningsReason` accepts all warnings.
    public func importPersons(_ rows: [ImportRow], community: String, mode: ImportMode,
                              acceptWarningsReason: String? = nil) throws -> ImportReport {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            var report = ImportReport()
            // Existing persons of this community, plus those of this file as they are accepted.
            var known: [String: ValidationContext.ExistingPerson] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, id_number FROM person WHERE community_code = ? AND deleted_at IS NULL",
                                           arguments: [community]) {
                known[row["id_number"]] = .init(id: row["id"], name: row["name"], communityCode: community)
            }
            var lineOf: [String: Int] = [:]
            let elsewhere = try db.cachedStatement(sql: "SELECT id, name, community_code FROM person WHERE id_number = ? AND community_code <> ? AND deleted_at IS NULL LIMIT 1")
            var context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil)
            context.personsWithIdNumber = { idNumber in
                if let mine = known[idNumber] { return [mine] }
                guard let row = try? Row.fetchOne(elsewhere, arguments: [idNumber, community]) else { return [] }
                return [.init(id: row["id"], name: row["name"], communityCode: row["community_code"])]
            }
            var accepted: [(line: Int, person: Person, findings: [Finding])] = []
            accepted.reserveCapacity(rows.count)
            for row in rows {
                var validated = PersonValidator.validate(row.fields, context: context)
                if let p = validated.value, let earlier = lineOf[p.idNumber] {
                    validated.findings.removeAll { $0.code == "id.duplicate" }
                    validated.findings.append(.error("id_number", "id.duplicate_in_file", "与本文件第\(earlier)行的公民身份号码重复"))
                }
                guard let person = validated.saveable else {
                    report.rejected.append((row.line, validated.findings))
                    continue
                }
                lineOf[person.idNumber] = row.line
                known[person.idNumber] = .init(id: -1, name: person.name, communityCode: community)
                accepted.append((row.line, person, validated.findings))
                if !validated.findings.isEmpty { report.warnings.append((row.line, validated.findings)) }
            }
            if !report.rejected.isEmpty && mode == .allOrNothing {
                report.rolledBack = true
                return report
            }
            let columns = PersonRecord.writableColumns
            let insert = try db.cachedStatement(sql: "INSERT INTO person (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
            let at = now()
            for item in accepted {
                let facts = Contribution.of(item.person, servicesInPeriod: 0, period: c.period)
                let warnings = acceptWarningsReason == nil ? item.findings.warnings.count : 0
                try insert.execute(arguments: StatementArguments(PersonRecord.values(item.person)
                    + PersonRecord.derivedValues(servicesInPeriod: 0, facts: facts, errors: 0, warnings: warnings)))
                let id = db.lastInsertedRowID
                var changes = AuditLog.diff(old: [:], new: PersonFields.text(of: item.person))
                if let reason = acceptWarningsReason {
                    try acceptWarnings(db, table: "person", id: id, findings: item.findings,
                                       reasons: Dictionary(item.findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { a, _ in a }),
                                       changes: &changes)
                }
                try AuditLog.record(db, at: at, operatorName: operatorName, community: community, table: "person",
                                    id: String(id), action: "import", changes: changes)
            }
            report.imported = accepted.count
            return report
        }
    }

    /// Imports service-register rows; each must name a person of the community's survey register.
    public func importServices(_ rows: [ImportRow], community: String, mode: ImportMode,
                               acceptWarningsReason: String? = nil) throws -> ImportReport {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            var report = ImportReport()
            var persons: [String: ValidationContext.ExistingPerson] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, id_number FROM person WHERE community_code = ? AND deleted_at IS NULL",
                                           arguments: [community]) {
                persons[row["id_number"]] = .init(id: row["id"], name: row["name"], communityCode: community)
            }
            let context = ValidationContext(today: today(), communityCode: community, period: c.period, editingId: nil,
                                            personsWithIdNumber: { persons[$0].map { [$0] } ?? [] })
            var accepted: [(Service, [Finding])] = []
            for row in rows {
                let validated = ServiceValidator.validate(row.fields, context: context, defaultStaff: operatorName)
                guard let service = validated.saveable else {
                    report.rejected.append((row.line, validated.findings))
                    continue
                }
                accepted.append((service, validated.findings))
                if !validated.findings.isEmpty { report.warnings.append((row.line, validated.findings)) }
            }
            if !report.rejected.isEmpty && mode == .allOrNothing {
                report.rolledBack = true
                return report
            }
            let at = now()
            var touched: Set<Int64> = []
            for (service, findings) in accepted {
                try Self.insertService(db, service, warnings: acceptWarningsReason == nil ? findings.warnings.count : 0)
                let id = db.lastInsertedRowID
                var changes = AuditLog.diff(old: [:], new: ServiceRecordFields.text(of: service))
                if let reason = acceptWarningsReason {
                    try acceptWarnings(db, table: "service", id: id, findings: findings,
                                       reasons: Dictionary(findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { a, _ in a }),
                                       changes: &changes)
                }
                try AuditLog.record(db, at: at, operatorName: operatorName, community: community, table: "service",
                                    id: String(id), action: "import", changes: changes)
                if c.period.contains(service.serviceDate) { touched.insert(service.personId) }
            }
            for person in touched { try refreshPerson(db, id: person, period: c.period) }
            report.imported = accepted.count
            return report
        }
    }

    /// Imports activity-register rows.
    public func importActivities(_ rows: [ImportRow], community: String, mode: ImportMode,
                                 acceptWarningsReason: String? = nil) throws -> ImportReport {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            var report = ImportReport()
            let context = validationContext(db, community: c, editingId: nil)
            var accepted: [(Activity, [Finding])] = []
            for row in rows {
                let validated = ActivityValidator.validate(row.fields, context: context)
                guard let activity = validated.saveable else {
                    report.rejected.append((row.line, validated.findings))
                    continue
                }
                accepted.append((activity, validated.findings))
                if !validated.findings.isEmpty { report.warnings.append((row.line, validated.findings)) }
            }
            if !report.rejected.isEmpty && mode == .allOrNothing {
                report.rolledBack = true
                return report
            }
            let at = now()
            for (activity, findings) in accepted {
                try Self.insertActivity(db, activity, period: c.period, warnings: acceptWarningsReason == nil ? findings.warnings.count : 0)
                let id = db.lastInsertedRowID
                var changes = AuditLog.diff(old: [:], new: ActivityRecordFields.text(of: activity))
                if let reason = acceptWarningsReason {
                    try acceptWarnings(db, table: "activity", id: id, findings: findings,
                                       reasons: Dictionary(findings.warnings.map { ($0.code, reason) }, uniquingKeysWith: { a, _ in a }),
                                       changes: &changes)
                }
                try AuditLog.record(db, at: at, operatorName: operatorName, community: community, table: "activity",
                                    id: String(id), action: "import", changes: changes)
            }
            report.imported = accepted.count
            return report
        }
    }
}
