/// Turns the raw fields of a survey-register row into a `Person` and findings: every rule of SPEC §2.1.
public enum PersonValidator {
    static let maxJobsBeforeWarning = 200
    /// The most 带动就业人数 a community entrepreneur's early-stage business can have: from 1,000 employees a
    /// business is a large enterprise (中小企业划型标准, 工信部联企业〔2011〕300号), which a resident's start-up
    /// registered by the community window is not; the seeds' figures are a city's 3,000 jobs from 500 starts (1:6).
    /// Above it the figure is a typo (99999 for 9), an error, not a warning a reason could wave through: it would
    /// decide 创业带动就业指数 on its own. The one limit form, import and both engines check.
    public static let jobsCreatedLimit = 1_000
    static let maxLoanYuan: Int64 = 3_000_000
    /// No one living is this old at the survey date (the oldest person recorded reached 122).
    static let impossibleAge = 120

    public static func validate(_ raw: [String: String], context: ValidationContext) -> Validated<Person> {
        validate(FieldValues(raw, register: .survey), context: context)
    }

    public static func validate(_ raw: FieldValues, context: ValidationContext) -> Validated<Person> {
        var r = FieldReader(raw)
        let name = readName(&r)
        let id = readIdNumber(&r, context: context)
        let gender = readGender(&r, id: id)
        if let given = r.value("birth_date"), let id, Day.parse(given) != id.birthDate {
            r.error("birth_date", "birth_date.mismatch", "出生日期应与公民身份号码一致（\(id.birthDate)）")
        }
        var ethnicity: String?
        if let text = r.value("ethnicity") {
            ethnicity = Ethnicity.parse(text)
            if ethnicity == nil {
                let found = Ethnicity.matches(text)
                r.error("ethnicity", "enum", found.count > 1 ? "民族“\(text)”不唯一，可能是：\(found.joined(separator: "、"))"
                                                         : "民族“\(text)”不是56个民族之一，应写作“汉族”“回族”等")
            }
        }
        let education = r.coded(Education.self, "education", required: true)
        let hukou = r.coded(Hukou.self, "hukou", required: true)
        let phone = readPhone(&r)
        let address = r.text("address", max: 100)
        let categories = r.codedList(PersonCategory.self, "categories", required: true)
        let status = r.coded(BusinessStatus.self, "status", required: true)
        let surveyDate = r.date("survey_date", required: true, notAfter: context.today)
        let project = r.text("project", max: 100)
        let industry = r.coded(Industry.self, "industry")
        let needs = r.codedList(Need.self, "needs")
        let inScope = r.bool("in_training_scope", default: true)
        let training = readTraining(&r, context: context, birth: id?.birthDate)
        let business = readBusiness(&r, status: status, context: context, birth: id?.birthDate)
        let subsidies = readSubsidies(&r, jobs: business.jobs)
        let loan = r.money("loan_amount", maxYuan: maxLoanYuan)
        let remarks = r.text("remarks", max: 200)

        if let birth = id?.birthDate, let surveyDate, surveyDate < birth {
            // Not a person too young: a date that cannot be (1899-01-01 typed for 2019-01-01) would count them.
            r.error("survey_date", "date.before_birth", "摸底日期\(surveyDate)早于出生日期\(birth)，请核对摸底日期")
        } else if let birth = id?.birthDate, let surveyDate, surveyDate < birth.adding(years: 16) {
            r.warning("id_number", "age.under16", "摸底日期时未满16周岁，请核对公民身份号码")
        } else if let birth = id?.birthDate, let surveyDate, surveyDate >= birth.adding(years: Self.impossibleAge) {
            // A valid number with a mistyped century (1880 for 1980) would otherwise count a person no one can be.
            r.error("id_number", "age.impossible", "出生日期\(birth)不可能（已满\(Self.impossibleAge)周岁），请核对号码")
        }
        guard let name, let id, let gender, let education, let hukou, let phone, !categories.isEmpty,
              let status, let surveyDate else {
            return Validated(value: nil, findings: r.findings)
        }
        let person = Person(
            id: context.editingId, communityCode: context.communityCode, name: name, idNumber: id.value,
            gender: gender, birthDate: id.birthDate, ethnicity: ethnicity, education: education, hukou: hukou,
            phone: phone, address: address, categories: categories, status: status, surveyDate: surveyDate,
            project: project, industry: industry, needs: needs, inTrainingScope: inScope, trained: training.trained,
            trainingType: training.type, trainingEnd: training.end, trainingPassed: training.passed,
            certificateNo: training.certificate, entityName: business.name, entityType: business.type,
            creditCode: business.creditCode, licenseDate: business.licenseDate, jobsCreated: business.jobs,
            subsidies: subsidies, loanFen: loan, remarks: remarks)
        if status == .started, !person.isEarlyStage(periodEnd: context.period.end), business.licenseDate != nil {
            r.warning("license_date", "business.not_early_stage",
                      "营业执照登记已满5年，不属于初期创业者，不计入创业者和培训范围")
        }
        return Validated(value: person, findings: r.findings)
    }

    // MARK: - Fields

    /// Han characters, letters and the middle dot of minority names; spaces between Han characters are dropped.
    static func readName(_ r: inout FieldReader) -> String? {
        guard let typed = r.value("name") else {
            r.error("name", "required", "请填写姓名")
            return nil
        }
        // One pass over the scalars (this runs for every imported row): dots become the middle dot, full-width
        // spaces go, and the allowed characters are checked; each allowed character is one grapheme.
        var scalars = String.UnicodeScalarView()
        var changed = false, hasHan = false, hasSpace = false, allowed = true
        for scalar in typed.unicodeScalars {
            switch scalar.value {
            case 0x2022, 0x30FB, 0x2E, 0xFF0E, 0x2027, 0x2219:
                scalars.append("·")
                changed = true
            case 0x3000:
                changed = true
            default:
                scalars.append(scalar)
                if isHan(scalar) { hasHan = true }
                else if scalar == " " { hasSpace = true }
                else if !(scalar.isASCII && scalar.properties.isAlphabetic) && scalar != "·" { allowed = false }
            }
        }
        if hasHan && hasSpace {
            scalars.removeAll { $0 == " " }
            changed = true
        }
        let text = changed ? String(scalars) : typed
        let count = allowed ? scalars.count : text.count
        guard count <= 30 else {
            r.error("name", "too_long", "姓名最多30个字，现为\(count)个字")
            return nil
        }
        guard allowed, scalars.first != "·", scalars.last != "·" else {
            r.error("name", "name.chars", "姓名只能包含汉字、字母和间隔号“·”（如 买买提·艾力）")
            return nil
        }
        return text
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x3134F, 0xF900...0xFAFF, 0x3007: true
        default: false
        }
    }

    static func readIdNumber(_ r: inout FieldReader, context: ValidationContext) -> ResidentID? {
        guard let text = r.value("id_number") else {
            r.error("id_number", "required", "请填写公民身份号码")
            return nil
        }
        switch ResidentID.parse(text, today: context.today) {
        case .failure(let problem):
            let code: String
            switch problem {
            case .checksum: code = "id.checksum"
            case .badLength: code = "id.length"
            case .badBirthDate, .futureBirthDate: code = "id.birth_date"
            case .badProvince: code = "id.province"
            default: code = "id.format"
            }
            r.error("id_number", code, ResidentID.message(for: problem))
            return nil
        case .success(let parsed):
            if let county = ResidentID.unknownCounty(parsed.id.value) {
                r.add(.warning("id_number", "id.county", "公民身份号码前六位“\(county)”不是已知的县级行政区划代码（含已撤销的），请核对"))
            }
            if let old = parsed.upgradedFrom {
                r.add(.notice("id_number", "id.upgraded", "15位旧号码\(old)已升级为18位：\(parsed.id.value)"))
            }
            let others = context.personsWithIdNumber(parsed.id.value).filter { $0.id != context.editingId }
            if let same = others.first(where: { $0.communityCode == context.communityCode }) {
                r.error("id_number", "id.duplicate", "本社区已登记此公民身份号码（第\(same.id)号记录：\(same.name)），不能重复登记")
            } else if let elsewhere = others.first {
                r.add(otherCommunityWarning(elsewhere))
            }
            return parsed.id
        }
    }

    /// The code of the warning below (the PostgreSQL engine keeps whether a person's count holds it).
    public static let otherCommunityCode = "id.other_community"

    /// The person is registered in another community: allowed (people move), but worth a second look.
    public static func otherCommunityWarning(_ elsewhere: ValidationContext.ExistingPerson) -> Finding {
        let community = elsewhere.communityName.map { "\($0)（\(elsewhere.communityCode)）" } ?? "社区\(elsewhere.communityCode)"
        return .warning("id_number", otherCommunityCode, "此人已在\(community)登记（\(elsewhere.name)），请确认是否重复")
    }

    static func readGender(_ r: inout FieldReader, id: ResidentID?) -> Gender? {
        if let text = r.value("gender") {
            guard let given = Gender(rawValue: text) ?? (text == "M" ? .male : text == "F" ? .female : nil) else {
                r.error("gender", "enum", "性别应为“男”或“女”")
                return id?.gender
            }
            if let id, given != id.gender {
                r.error("gender", "gender.mismatch", "性别应为\(id.gender.rawValue)（由公民身份号码第17位推出）")
            }
        }
        return id?.gender
    }

    static func readPhone(_ r: inout FieldReader) -> String? {
        guard let text = r.value("phone") else {
            r.error("phone", "required", "请填写联系电话")
            return nil
        }
        guard let phone = Phone.normalise(text) else {
            r.error("phone", "phone.format", "联系电话“\(text)”格式不对，应为11位手机号或带区号的固定电话（如 0971-6123456）")
            return nil
        }
        if let notice = Phone.storedNotice(typed: text, stored: phone) { r.add(notice) }
        return phone
    }

    struct Training {
        var trained = false, type: TrainingType?, end: Day?, passed = false, certificate: String?
    }

    static func readTraining(_ r: inout FieldReader, context: ValidationContext, birth: Day?) -> Training {
        var t = Training()
        t.trained = r.bool("trained", default: false)
        let type = r.coded(TrainingType.self, "training_type")
        let end = r.date("training_end", notAfter: context.today)
        let passed = r.bool("training_passed", default: false)
        let certificate = r.text("certificate_no", max: 50)
        if t.trained {
            if type == nil && !r.has("training_type") { r.error("training_type", "required", "已参加创业培训，请填写培训类型") }
            if end == nil && !r.has("training_end") { r.error("training_end", "required", "已参加创业培训，请填写培训结业日期") }
            if let end, let birth, end < birth { r.error("training_end", "date.before_birth", "培训结业日期早于出生日期") }
            if passed, certificate == nil, !r.has("certificate_no") {
                r.error("certificate_no", "required", "培训合格，请填写合格证书编号")
            }
            if !passed, certificate != nil {
                r.error("certificate_no", "not_applicable", "培训未合格时不应填写合格证书编号")
            }
            t.type = type
            t.end = end
            t.passed = passed
            t.certificate = passed ? certificate : nil
        } else {
            for key in ["training_type", "training_end", "certificate_no"] where r.has(key) {
                r.error(key, "not_applicable", "未参加创业培训时不应填写\(r.label(key))")
            }
            if passed { r.error("training_passed", "not_applicable", "未参加创业培训，不能填写培训合格为“是”") }
        }
        return t
    }

    struct Business {
        var name: String?, type: EntityType?, creditCode: String?, licenseDate: Day?, jobs = 0
    }

    static func readBusiness(_ r: inout FieldReader, status: BusinessStatus?, context: ValidationContext, birth: Day?) -> Business {
        var b = Business()
        let name = r.text("entity_name", max: 100)
        let type = r.coded(EntityType.self, "entity_type")
        let license = r.date("license_date", notAfter: context.today)
        // Read without the limit so that a figure above it gets the message that says why it cannot be.
        let jobs = r.integer("jobs_created", range: 0...Int.max) ?? 0
        let impossible = jobs > jobsCreatedLimit
        if impossible {
            r.error("jobs_created", "jobs.impossible",
                    "带动就业人数\(jobs)人不可能（社区初期创业者至多带动\(jobsCreatedLimit)人），请核对")
        }
        var credit: String?
        if let text = r.value("credit_code") {
            switch CreditCode.check(text) {
            case .valid(let code): credit = code
            case .checksumMismatch(let code, let expected):
                credit = code
                r.warning("credit_code", "credit.checksum",
                          "统一社会信用代码校验位应为\(expected)；早期试点代码可能如此，确认无误可说明理由后保存")
            case .malformed(let message): r.error("credit_code", "credit.format", message)
            }
        }
        guard status == .started else {
            for key in ["entity_name", "entity_type", "credit_code", "license_date"] where r.has(key) {
                r.error(key, "not_applicable", "创业状态为“有创业意愿”时不应填写\(r.label(key))")
            }
            if jobs > 0, !impossible { r.error("jobs_created", "jobs.not_started", "尚未创业，带动就业人数应为0") }
            return b
        }
        if name == nil, !r.has("entity_name") { r.error("entity_name", "required", "已创业，请填写经营主体名称") }
        if type == nil, !r.has("entity_type") { r.error("entity_type", "required", "已创业，请填写主体类型") }
        if license == nil, !r.has("license_date"), type != .onlineShop {
            r.error("license_date", "required", "已创业，请填写营业执照登记日期（网店可不填）")
        }
        if let license, let birth, license < birth.adding(years: 16) {
            r.error("license_date", "license.under16", "营业执照登记日期早于本人16周岁生日（\(birth.adding(years: 16))）")
        }
        if jobs > maxJobsBeforeWarning, !impossible {
            r.warning("jobs_created", "jobs.large", "带动就业人数\(jobs)人超过\(maxJobsBeforeWarning)人，请核实（不含创业者本人）")
        }
        b.name = name
        b.type = type
        b.creditCode = credit
        b.licenseDate = license
        b.jobs = jobs
        return b
    }

    static func readSubsidies(_ r: inout FieldReader, jobs: Int) -> Subsidies {
        var s = Subsidies()
        s.firstEligible = r.bool("subsidy_first_eligible", default: false)
        s.firstReceived = r.bool("subsidy_first_received", default: false)
        s.rewardEligible = r.bool("subsidy_reward_eligible", default: false)
        s.rewardReceived = r.bool("subsidy_reward_received", default: false)
        s.jobsEligible = r.bool("subsidy_jobs_eligible", default: false)
        s.jobsReceived = r.bool("subsidy_jobs_received", default: false)
        let pairs: [(Bool, Bool, String, String)] = [
            (s.firstEligible, s.firstReceived, "subsidy_first_received", "首次创业补贴"),
            (s.rewardEligible, s.rewardReceived, "subsidy_reward_received", "创业一次性奖励"),
            (s.jobsEligible, s.jobsReceived, "subsidy_jobs_received", "一次性创业岗位开发补贴"),
        ]
        for (eligible, received, key, title) in pairs where received && !eligible {
            r.error(key, "subsidy.not_eligible", "\(title)已享受，则“符合条件”应为“是”")
        }
        if s.jobsEligible && jobs < 1 {
            r.error("subsidy_jobs_eligible", "subsidy.jobs", "一次性创业岗位开发补贴要求带动就业人数至少1人")
        }
        return s
    }
}
