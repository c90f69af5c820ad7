/// Turns the raw fields of a service-register row into a `Service` and findings (SPEC §2.2).
public enum ServiceValidator {
    /// `defaultStaff` fills 经办人 when it is left empty (the operator).
    public static func validate(_ raw: [String: String], context: ValidationContext, defaultStaff: String? = nil) -> Validated<Service> {
        validate(FieldValues(raw, register: .service), context: context, defaultStaff: defaultStaff)
    }

    public static func validate(_ raw: FieldValues, context: ValidationContext, defaultStaff: String? = nil) -> Validated<Service> {
        var r = FieldReader(raw)
        let date = r.date("service_date", required: true, notAfter: context.today)
        let person = readPerson(&r, context: context)
        // First of the date's findings: it cannot be saved, whatever else is said of the date.
        if let date, let person, date < person.birthDate {
            r.error("service_date", "service.before_birth", "服务日期\(date)早于此人的出生日期\(person.birthDate)，请核对服务日期")
        }
        let type = r.coded(ServiceType.self, "service_type", required: true)
        let method = r.coded(ServiceMethod.self, "method", required: true)
        let content = r.text("content", max: 300, required: true, min: 4)
        let result = r.coded(ServiceResult.self, "result")
        let staff = r.value("staff") == nil ? defaultStaff.flatMap(Normalize.optional) : r.text("staff", max: 30)
        if staff == nil, r.value("staff") == nil { r.error("staff", "required", "请填写经办人") }
        let remarks = r.text("remarks", max: 200)
        if let date, !context.period.contains(date) {
            r.warning("service_date", "date.outside_period", "服务日期\(date)不在考核期（\(context.period)）内，不计入评分")
        }
        // The checks against the person's other records, each as soon as what it compares is typed (a form shows
        // them on the field just left, not once every required field is filled).
        if let person {
            // Only the later record warns (a lower id was there first): the first one stays as it was entered.
            if let date, let type,
               let earlier = context.sameDayServices(person.id, date, type).filter({ $0 < (context.editingId ?? .max) }).min() {
                r.warning("service_date", "service.duplicate", "此人当天已有一条“\(type.rawValue)”服务记录（第\(earlier)号），可能重复登记")
            }
            if let survey = context.surveyOfPerson(person.id) { crossCheck(&r, date: date, type: type, survey: survey) }
        }
        guard let date, let person, let type, let method, let content, let staff else {
            return Validated(value: nil, findings: r.findings)
        }
        let service = Service(id: context.editingId, communityCode: context.communityCode, serviceDate: date,
                              idNumber: person.idNumber, personId: person.id, name: person.name, serviceType: type,
                              method: method, content: content, result: result, staff: staff, remarks: remarks)
        return Validated(value: service, findings: r.findings)
    }

    /// The service against its person's survey record: both are warnings (a reason may explain them), since the
    /// service may be right and the survey record the one to correct.
    static func crossCheck(_ r: inout FieldReader, date: Day?, type: ServiceType?, survey: SurveyFacts) {
        if let date, date < survey.surveyDate {
            r.warning("service_date", "service.before_survey",
                      "服务日期\(date)早于此人的摸底日期\(survey.surveyDate)，请核对服务日期或摸底日期")
        }
        if type == .training, !survey.trained {
            r.warning("service_type", "service.training_not_in_survey",
                      "此人摸底台账中“参加创业培训”为“否”：如已培训，请在摸底台账补填培训情况（否则不计入创业培训率）")
        }
    }

    private struct PersonRef { let id: Int64; let idNumber: String; let name: String; let birthDate: Day }

    private static func readPerson(_ r: inout FieldReader, context: ValidationContext) -> PersonRef? {
        guard let text = r.value("id_number") else {
            r.error("id_number", "required", "请填写公民身份号码（须为本社区摸底台账中的人员）")
            return nil
        }
        let id: ResidentID
        switch ResidentID.parse(text, today: context.today) {
        case .failure(let problem):
            r.error("id_number", problem.isChecksum ? "id.checksum" : "id.format", ResidentID.message(for: problem))
            return nil
        case .success(let parsed): id = parsed.id
        }
        guard let person = context.personsWithIdNumber(id.value).first(where: { $0.communityCode == context.communityCode }) else {
            r.error("id_number", "service.unknown_person", "本社区摸底台账中没有公民身份号码为\(id.value)的人员：请先登记摸底信息；如此人的摸底记录已删除，可在浏览台账中恢复")
            return nil
        }
        if let given = r.value("name"), given.filter({ $0 != " " }) != person.name {
            r.error("name", "service.name_mismatch", "姓名应为“\(person.name)”（与摸底台账一致）")
        }
        return PersonRef(id: person.id, idNumber: id.value, name: person.name, birthDate: id.birthDate)
    }
}

extension ResidentID.Problem {
    var isChecksum: Bool { if case .checksum = self { true } else { false } }
}

/// Turns the raw fields of an activity-register row into an `Activity` and findings (SPEC §2.3).
public enum ActivityValidator {
    public static func validate(_ raw: [String: String], context: ValidationContext) -> Validated<Activity> {
        validate(FieldValues(raw, register: .activity), context: context)
    }

    public static func validate(_ raw: FieldValues, context: ValidationContext) -> Validated<Activity> {
        var r = FieldReader(raw)
        let date = r.date("date", required: true, notAfter: context.today)
        let kind = r.coded(ActivityKind.self, "kind", required: true)
        let title = r.text("title", max: 100, required: true)
        let participants = r.integer("participants", range: 0...1_000_000)
        let story = r.text("story", max: 20_000)
        let target = r.text("target", max: 100)
        let evidence = r.text("evidence", max: 200)
        var personId: String?
        if let text = r.value("person_id") {
            switch ResidentID.parse(text, today: context.today) {
            case .failure(let problem): r.error("person_id", "id.format", ResidentID.message(for: problem))
            case .success(let parsed):
                personId = parsed.id.value
                let known = context.personsWithIdNumber(parsed.id.value).contains { $0.communityCode == context.communityCode }
                if !known { r.warning("person_id", "activity.person_unknown", "该创业典型不在本社区摸底台账中") }
            }
        }
        switch kind {
        case .roleModel?:
            if r.value("person_id") == nil { r.warning("person_id", "activity.person_missing", "创业典型应填写关联人员身份证号") }
            let length = story?.count ?? 0
            if length < Activity.roleModelStoryMinimum {
                r.warning("story", "activity.story_short", "事迹材料\(length)字，不足\(Activity.roleModelStoryMinimum)字的创业典型不计入评分")
            }
        case .incubationReferral?:
            // SPEC §2.3 does not require the base; a register without the column must still import.
            if target == nil, !r.has("target") { r.warning("target", "activity.target_missing", "推荐入园宜填写入园基地") }
        case .publicity?:
            if participants == nil, !r.has("participants") { r.warning("participants", "activity.participants", "宣传活动宜填写参与人数") }
        case nil: break
        }
        if let date, !context.period.contains(date) {
            r.warning("date", "date.outside_period", "日期\(date)不在考核期（\(context.period)）内，不计入评分")
        }
        guard let date, let kind, let title else { return Validated(value: nil, findings: r.findings) }
        let activity = Activity(id: context.editingId, communityCode: context.communityCode, date: date, kind: kind,
                                title: title, participants: participants, personIdNumber: personId, story: story,
                                target: target, evidence: evidence)
        return Validated(value: activity, findings: r.findings)
    }
}
