/// One column of a register: the stable key used in code, the Chinese header used in CSV and on screen.
public struct RegisterField: Sendable, Hashable {
    public let key: String
    public let header: String
    public let required: Bool

    public init(_ key: String, _ header: String, required: Bool = false) {
        self.key = key
        self.header = header
        self.required = required
    }
}

/// The three registers and their columns, in SPEC order.
public enum Register: String, Sendable, CaseIterable {
    case survey
    case service
    case activity

    public var title: String {
        switch self {
        case .survey: "创业摸底统计台账"
        case .service: "创业服务统计台账"
        case .activity: "创建工作台账"
        }
    }

    public var fields: [RegisterField] {
        switch self {
        case .survey: SurveyFields.all
        case .service: ServiceFields.all
        case .activity: ActivityFields.all
        }
    }

    /// The position of the field with this key in `fields`.
    public func position(ofKey key: String) -> Int? { keyIndex.position(of: key) }

    /// Positions of the field keys in `fields`.
    var keyIndex: KeyIndex {
        switch self {
        case .survey: Self.surveyKeys
        case .service: Self.serviceKeys
        case .activity: Self.activityKeys
        }
    }

    private static let surveyKeys = KeyIndex(SurveyFields.all.map(\.key))
    private static let serviceKeys = KeyIndex(ServiceFields.all.map(\.key))
    private static let activityKeys = KeyIndex(ActivityFields.all.map(\.key))

    /// The field for a CSV header or key (`姓名` or `name`); headers are matched after trimming.
    public func field(forHeader header: String) -> RegisterField? {
        let h = Normalize.halfWidth(header).trimmingSpaces()
        return fields.first { $0.header == h || $0.key == h }
    }

    public func header(of key: String) -> String {
        fields.first { $0.key == key }?.header ?? key
    }
}

public enum SurveyFields {
    public static let all: [RegisterField] = [
        RegisterField("name", "姓名", required: true),
        RegisterField("id_number", "公民身份号码", required: true),
        RegisterField("gender", "性别"),
        RegisterField("birth_date", "出生日期"),
        RegisterField("ethnicity", "民族"),
        RegisterField("education", "文化程度", required: true),
        RegisterField("hukou", "户籍性质", required: true),
        RegisterField("phone", "联系电话", required: true),
        RegisterField("address", "现居住地址"),
        RegisterField("categories", "人员类别", required: true),
        RegisterField("status", "创业状态", required: true),
        RegisterField("survey_date", "摸底日期", required: true),
        RegisterField("project", "创业项目"),
        RegisterField("industry", "行业门类"),
        RegisterField("needs", "创业需求"),
        RegisterField("in_training_scope", "纳入培训范围"),
        RegisterField("trained", "参加创业培训"),
        RegisterField("training_type", "培训类型"),
        RegisterField("training_end", "培训结业日期"),
        RegisterField("training_passed", "培训合格"),
        RegisterField("certificate_no", "合格证书编号"),
        RegisterField("entity_name", "经营主体名称"),
        RegisterField("entity_type", "主体类型"),
        RegisterField("credit_code", "统一社会信用代码"),
        RegisterField("license_date", "营业执照登记日期"),
        RegisterField("jobs_created", "带动就业人数"),
        RegisterField("subsidy_first_eligible", "首次创业补贴-符合条件"),
        RegisterField("subsidy_first_received", "首次创业补贴-已享受"),
        RegisterField("subsidy_reward_eligible", "创业一次性奖励-符合条件"),
        RegisterField("subsidy_reward_received", "创业一次性奖励-已享受"),
        RegisterField("subsidy_jobs_eligible", "一次性创业岗位开发补贴-符合条件"),
        RegisterField("subsidy_jobs_received", "一次性创业岗位开发补贴-已享受"),
        RegisterField("loan_amount", "创业担保贷款(元)"),
        RegisterField("remarks", "备注"),
    ]
}

public enum ServiceFields {
    public static let all: [RegisterField] = [
        RegisterField("service_date", "服务日期", required: true),
        RegisterField("id_number", "公民身份号码", required: true),
        RegisterField("name", "姓名"),
        RegisterField("service_type", "服务类型", required: true),
        RegisterField("method", "服务方式", required: true),
        RegisterField("content", "服务内容", required: true),
        RegisterField("result", "服务结果"),
        RegisterField("staff", "经办人", required: true),
        RegisterField("remarks", "备注"),
    ]
}

public enum ActivityFields {
    public static let all: [RegisterField] = [
        RegisterField("date", "日期", required: true),
        RegisterField("kind", "类型", required: true),
        RegisterField("title", "名称", required: true),
        RegisterField("participants", "参与人数"),
        RegisterField("person_id", "关联人员身份证号"),
        RegisterField("story", "事迹材料"),
        RegisterField("target", "入园基地"),
        RegisterField("evidence", "佐证材料"),
    ]
}
