/// 服务类型.
public enum ServiceType: String, CodedValue {
    public static let names = CodedNames<ServiceType>()
    case policy = "政策咨询"
    case guidance = "创业指导"
    case training = "创业培训"
    case financing = "融资服务"
    case incubation = "创业孵化"
    case projectPromotion = "项目推介"
    case openingGuidance = "开业指导"
    case followUp = "跟踪服务"
    case other = "其他"
    public static let aliases: [String: ServiceType] = ["咨询": .policy, "指导": .guidance, "培训": .training,
                                                        "融资": .financing, "孵化": .incubation, "回访": .followUp]
    public static let fieldLabel = "服务类型"
}

/// 服务方式.
public enum ServiceMethod: String, CodedValue {
    public static let names = CodedNames<ServiceMethod>()
    case window = "窗口"
    case visit = "上门"
    case phone = "电话"
    case online = "线上"
    case event = "集中活动"
    public static let aliases: [String: ServiceMethod] = ["网上": .online, "微信": .online, "活动": .event]
    public static let fieldLabel = "服务方式"
}

/// 服务结果.
public enum ServiceResult: String, CodedValue {
    public static let names = CodedNames<ServiceResult>()
    case done = "已办结"
    case ongoing = "跟进中"
    case referred = "已转介"
    public static let aliases: [String: ServiceResult] = ["办结": .done, "完成": .done, "跟进": .ongoing, "转介": .referred]
    public static let fieldLabel = "服务结果"
}

/// 创建工作台账 kinds.
public enum ActivityKind: String, CodedValue {
    public static let names = CodedNames<ActivityKind>()
    case publicity = "宣传活动"
    case roleModel = "创业典型"
    case incubationReferral = "推荐入园"
    public static let aliases: [String: ActivityKind] = ["宣传": .publicity, "典型": .roleModel, "入园": .incubationReferral]
    public static let fieldLabel = "类型"
}
