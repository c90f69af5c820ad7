import LedgerCore
import LedgerStore
import PostgresNIO

/// Active persons by ID number, read from the server before validation: `LedgerCore`'s look-up is synchronous,
/// so a record is validated, the numbers it asked for and were not loaded yet are fetched, and it is validated
/// again (`PostgresLedger.judge`); the answer is the one the synchronous engine gives.
final class PersonLookups {
    private var known: [String: [ValidationContext.ExistingPerson]] = [:]
    private(set) var missing: Set<String> = []
    /// Persons the registers do not hold yet (the earlier rows of an imported file).
    var pending: (String) -> [ValidationContext.ExistingPerson] = { _ in [] }

    private var twins: [ServiceTwinKey: [Int64]] = [:]
    private var surveys: [Int64: SurveyFacts] = [:]
    private var loadedPersons: Set<Int64> = []
    private(set) var missingPersons: Set<Int64> = []

    /// Active services of a person on a day with a type; a person not loaded yet is asked for, as numbers are.
    func sameDay(_ person: Int64, _ date: Day, _ type: ServiceType) -> [Int64] {
        guard loadedPersons.contains(person) else {
            missingPersons.insert(person)
            return []
        }
        return twins[ServiceTwinKey(person: person, date: date.description, type: type.rawValue)] ?? []
    }

    /// A person's survey date and training answer (`ValidationContext.surveyOfPerson`); a person not loaded yet is
    /// asked for with their services, in the same round.
    func survey(_ person: Int64) -> SurveyFacts? {
        guard loadedPersons.contains(person) else {
            missingPersons.insert(person)
            return nil
        }
        return surveys[person]
    }

    func callAsFunction(_ idNumber: String) -> [ValidationContext.ExistingPerson] {
        guard let found = known[idNumber] else {
            missing.insert(idNumber)
            return pending(idNumber)
        }
        return found + pending(idNumber)
    }

    /// Loads the numbers asked for since the last load; false when there were none.
    func loadMissing(_ pg: PG) async throws -> Bool {
        guard !missing.isEmpty || !missingPersons.isEmpty else { return false }
        if !missing.isEmpty { try await load(pg, Array(missing)) }
        if !missingPersons.isEmpty { try await loadServices(pg, of: Array(missingPersons)) }
        missing = []
        missingPersons = []
        return true
    }

    func loadServices(_ pg: PG, of persons: [Int64]) async throws {
        loadedPersons.formUnion(persons)
        for row in try await pg.rows("""
            SELECT id, person_id, service_date, fields->>'service_type' AS service_type FROM service
            WHERE person_id = ANY(\(persons)) AND deleted_at IS NULL ORDER BY id
            """) {
            let key = ServiceTwinKey(person: try row["person_id"].decode(Int64.self), date: try row.text("service_date"), type: try row.text("service_type"))
            twins[key, default: []].append(try row.id())
        }
        // As the SQLite engine reads them: the stored fields' text, 参加创业培训 read as the validator reads it.
        for row in try await pg.rows("""
            SELECT id, fields->>'survey_date' AS survey_date, fields->>'trained' AS trained FROM person WHERE id = ANY(\(persons))
            """) {
            guard let date = try row.optionalText("survey_date") else { continue }
            surveys[try row.id()] = SurveyFacts(surveyDate: date, trained: try row.optionalText("trained").flatMap(YesNo.parse) ?? false)
        }
    }

    func load(_ pg: PG, _ numbers: [String]) async throws {
        for number in numbers { known[number] = [] }
        // Through the function the district administrator set up: a clerk sees these numbers in every community.
        let rows = try await pg.rows("SELECT * FROM persons_with_id_numbers(\(numbers))")
        for row in rows {
            known[try row.text("id_number"), default: []].append(ValidationContext.ExistingPerson(
                id: try row.id(), name: try row.text("name"), communityCode: try row.text("community_code"),
                communityName: try row.optionalText("community_name")))
        }
    }
}

/// A record's text judged by its register's validator: the record (when it could be built) and every finding.
struct Judged {
    var record: SavedRecord?
    var findings: [Finding]
    /// The record, if it may be saved (no errors).
    var saveable: SavedRecord? { findings.hasErrors ? nil : record }
}

extension PostgresLedger {
    /// Validates a record's text in a community with look-ups against the server (see `PersonLookups`).
    func judge(_ pg: PG, _ register: Register, _ fields: [String: String], community c: Community, editingId: Int64?,
               lookups: PersonLookups = PersonLookups()) async throws -> Judged {
        while true {
            var context = ValidationContext(today: today(), communityCode: c.code, period: c.period, editingId: editingId,
                                            personsWithIdNumber: { lookups($0) })
            context.sameDayServices = { lookups.sameDay($0, $1, $2) }
            context.surveyOfPerson = { lookups.survey($0) }
            let judged = Self.validate(register, fields, context: context, staff: operatorName)
            if try await !lookups.loadMissing(pg) { return judged }
        }
    }

    /// The register's validator, as the SQLite engine calls it (a service's 经办人 defaults to the operator).
    static func validate(_ register: Register, _ fields: [String: String], context: ValidationContext, staff: String) -> Judged {
        switch register {
        case .survey:
            let v = PersonValidator.validate(fields, context: context)
            return Judged(record: v.value.map(SavedRecord.person), findings: v.findings)
        case .service:
            let v = ServiceValidator.validate(fields, context: context, defaultStaff: staff)
            return Judged(record: v.value.map(SavedRecord.service), findings: v.findings)
        case .activity:
            let v = ActivityValidator.validate(fields, context: context)
            return Judged(record: v.value.map(SavedRecord.activity), findings: v.findings)
        }
    }
}
