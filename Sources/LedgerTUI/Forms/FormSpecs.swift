import LedgerCore

/// The forms of the app. Field order on page 1 of the survey form is the order clerks asked for: required
/// fields first, then optional ones.
public enum FormSpecs {
    /// When a survey field is shown: the rule exports follow too.
    static func applicable(_ key: String) -> @Sendable ([String: String]) -> Bool { { SurveyApplicability.applies(key, in: $0) } }

    public static let survey = FormSpec(kind: .survey, title: "创业摸底登记", pages: ["基本信息", "创业情况", "培训与补贴"], fields: [
        FieldSpec("name", "姓名", .text(maxLength: 30), required: true),
        FieldSpec("id_number", "公民身份号码", .idNumber, required: true),
        FieldSpec("education", "文化程度", .choice(Choice(Education.self)), required: true),
        FieldSpec("hukou", "户籍性质", .choice(Choice(Hukou.self)), required: true),
        FieldSpec("phone", "联系电话", .phone, required: true),
        FieldSpec("categories", "人员类别", .multiChoice(Choice(PersonCategory.self)), required: true),
        FieldSpec("status", "创业状态", .choice(Choice(BusinessStatus.self)), required: true),
        FieldSpec("survey_date", "摸底日期", .date, required: true),
        FieldSpec("ethnicity", "民族", .choice(Choice(names: Ethnicity.names, matches: Ethnicity.matches))),
        FieldSpec("address", "现居住地址", .text(maxLength: 100)),
        FieldSpec("project", "创业项目", .text(maxLength: 100), page: 1),
        FieldSpec("industry", "行业门类", .choice(Choice(Industry.self)), page: 1),
        FieldSpec("needs", "创业需求", .multiChoice(Choice(Need.self)), page: 1),
        FieldSpec("entity_name", "经营主体名称", .text(maxLength: 100), page: 1, applies: applicable("entity_name")),
        FieldSpec("entity_type", "主体类型", .choice(Choice(EntityType.self)), page: 1, applies: applicable("entity_type")),
        FieldSpec("credit_code", "统一社会信用代码", .text(maxLength: 18), page: 1, applies: applicable("credit_code")),
        FieldSpec("license_date", "营业执照登记日期", .date, page: 1, applies: applicable("license_date")),
        FieldSpec("jobs_created", "带动就业人数", .integer, page: 1, applies: applicable("jobs_created")),
        FieldSpec("in_training_scope", "纳入培训范围", .yesNo, page: 2),
        FieldSpec("trained", "参加创业培训", .yesNo, page: 2),
        FieldSpec("training_type", "培训类型", .choice(Choice(TrainingType.self)), page: 2, applies: applicable("training_type")),
        FieldSpec("training_end", "培训结业日期", .date, page: 2, applies: applicable("training_end")),
        FieldSpec("training_passed", "培训合格", .yesNo, page: 2, applies: applicable("training_passed")),
        FieldSpec("certificate_no", "合格证书编号", .text(maxLength: 50), page: 2, applies: applicable("certificate_no")),
        FieldSpec("subsidy_first_eligible", "首次创业补贴-符合条件", .yesNo, page: 2, applies: applicable("subsidy_first_eligible")),
        FieldSpec("subsidy_first_received", "首次创业补贴-已享受", .yesNo, page: 2, applies: applicable("subsidy_first_received")),
        FieldSpec("subsidy_reward_eligible", "创业一次性奖励-符合条件", .yesNo, page: 2, applies: applicable("subsidy_reward_eligible")),
        FieldSpec("subsidy_reward_received", "创业一次性奖励-已享受", .yesNo, page: 2, applies: applicable("subsidy_reward_received")),
        FieldSpec("subsidy_jobs_eligible", "岗位开发补贴-符合条件", .yesNo, page: 2, applies: applicable("subsidy_jobs_eligible")),
        FieldSpec("subsidy_jobs_received", "岗位开发补贴-已享受", .yesNo, page: 2, applies: applicable("subsidy_jobs_received")),
        FieldSpec("loan_amount", "创业担保贷款(元)", .text(maxLength: 20), page: 2),
        FieldSpec("remarks", "备注", .text(maxLength: 200), page: 2),
    ])

    public static let service = FormSpec(kind: .service, title: "创业服务记录", pages: ["服务记录"], fields: [
        FieldSpec("id_number", "服务对象", .personSearch, required: true),
        FieldSpec("service_date", "服务日期", .date, required: true),
        FieldSpec("service_type", "服务类型", .choice(Choice(ServiceType.self)), required: true),
        FieldSpec("method", "服务方式", .choice(Choice(ServiceMethod.self)), required: true),
        FieldSpec("content", "服务内容", .text(maxLength: 300), required: true),
        FieldSpec("result", "服务结果", .choice(Choice(ServiceResult.self))),
        FieldSpec("staff", "经办人", .text(maxLength: 30), required: true),
        FieldSpec("remarks", "备注", .text(maxLength: 200)),
    ])

    static func kind(_ v: [String: String]) -> ActivityKind? { ActivityKind.parse(v["kind"] ?? "") }

    public static let activity = FormSpec(kind: .activity, title: "创建工作记录", pages: ["工作记录"], fields: [
        FieldSpec("date", "日期", .date, required: true),
        FieldSpec("kind", "类型", .choice(Choice(ActivityKind.self)), required: true),
        FieldSpec("title", "名称", .text(maxLength: 100), required: true),
        FieldSpec("participants", "参与人数", .integer, applies: { kind($0) == .publicity }),
        // The role model is found like a service's person: by name, initials or ID digits.
        FieldSpec("person_id", "关联人员身份证号", .personSearch, applies: { kind($0) == .roleModel }),
        FieldSpec("story", "事迹材料", .multiline(maxLength: 20_000), applies: { kind($0) == .roleModel }),
        FieldSpec("target", "入园基地", .text(maxLength: 100), applies: { kind($0) == .incubationReferral }),
        FieldSpec("evidence", "佐证材料", .text(maxLength: 200)),
    ])

    public static let profile = FormSpec(kind: .profile, title: "社区档案", pages: ["社区档案"], fields: [
        FieldSpec("code", "社区代码", .text(maxLength: 30), required: true),
        FieldSpec("name", "社区名称", .text(maxLength: 50), required: true),
        FieldSpec("street", "所属街道", .text(maxLength: 50), required: true),
        FieldSpec("district", "区县", .text(maxLength: 50), required: true),
        FieldSpec("level", "级别", .choice(Choice(names: ["社区", "街道"])), required: true),
        FieldSpec("labour_force", "城镇劳动者总数", .integer, required: true),
        FieldSpec("period_start", "考核期开始", .date, required: true),
        FieldSpec("period_end", "考核期结束", .date, required: true),
        FieldSpec("leader", "负责人", .text(maxLength: 30)),
        FieldSpec("phone", "联系电话", .phone),
    ])

    static let checklistPrefix = "checklist."

    /// The text of a checklist answer in the form: `2分 已成立并切实履职`.
    static func checklistChoice(_ level: ChecklistLevel) -> String { "\(level.points)分 \(level.label)" }

    /// The profile form with a second page holding the rubric's hand-judged items (※ marks inferred ones).
    public static func profile(withChecklistOf rubric: Rubric) -> FormSpec {
        let items = rubric.items.filter { !$0.allowedLevels.isEmpty }.map { item in
            FieldSpec(checklistPrefix + item.id, (item.source == .inferred ? "※" : "") + item.title,
                      .choice(Choice(names: item.allowedLevels.map(checklistChoice))), page: 1)
        }
        return FormSpec(kind: .profile, title: "社区档案与自评", pages: ["社区档案", "自评（\(rubric.title)）"], fields: profile.fields + items)
    }

    public static func spec(_ kind: FormKind) -> FormSpec {
        switch kind {
        case .survey: survey
        case .service: service
        case .activity: activity
        case .profile: profile
        }
    }
}
