/// Which survey fields apply to a person, decided by the person's own answers (as text, the form's and the
/// exporter's shape): the business fields and the subsidies' eligibility to one who has started a business, each
/// 已享受 to one eligible, the training details to one trained, the certificate to one who passed.
///
/// The form shows only these; an export leaves the others blank. A person never trained is stored with 培训合格
/// false and 带动就业人数 0, and the 摸底台账 had printed 否 and 0 there, which read as "trained and failed" and
/// "employs nobody" to a supervisor.
public enum SurveyApplicability {
    public static func applies(_ key: String, in fields: [String: String]) -> Bool {
        switch key {
        case "entity_name", "entity_type", "credit_code", "license_date", "jobs_created", "subsidy_first_eligible",
             "subsidy_reward_eligible", "subsidy_jobs_eligible":
            started(fields)
        case "subsidy_first_received": started(fields) && yes(fields, "subsidy_first_eligible")
        case "subsidy_reward_received": started(fields) && yes(fields, "subsidy_reward_eligible")
        case "subsidy_jobs_received": started(fields) && yes(fields, "subsidy_jobs_eligible")
        case "training_type", "training_end", "training_passed": yes(fields, "trained")
        case "certificate_no": yes(fields, "trained") && yes(fields, "training_passed")
        default: true
        }
    }

    /// A record's fields as an export prints them: a survey record without the fields that do not apply.
    public static func printable(_ register: Register, _ fields: [String: String]) -> [String: String] {
        guard register == .survey else { return fields }
        return fields.filter { applies($0.key, in: fields) }
    }

    static func yes(_ fields: [String: String], _ key: String) -> Bool { fields[key] == "是" }
    static func started(_ fields: [String: String]) -> Bool { BusinessStatus.parse(fields["status"] ?? "") == .started }
}
