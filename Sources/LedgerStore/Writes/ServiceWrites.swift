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

    /// A service: 经办人 defaults to the operator; the person it serves (and the one it served before a
    /// correction) has their services in the period recounted.
    func serviceSaveSteps(_ c: Community) -> RecordSaveSteps<Service> {
        let staff = operatorName
        return RecordSaveSteps(
            validate: { ServiceValidator.validate($0, context: $1, defaultStaff: staff) },
            text: ServiceRecordFields.text(of:),
            columns: Self.serviceColumns,
            values: { Self.serviceValues($0, errors: 0, warnings: 0).map(\.databaseValue) },
            afterWrite: { db, service, _, old in
                var persons: Set<Int64> = [service.personId]
                if let previous: Int64 = old?["person_id"] { persons.insert(previous) }
                for person in persons { try refreshPerson(db, id: person, period: c.period) }
            },
            saved: { service, id in
                var saved = service
                saved.id = id
                return .service(saved)
            })
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
