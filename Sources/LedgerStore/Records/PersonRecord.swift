import GRDB
import LedgerCore

/// How a `Person` is stored: the register columns, then the score contribution columns.
enum PersonRecord {
    /// Register columns in insert order (without id and bookkeeping).
    static let columns = [
        "community_code", "name", "id_number", "gender", "birth_date", "ethnicity", "education", "hukou", "phone",
        "address", "categories", "status", "survey_date", "project", "industry", "needs", "in_training_scope",
        "trained", "training_type", "training_end", "training_passed", "certificate_no", "entity_name",
        "entity_type", "credit_code", "license_date", "jobs_created", "subsidy_first_eligible",
        "subsidy_first_received", "subsidy_reward_eligible", "subsidy_reward_received", "subsidy_jobs_eligible",
        "subsidy_jobs_received", "loan_fen", "remarks", "pinyin",
    ]
    static let measureColumns = Measure.personMeasures.map { "m_" + $0.rawValue }
    /// Everything written on insert and on update, in one order.
    static let writableColumns = columns + ["services_in_period"] + measureColumns + ["error_count", "warning_count"]

    static let categorySeparator = "、"

    static func values(_ p: Person) -> [any DatabaseValueConvertible & Sendable] {
        let s = p.subsidies
        let values: [(any DatabaseValueConvertible & Sendable)?] = [
            p.communityCode, p.name, p.idNumber, p.gender.rawValue, p.birthDate.description, p.ethnicity,
            p.education.rawValue, p.hukou.rawValue, p.phone, p.address,
            p.categories.map(\.rawValue).joined(separator: categorySeparator), p.status.rawValue,
            p.surveyDate.description, p.project, p.industry?.code, p.needs.map(\.rawValue).joined(separator: categorySeparator),
            p.inTrainingScope, p.trained, p.trainingType?.rawValue, p.trainingEnd?.description, p.trainingPassed,
            p.certificateNo, p.entityName, p.entityType?.rawValue, p.creditCode, p.licenseDate?.description,
            p.jobsCreated, s.firstEligible, s.firstReceived, s.rewardEligible, s.rewardReceived, s.jobsEligible,
            s.jobsReceived, p.loanFen, p.remarks, Pinyin.initials(of: p.name),
        ]
        return values.map { $0 ?? DatabaseValue.null }
    }

    /// The stored bookkeeping that goes with the register columns.
    static func derivedValues(servicesInPeriod: Int, facts: ScoreFacts, errors: Int, warnings: Int) -> [any DatabaseValueConvertible & Sendable] {
        [servicesInPeriod] + Measure.personMeasures.map { facts[$0] } + [errors, warnings]
    }

    static func person(from row: Row) throws -> Person {
        func day(_ column: String) throws -> Day {
            guard let text: String = row[column], let d = Day.parse(text) else { throw StoreError.corrupt("person.\(column)") }
            return d
        }
        func optionalDay(_ column: String) -> Day? { (row[column] as String?).flatMap(Day.parse) }
        func coded<T: CodedValue>(_ type: T.Type, _ column: String) throws -> T {
            guard let text: String = row[column], let v = T(rawValue: text) else { throw StoreError.corrupt("person.\(column)") }
            return v
        }
        func list<T: CodedValue>(_ type: T.Type, _ column: String) -> [T] {
            ((row[column] as String?) ?? "").components(separatedBy: categorySeparator).compactMap { T(rawValue: $0) }
        }
        guard let gender = Gender(rawValue: row["gender"] ?? "") else { throw StoreError.corrupt("person.gender") }
        return Person(
            id: row["id"], communityCode: row["community_code"], name: row["name"], idNumber: row["id_number"],
            gender: gender, birthDate: try day("birth_date"), ethnicity: row["ethnicity"],
            education: try coded(Education.self, "education"), hukou: try coded(Hukou.self, "hukou"), phone: row["phone"],
            address: row["address"], categories: list(PersonCategory.self, "categories"),
            status: try coded(BusinessStatus.self, "status"), surveyDate: try day("survey_date"), project: row["project"],
            industry: (row["industry"] as String?).flatMap(Industry.parse), needs: list(Need.self, "needs"),
            inTrainingScope: row["in_training_scope"], trained: row["trained"],
            trainingType: (row["training_type"] as String?).flatMap(TrainingType.init(rawValue:)),
            trainingEnd: optionalDay("training_end"), trainingPassed: row["training_passed"],
            certificateNo: row["certificate_no"], entityName: row["entity_name"],
            entityType: (row["entity_type"] as String?).flatMap(EntityType.init(rawValue:)),
            creditCode: row["credit_code"], licenseDate: optionalDay("license_date"), jobsCreated: row["jobs_created"],
            subsidies: Subsidies(firstEligible: row["subsidy_first_eligible"], firstReceived: row["subsidy_first_received"],
                                 rewardEligible: row["subsidy_reward_eligible"], rewardReceived: row["subsidy_reward_received"],
                                 jobsEligible: row["subsidy_jobs_eligible"], jobsReceived: row["subsidy_jobs_received"]),
            loanFen: row["loan_fen"], remarks: row["remarks"])
    }

    /// The register fields as the text a form or CSV would hold, keyed by field key: used for audit diffs,
    /// export and re-validation, so every path sees one representation.
    static func fields(_ p: Person) -> [String: String] {
        PersonFields.text(of: p)
    }
}
