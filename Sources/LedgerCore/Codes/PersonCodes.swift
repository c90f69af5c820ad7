/// 文化程度, top level of GB/T 4658-2006.
public enum Education: String, CodedValue {
    public static let names = CodedNames<Education>()
    case postgraduate = "研究生"
    case bachelor = "大学本科"
    case juniorCollege = "大学专科"
    case vocational = "中等职业教育"
    case highSchool = "普通高中"
    case juniorHigh = "初中"
    case primary = "小学"
    case other = "其他"

    public var code: String? {
        switch self {
        case .postgraduate: "10"
        case .bachelor: "20"
        case .juniorCollege: "30"
        case .vocational: "40"
        case .highSchool: "60"
        case .juniorHigh: "70"
        case .primary: "80"
        case .other: "90"
        }
    }

    public static let aliases: [String: Education] = [
        "硕士": .postgraduate, "博士": .postgraduate, "研究生及以上": .postgraduate,
        "本科": .bachelor, "大学": .bachelor,
        "大专": .juniorCollege, "专科": .juniorCollege, "高职": .juniorCollege,
        "中专": .vocational, "技校": .vocational, "职高": .vocational, "中职": .vocational,
        "高中": .highSchool,
        "小学及以下": .primary, "文盲": .other, "半文盲": .other,
    ]
    public static let fieldLabel = "文化程度"
}

/// 户籍性质.
public enum Hukou: String, CodedValue {
    public static let names = CodedNames<Hukou>()
    case urban = "城镇"
    case rural = "农村"
    public static let aliases: [String: Hukou] = ["非农业": .urban, "非农": .urban, "农业": .rural, "城市": .urban]
    public static let fieldLabel = "户籍性质"
}

/// 人员类别.
public enum PersonCategory: String, CodedValue {
    public static let names = CodedNames<PersonCategory>()
    case graduate = "高校毕业生"
    case student = "在校大学生"
    case registeredUnemployed = "登记失业人员"
    case hardToEmploy = "就业困难人员"
    case returnee = "返乡入乡创业人员"
    case veteran = "退役军人"
    case disabled = "残疾人"
    case lowIncome = "低保家庭成员"
    case povertyAlleviated = "脱贫人口"
    case landLost = "被征地农民"
    case released = "刑满释放人员"
    case other = "其他"
    public static let aliases: [String: PersonCategory] = [
        "大学生": .student, "失业人员": .registeredUnemployed, "返乡创业人员": .returnee, "农民工": .returnee,
        "军转干部": .veteran, "退伍军人": .veteran, "低保": .lowIncome,
    ]
    public static let fieldLabel = "人员类别"
}

/// 创业状态.
public enum BusinessStatus: String, CodedValue {
    public static let names = CodedNames<BusinessStatus>()
    case intending = "有创业意愿"
    case started = "已创业"
    public static let aliases: [String: BusinessStatus] = ["意愿": .intending, "未创业": .intending, "创业": .started]
    public static let fieldLabel = "创业状态"
}

/// 创业需求.
public enum Need: String, CodedValue {
    public static let names = CodedNames<Need>()
    case funding = "资金"
    case premises = "场地"
    case training = "培训"
    case guidance = "指导"
    case policy = "政策"
    public static let fieldLabel = "创业需求"
}

/// 培训类型.
public enum TrainingType: String, CodedValue {
    public static let names = CodedNames<TrainingType>()
    case gyb = "GYB"
    case syb = "SYB"
    case iyb = "IYB"
    case online = "网络创业培训"
    case practical = "创业实训"
    case other = "其他"
    public static let aliases: [String: TrainingType] = ["网创": .online, "网络创业": .online, "实训": .practical]
    public static let fieldLabel = "培训类型"
}

/// 主体类型.
public enum EntityType: String, CodedValue {
    public static let names = CodedNames<EntityType>()
    case enterprise = "企业"
    case individual = "个体工商户"
    case cooperative = "农民专业合作社"
    case onlineShop = "网店"
    case other = "其他"
    public static let aliases: [String: EntityType] = [
        "个体户": .individual, "个体": .individual, "公司": .enterprise, "合作社": .cooperative,
    ]
    public static let fieldLabel = "主体类型"
}
