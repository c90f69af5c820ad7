import GRDB
import LedgerCore

extension AppDatabase {
    static let serviceColumns = ["community_code", "person_id", "service_date", "id_number", "name", "service_type",
                                 "method", "content", "result", "staff", "remarks", "error_count", "warning_count"]

    static func serviceValues(_ s: Service, errors: Int, warnings: Int) -> [any DatabaseValueConvertible & Sendable] {
        let values: [(any DatabaseValueConvertible & Sendable)?] = [
            s.communityCode, s.personId, s.serviceDate.description, s.idNumber, s.name, s.serviceType.rawValue,
            s.method.rawValue, s.content, s.result?.rawValue, s.staff, s.remarks, errors, warnings,
        ]
        return values.map { $0 ?? DatabaseValue.null }
    }

    /// Validates and records a service (new, or an edit of `editing`); updates the person's score contribution.
    /// 经办人 defaults to the operator.
    public func recordService(_ raw: [String: String], community: String, editing: EditToken? = nil,
                              acceptedWarnings: [String: String] = [:], action: String? = nil) throws -> SaveResult<Service> {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            try requireWritable(db, community: community)
            let context = validationContext(db, community: c, editingId: editing?.id)
            let validated = ServiceValidator.validate(raw, context: context, defaultStaff: operatorName)
            guard var service = validated.saveable else { return SaveResult(saved: nil, findings: validated.findings) }
            let newFields = ServiceRecordFields.text(of: service)
            var changes: [FieldChange]
            var affectedPersons: Set<Int64> = [service.personId]
            let id: Int64
            if let editing {
                let (current, currentFields) = try rowForUpdate(db, .service, editing: editing)
                affectedPersons.insert(current["person_id"])
                changes = AuditLog.diff(old: currentFields, new: newFields)
                id = editing.id
                let assignments = Self.serviceColumns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE service SET \(assignments), version = version + 1 WHERE id = ?",
                               arguments: StatementArguments(Self.serviceValues(service, errors: 0, warnings: 0) + [id]))
            } else {
                changes = AuditLog.diff(old: [:], new: newFields)
                try Self.insertService(db, service)
                id = db.lastInsertedRowID
            }
            service.id = id
            try acceptWarnings(db, table: "service", id: id, findings: validated.findings, reasons: acceptedWarnings, changes: &changes)
            let accepted = try Self.acceptedWarnings(db, table: "service", id: id)
            try db.execute(sql: "UPDATE service SET warning_count = ? WHERE id = ?",
                           arguments: [validated.findings.warnings.filter { accepted[$0.code] == nil }.count, id])
            for person in affectedPersons { try refreshPerson(db, id: person, period: c.period) }
            // An undo is audited even when it changes no field, so the next undo steps past it (see changeToUndo).
            if !changes.isEmpty || action == "undo" {
                try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: "service",
                                    id: String(id), action: action ?? (editing == nil ? "insert" : "update"), changes: changes)
            }
            return SaveResult(saved: service, findings: validated.findings)
        }
    }

    static func insertService(_ db: Database, _ s: Service, warnings: Int = 0) throws {
        let placeholders = Array(repeating: "?", count: serviceColumns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO service (\(serviceColumns.joined(separator: ", "))) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(serviceValues(s, errors: 0, warnings: warnings)))
    }

    static func serviceFields(_ row: Row) -> [String: String] {
        var f: [String: String] = [:]
        for key in ["service_date", "id_number", "name", "service_type", "method", "content", "result", "staff", "remarks"] {
            if let v: String = row[key] { f[key] = v }
        }
        return f
    }
}
