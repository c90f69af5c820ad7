/// A figure the rubric can refer to. Each is a sum of per-record contributions (0/1 flags or a count), so the
/// store can keep them as columns and sum them, and a draft's effect is its contribution minus the old one.
public enum Measure: String, Sendable, CaseIterable, Codable {
    // Survey register (one person each).
    case registered
    case participants
    case entrepreneurs
    case entrepreneurJobs = "entrepreneur_jobs"
    case inScope = "in_scope"
    case inScopeTrained = "in_scope_trained"
    case trained
    case passed
    case postTrainingBase = "post_training_base"
    case postTrainingStarted = "post_training_started"
    case serviceTargets = "service_targets"
    case servedTwice = "served_twice"
    case served
    case subsidyFirstEligible = "subsidy_first_eligible"
    case subsidyFirstReceived = "subsidy_first_received"
    case subsidyRewardEligible = "subsidy_reward_eligible"
    case subsidyRewardReceived = "subsidy_reward_received"
    case subsidyJobsEligible = "subsidy_jobs_eligible"
    case subsidyJobsReceived = "subsidy_jobs_received"
    // Activity register.
    case publicity
    case roleModels = "role_models"
    case incubation
    // Data quality over all registers.
    case errorRecords = "error_records"
    case warningRecords = "warning_records"
    // Community profile.
    case labourForce = "labour_force"

    /// Measures that come from survey-register rows (stored as columns on each person).
    public static let personMeasures: [Measure] = Array(allCases[0...18])
    /// Measures that come from activity-register rows.
    public static let activityMeasures: [Measure] = [.publicity, .roleModels, .incubation]

    /// Chinese name used in explanations.
    public var title: String {
        switch self {
        case .registered: "摸底登记人数"
        case .participants: "参与创业活动者"
        case .entrepreneurs: "初期创业者"
        case .entrepreneurJobs: "初期创业者带动就业人数"
        case .inScope: "纳入培训范围人数"
        case .inScopeTrained: "培训范围内已培训人数"
        case .trained: "参加培训人数"
        case .passed: "培训合格人数"
        case .postTrainingBase: "培训合格时未创业人数"
        case .postTrainingStarted: "培训后创业满3个月人数"
        case .serviceTargets: "应服务人数（有意愿及初期创业者）"
        case .servedTwice: "获得2次以上服务人数"
        case .served: "获得服务人数"
        case .subsidyFirstEligible: "首次创业补贴符合条件"
        case .subsidyFirstReceived: "首次创业补贴已享受"
        case .subsidyRewardEligible: "创业一次性奖励符合条件"
        case .subsidyRewardReceived: "创业一次性奖励已享受"
        case .subsidyJobsEligible: "岗位开发补贴符合条件"
        case .subsidyJobsReceived: "岗位开发补贴已享受"
        case .publicity: "宣传活动次数"
        case .roleModels: "合格创业典型（事迹≥500字）"
        case .incubation: "推荐入园数"
        case .errorRecords: "有错误的记录"
        case .warningRecords: "有未确认警告的记录"
        case .labourForce: "城镇劳动者总数"
        }
    }

    /// The survey-register field a clerk corrects to raise this figure for a person listed as short of it (the
    /// training, business or subsidy the register does not yet record); nil where serving the person raises it
    /// (`participants`, `servedTwice`) or no one field does.
    public var correctedField: String? {
        switch self {
        case .inScopeTrained, .trained: "trained"
        case .passed: "training_passed"
        case .postTrainingStarted, .entrepreneurs: "status"
        case .entrepreneurJobs: "jobs_created"
        case .subsidyFirstReceived: "subsidy_first_received"
        case .subsidyRewardReceived: "subsidy_reward_received"
        case .subsidyJobsReceived: "subsidy_jobs_received"
        default: nil
        }
    }

    /// Position in `allCases`. A switch, not a dictionary: hashing a raw-value enum hashes its string, and this
    /// runs about twenty times per imported row (a test checks it against `allCases`).
    var index: Int {
        switch self {
        case .registered: 0
        case .participants: 1
        case .entrepreneurs: 2
        case .entrepreneurJobs: 3
        case .inScope: 4
        case .inScopeTrained: 5
        case .trained: 6
        case .passed: 7
        case .postTrainingBase: 8
        case .postTrainingStarted: 9
        case .serviceTargets: 10
        case .servedTwice: 11
        case .served: 12
        case .subsidyFirstEligible: 13
        case .subsidyFirstReceived: 14
        case .subsidyRewardEligible: 15
        case .subsidyRewardReceived: 16
        case .subsidyJobsEligible: 17
        case .subsidyJobsReceived: 18
        case .publicity: 19
        case .roleModels: 20
        case .incubation: 21
        case .errorRecords: 22
        case .warningRecords: 23
        case .labourForce: 24
        }
    }
}

/// The figures behind a score: one integer per measure, added up over records.
public struct ScoreFacts: Sendable, Hashable {
    public private(set) var values: [Int]

    public init() { values = Array(repeating: 0, count: Measure.allCases.count) }

    public subscript(_ m: Measure) -> Int {
        get { values[m.index] }
        set { values[m.index] = newValue }
    }

    /// Sums saturate instead of trapping: a figure read from a database written by another program (a labour
    /// force of 2×10^18) must give a wrong-looking score, not a crash of the app at start.
    public static func + (a: ScoreFacts, b: ScoreFacts) -> ScoreFacts {
        var r = a
        for i in r.values.indices { r.values[i] = r.values[i].saturatingAdding(b.values[i]) }
        return r
    }

    public static func - (a: ScoreFacts, b: ScoreFacts) -> ScoreFacts {
        var r = a
        for i in r.values.indices { r.values[i] = r.values[i].saturatingAdding(b.values[i] == .min ? .max : -b.values[i]) }
        return r
    }

    public static func += (a: inout ScoreFacts, b: ScoreFacts) { a = a + b }
    public static func -= (a: inout ScoreFacts, b: ScoreFacts) { a = a - b }
}

extension Int {
    /// `self + other`, held at Int.max / Int.min instead of trapping.
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self * other`, held at Int.max / Int.min instead of trapping.
    func saturatingMultiplied(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
