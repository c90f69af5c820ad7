/// One service given to a registered person (创业服务统计台账).
public struct Service: Sendable, Hashable {
    public var id: Int64?
    public var communityCode: String
    public var serviceDate: Day
    public var idNumber: String
    /// The survey-register row this service belongs to.
    public var personId: Int64
    public var name: String
    public var serviceType: ServiceType
    public var method: ServiceMethod
    public var content: String
    public var result: ServiceResult?
    public var staff: String
    public var remarks: String?

    public init(id: Int64? = nil, communityCode: String, serviceDate: Day, idNumber: String, personId: Int64,
                name: String, serviceType: ServiceType, method: ServiceMethod, content: String,
                result: ServiceResult? = nil, staff: String, remarks: String? = nil) {
        self.id = id
        self.communityCode = communityCode
        self.serviceDate = serviceDate
        self.idNumber = idNumber
        self.personId = personId
        self.name = name
        self.serviceType = serviceType
        self.method = method
        self.content = content
        self.result = result
        self.staff = staff
        self.remarks = remarks
    }
}

/// One entry of the activity register (创建工作台账): publicity, role model or incubation referral.
public struct Activity: Sendable, Hashable {
    public var id: Int64?
    public var communityCode: String
    public var date: Day
    public var kind: ActivityKind
    public var title: String
    public var participants: Int?
    public var personIdNumber: String?
    public var story: String?
    public var target: String?
    public var evidence: String?

    /// A role model's story must have at least this many characters to count (评分表: 字数不少于500字).
    public static let roleModelStoryMinimum = 500

    public init(id: Int64? = nil, communityCode: String, date: Day, kind: ActivityKind, title: String,
                participants: Int? = nil, personIdNumber: String? = nil, story: String? = nil,
                target: String? = nil, evidence: String? = nil) {
        self.id = id
        self.communityCode = communityCode
        self.date = date
        self.kind = kind
        self.title = title
        self.participants = participants
        self.personIdNumber = personIdNumber
        self.story = story
        self.target = target
        self.evidence = evidence
    }

    /// A role model counts for scoring only with a story of 500 characters or more.
    public var isQualifyingRoleModel: Bool {
        kind == .roleModel && (story?.count ?? 0) >= Activity.roleModelStoryMinimum
    }
}
