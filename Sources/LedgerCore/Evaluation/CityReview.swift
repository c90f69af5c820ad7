/// Which review a step belongs to: the district's 初评 or the city's 市级考评 of the districts' candidates.
public enum EvaluationStage: String, Sendable, Hashable, CaseIterable {
    case district
    case city

    /// `初评` / `市级考评`, as messages name the stage.
    public var title: String { self == .district ? "初评" : "市级考评" }
}

/// A community the district recommended to the city: its signed 初评 and, once the city began, the city's review.
/// The 市级考评 is an evaluation of its own whose items start at the 初评 points, so the three scores of an item
/// are the self-assessment's, the district's and the city's.
public struct CityReview: Sendable, Hashable {
    public let district: Evaluation
    /// Nil until the city supervisor's first step (adjust, draw).
    public let city: Evaluation?

    public init(district: Evaluation, city: Evaluation?) {
        self.district = district
        self.city = city
    }

    public func selfPoints(_ item: AssessedItem) -> Points { item.points }
    public func districtPoints(_ item: AssessedItem) -> Points { district.evaluatedPoints(item) }
    /// The city's points for the item: its own where it changed them, else the 初评's.
    public func cityPoints(_ item: AssessedItem) -> Points {
        city?.adjustments[item.id]?.points ?? districtPoints(item)
    }
    public var cityTotal: Points { district.items.reduce(.zero) { $0 + cityPoints($1) } }
    public func cityAdjustment(_ item: AssessedItem) -> ItemAdjustment? { city?.adjustments[item.id] }
    public var citySignature: Signature? { city?.signature }
}

/// One line of the city's list of candidates.
public struct CityCandidate: Sendable, Hashable {
    public let communityCode: String
    public let communityName: String
    public let district: String
    public let period: Period
    public let selfTotal: Points
    public let districtTotal: Points
    public let maxTotal: Points
    /// Who recommended it and when.
    public let recommended: Signature
    /// The city's total once it began, and its signature once signed.
    public let cityTotal: Points?
    public let citySigned: Signature?

    public init(communityCode: String, communityName: String, district: String, period: Period, selfTotal: Points,
                districtTotal: Points, maxTotal: Points, recommended: Signature, cityTotal: Points?, citySigned: Signature?) {
        self.communityCode = communityCode
        self.communityName = communityName
        self.district = district
        self.period = period
        self.selfTotal = selfTotal
        self.districtTotal = districtTotal
        self.maxTotal = maxTotal
        self.recommended = recommended
        self.cityTotal = cityTotal
        self.citySigned = citySigned
    }

    /// `未开始` / `考评中 86/100` / `已签署`.
    public var cityStatus: String {
        if citySigned != nil { return "已签署" }
        return cityTotal == nil ? "未开始" : "考评中"
    }
}
