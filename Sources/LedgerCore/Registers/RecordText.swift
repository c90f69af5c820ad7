/// Records as field-key → text, the form every front end, the exporter and the audit trail share.
/// Validating this text again gives the same record back.
public enum PersonFields {
    /// Fields the ID number decides (its 7th–14th and 17th digits): a form does not carry them, so that a corrected
    /// number brings its own; a file that gives them is checked against the number.
    public static let derivedFromIdNumber: Set<String> = ["gender", "birth_date"]

    public static func text(of p: Person) -> [String: String] {
        Dictionary(ordered(of: p), uniquingKeysWith: { a, _ in a })
    }

    /// The non-empty fields in register order (SPEC column order); cheaper than a dictionary where order suffices.
    public static func ordered(of p: Person) -> [(key: String, value: String)] {
        let s = p.subsidies
        let all: [(String, String?)] = [
            ("name", p.name), ("id_number", p.idNumber), ("gender", p.gender.rawValue), ("birth_date", p.birthDate.description),
            ("ethnicity", p.ethnicity), ("education", p.education.rawValue), ("hukou", p.hukou.rawValue), ("phone", p.phone),
            ("address", p.address), ("categories", p.categories.map(\.rawValue).joined(separator: "、")),
            ("status", p.status.rawValue), ("survey_date", p.surveyDate.description), ("project", p.project),
            ("industry", p.industry?.code), ("needs", p.needs.map(\.rawValue).joined(separator: "、")),
            ("in_training_scope", yesNo(p.inTrainingScope)), ("trained", yesNo(p.trained)),
            ("training_type", p.trainingType?.rawValue), ("training_end", p.trainingEnd?.description),
            ("training_passed", yesNo(p.trainingPassed)), ("certificate_no", p.certificateNo),
            ("entity_name", p.entityName), ("entity_type", p.entityType?.rawValue), ("credit_code", p.creditCode),
            ("license_date", p.licenseDate?.description), ("jobs_created", String(p.jobsCreated)),
            ("subsidy_first_eligible", yesNo(s.firstEligible)), ("subsidy_first_received", yesNo(s.firstReceived)),
            ("subsidy_reward_eligible", yesNo(s.rewardEligible)), ("subsidy_reward_received", yesNo(s.rewardReceived)),
            ("subsidy_jobs_eligible", yesNo(s.jobsEligible)), ("subsidy_jobs_received", yesNo(s.jobsReceived)),
            ("loan_amount", p.loanFen.map(yuan)), ("remarks", p.remarks),
        ]
        return all.compactMap { key, value in
            guard let value, !value.isEmpty else { return nil }
            return (key, value)
        }
    }

    static func yesNo(_ b: Bool) -> String { b ? "是" : "否" }

    /// `50000` or `1234.5`: fen as yuan without floating point.
    public static func yuan(_ fen: Int64) -> String {
        let whole = fen / 100, cents = fen % 100
        if cents == 0 { return String(whole) }
        return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }
}

public enum ServiceRecordFields {
    public static func text(of s: Service) -> [String: String] {
        var f: [String: String] = [
            "service_date": s.serviceDate.description, "id_number": s.idNumber, "name": s.name,
            "service_type": s.serviceType.rawValue, "method": s.method.rawValue, "content": s.content, "staff": s.staff,
        ]
        f["result"] = s.result?.rawValue
        f["remarks"] = s.remarks
        return f
    }
}

public enum ActivityRecordFields {
    public static func text(of a: Activity) -> [String: String] {
        var f: [String: String] = ["date": a.date.description, "kind": a.kind.rawValue, "title": a.title]
        f["participants"] = a.participants.map(String.init)
        f["person_id"] = a.personIdNumber
        f["story"] = a.story
        f["target"] = a.target
        f["evidence"] = a.evidence
        return f
    }
}
