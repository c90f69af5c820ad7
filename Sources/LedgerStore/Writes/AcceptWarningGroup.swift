import GRDB
import LedgerCore

extension AppDatabase {
    /// Accepts one warning rule on many records with one reason, as `import --accept-warnings` does for the rows
    /// of a file: in one transaction, each record is validated again and only a warning it still has is
    /// accepted; the reason is stored, the record's unresolved-warning count (and a person's score contribution)
    /// rewritten, and one audit row written per record. All or nothing: a record the operator may not change
    /// refuses the whole group. Returns the number of records accepted.
    public func acceptWarning(code: String, reason: String, records: [RecordRef]) throws -> Int {
        let why = try WrittenReason.required(reason, missing: "确认警告必须填写理由", what: "确认警告的理由")
        return try write { db in
            var accepted = 0
            for record in records {
                let table = record.register.table
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ? AND deleted_at IS NULL",
                                                 arguments: [record.id]) else { continue }
                let c = try Self.requireCommunity(db, code: row["community_code"])
                try requireWritable(db, community: c.code)
                let context = validationContext(db, community: c, editingId: record.id)
                let findings: [Finding]
                switch record.register {
                case .survey: findings = PersonValidator.validate(PersonFields.text(of: try PersonRecord.person(from: row)), context: context).findings
                case .service: findings = ServiceValidator.validate(Self.serviceFields(row), context: context).findings
                case .activity: findings = ActivityValidator.validate(Self.activityFields(row), context: context).findings
                }
                let before = try Self.acceptedWarnings(db, table: table, id: record.id)
                guard before[code] == nil, findings.warnings.contains(where: { $0.code == code }) else { continue }
                var changes: [FieldChange] = []
                try acceptWarnings(db, table: table, id: record.id, findings: findings.filter { $0.code == code }, reasons: [code: why],
                                   changes: &changes)
                switch record.register {
                case .survey:
                    try refreshPerson(db, id: record.id, period: c.period, findings: findings)
                case .service, .activity:
                    let now = try Self.acceptedWarnings(db, table: table, id: record.id)
                    try db.execute(sql: "UPDATE \(table) SET warning_count = ? WHERE id = ?",
                                   arguments: [findings.warnings.filter { now[$0.code] == nil }.count, record.id])
                }
                try AuditLog.record(db, at: now(), operatorName: operatorName, community: c.code, table: table, id: String(record.id),
                                    action: "accept", changes: changes)
                accepted += 1
            }
            return accepted
        }
    }
}
