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
            afterWrite: { db, service, id, old in
                var persons: Set<Int64> = [service.personId]
                if let previous: Int64 = old?["person_id"] { persons.insert(previous) }
                for person in persons { try refreshPerson(db, id: person, period: c.period) }
                try refreshLaterTwins(db, ofService: id)
                if let old { try refreshLaterTwins(db, key: ServiceTwinKey(old), after: id) }
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

    /// A person's survey date and training answer (`ValidationContext.surveyOfPerson`), whether active or not: a
    /// service of a deleted person is judged by its unknown person already.
    static func surveyFacts(_ db: Database, person: Int64) throws -> SurveyFacts? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT survey_date, trained FROM person WHERE id = ?"),
                                         arguments: [person]) else { return nil }
        return SurveyFacts(surveyDate: row["survey_date"] as String, trained: row["trained"] as Bool)
    }

    /// Ids of the active services of a person on a day with a type (`ValidationContext.sameDayServices`).
    static func sameDayServices(_ db: Database, person: Int64, date: Day, type: ServiceType) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM service WHERE person_id = ? AND service_date = ? AND service_type = ? AND deleted_at IS NULL
            """), arguments: [person, date.description, type.rawValue])
    }

    /// The later services of the same person, day and type as service `id` (by its stored row) are judged again:
    /// whether they repeat an earlier one depends on it (saved, corrected, deleted or restored).
    func refreshLaterTwins(_ db: Database, ofService id: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT person_id, service_date, service_type FROM service WHERE id = ?", arguments: [id])
        else { return }
        try refreshLaterTwins(db, key: ServiceTwinKey(row), after: id)
    }

    func refreshLaterTwins(_ db: Database, key: ServiceTwinKey, after id: Int64) throws {
        let later = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM service WHERE person_id = ? AND service_date = ? AND service_type = ? AND deleted_at IS NULL AND id > ?
            """), arguments: [key.person, key.date, key.type, id])
        var communities: [String: Community] = [:]
        try refreshFindings(db, .service, ids: later, communities: &communities)
    }
}

/// A person, a day and a type of service: two active services with the same key are probably one entered twice.
/// One definition for both engines.
public struct ServiceTwinKey: Hashable, Sendable {
    public let person: Int64
    public let date: String
    public let type: String

    public init(person: Int64, date: String, type: String) {
        self.person = person
        self.date = date
        self.type = type
    }

    init(_ row: Row) {
        self.init(person: row["person_id"], date: row["service_date"], type: row["service_type"])
    }

    public init(_ service: Service) {
        self.init(person: service.personId, date: service.serviceDate.description, type: service.serviceType.rawValue)
    }
}
