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
        "subsidy_jobs_received", "loan_fen", "remarks", "pinyin", "name_key",
    ]
    static let measureColumns = Measure.personMeasures.map { "m_" + $0.rawValue }
    /// Everything written on insert and on update, in one order.
    static let writableColumns = columns + ["services_in_period"] + measureColumns + ["error_count", "warning_count"]

    static let categorySeparator = "、"

    /// How names sort: by toneless pinyin (`zhang san`), so 李 comes before 王 before 张 as a reader expects; the
    /// surname with its surname reading (曾 `zeng`).
    static func nameKey(_ name: String) -> String { Pinyin.nameKey(name) }

    /// Register column values as statement arguments.
    static func values(_ p: Person) -> [DatabaseValue] {
        var list = ValueList()
        encode(p, into: &list)
        return list.values
    }

    /// Writes the register columns of `p`, in `columns` order. Runs per imported row, straight into the chunk's
    /// buffers: no array of values per row.
    static func encode(_ p: Person, into sink: inout some ColumnSink) {
        let s = p.subsidies
        sink.text(p.communityCode); sink.text(p.name); sink.text(p.idNumber); sink.text(p.gender.rawValue)
        sink.text(p.birthDate.description); sink.text(p.ethnicity); sink.text(p.education.rawValue)
        sink.text(p.hukou.rawValue); sink.text(p.phone); sink.text(p.address)
        sink.text(p.categories.map(\.rawValue).joined(separator: categorySeparator)); sink.text(p.status.rawValue)
        sink.text(p.surveyDate.description); sink.text(p.project); sink.text(p.industry?.code)
        sink.text(p.needs.map(\.rawValue).joined(separator: categorySeparator))
        sink.bool(p.inTrainingScope); sink.bool(p.trained); sink.text(p.trainingType?.rawValue)
        sink.text(p.trainingEnd?.description); sink.bool(p.trainingPassed); sink.text(p.certificateNo)
        sink.text(p.entityName); sink.text(p.entityType?.rawValue); sink.text(p.creditCode)
        sink.text(p.licenseDate?.description); sink.integer(p.jobsCreated)
        sink.bool(s.firstEligible); sink.bool(s.firstReceived); sink.bool(s.rewardEligible)
        sink.bool(s.rewardReceived); sink.bool(s.jobsEligible); sink.bool(s.jobsReceived)
        sink.integer(p.loanFen); sink.text(p.remarks); sink.text(Pinyin.nameInitials(p.name))
        sink.text(nameKey(p.name))
    }

    /// The stored bookkeeping that goes with the register columns.
    static func derivedValues(servicesInPeriod: Int, facts: ScoreFacts, errors: Int, warnings: Int) -> [DatabaseValue] {
        var list = ValueList()
        encodeDerived(servicesInPeriod: servicesInPeriod, facts: facts, errors: errors, warnings: warnings, into: &list)
        return list.values
    }

    static func encodeDerived(servicesInPeriod: Int, facts: ScoreFacts, errors: Int, warnings: Int, into sink: inout some ColumnSink) {
        sink.integer(servicesInPeriod)
        for measure in Measure.personMeasures { sink.integer(facts[measure]) }
        sink.integer(errors)
        sink.integer(warnings)
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
