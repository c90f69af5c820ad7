import LedgerCore

/// What a write to a locked community says, on every engine (the PostgreSQL engine's database trigger spells
/// the same sentence for a change made with psql; a test holds the two equal).
public struct PeriodLockRefusal: Sendable {
    public let communityName: String
    public let communityCode: String
    public let periodStart: String
    public let periodEnd: String
    public let lockedBy: String
    public let lockedAt: String
    /// The city's signature of its review, once given: then only a city supervisor unlocks.
    public let cityBy: String?
    public let cityAt: String?

    public init(communityName: String, communityCode: String, periodStart: String, periodEnd: String, lockedBy: String,
                lockedAt: String, cityBy: String?, cityAt: String?) {
        self.communityName = communityName
        self.communityCode = communityCode
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.lockedBy = lockedBy
        self.lockedAt = lockedAt
        self.cityBy = cityBy
        self.cityAt = cityAt
    }

    /// What matters first: a status line of 80 columns shows only the start.
    public var message: String {
        let head = "台账已锁定，不能修改：\(communityName)（\(communityCode)）考核期 \(periodStart)..\(periodEnd) 的初评已由\(lockedBy)于\(TimeText.shown(lockedAt))签署"
        if let cityBy {
            return head + "，市级考评已由\(cityBy)于\(TimeText.shown(cityAt))签署。如需修改，请市级督导解锁（chuangye evaluate unlock --reason 理由）"
        }
        return head + "。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）"
    }

    public var error: StoreError { StoreError(message) }
}
