import LedgerCore

/// The evaluation procedure of seed 000 §四 (评选程序): a community submits its self-assessment (社区自评), a
/// supervisor reviews it item by item (初评), checks a random sample of persons (随机抽样) and signs it off, which
/// locks the community's records until a supervisor unlocks them with a reason.
///
/// Both engines implement it (the SQLite engine's `AppDatabase`, the PostgreSQL engine's `PostgresLedger`, whose
/// database also holds the roles and the lock for logins that bypass the app); it stays apart from `LedgerStorage`
/// so that a store without it (a test's stand-in) still serves the registers. Its values (`Evaluation`,
/// `SpotCheck` …) are in `LedgerCore`, so that the app shows them without the store.
public protocol EvaluationStore: LedgerSession {
    /// Freezes the community's score card for its current period, with who, when and a checksum of the
    /// registers. The community's clerk (or a supervisor) submits; a signed period cannot be submitted again,
    /// an unsigned one is replaced by the new submission (its 初评 starts afresh).
    /// `reason`: why a supervisor starts a begun 初评 over (required then: its draw and findings are set aside).
    func submitSelfAssessment(community: String, card: ScoreCard, reason: String?) async throws -> Evaluation
    /// Who signed the community's locked 初评 and when; nil while its records may be changed. A cheap read (the
    /// app asks it on entering a community, to say so before a clerk types a record).
    func periodLock(community: String) async throws -> Signature?
    /// The latest submission for the community's current period, with its 初评, sample and lock; nil if none.
    func evaluation(community: String) async throws -> Evaluation?
    /// The latest submission of each community's current period, by community code (`community`: that one only),
    /// for totals and status: the registers are not scanned, so the current checksum is the submitted one and
    /// only the changes counted since say whether the registers moved on. Communities without one are absent.
    func currentEvaluations(community: String?) async throws -> [String: Evaluation]
    /// 初评 (or 市级考评): the supervisor's points for an item (by id or Chinese name), with a reason (required);
    /// only points the item's rule can give. Points equal to those the stage started from remove the difference.
    func adjust(community: String, item: String, points: Points, reason: String, stage: EvaluationStage) async throws -> Evaluation
    /// Draws `size` persons of the period, stratified by 创业状态 (each with one of their services), and `services`
    /// further services on their own, stratified by service type, from `seed` (stored and shown). One draw per
    /// stage.
    func drawSpotChecks(community: String, size: Int, services: Int, seed: UInt64, stage: EvaluationStage) async throws -> Evaluation
    /// Records what checking the sampled record at `position` (1-based) found; `不属实` needs a note, which the
    /// community sees with the record.
    func recordSpotCheck(community: String, position: Int, result: SpotCheckResult, note: String,
                         stage: EvaluationStage) async throws -> Evaluation
    /// Signs the 初评 (locks the community's records: every write refuses, naming the lock), or the 市级考评 (the
    /// lock stays).
    func signOff(community: String, stage: EvaluationStage) async throws -> Evaluation
    /// Lifts the lock; the reason is audited. Once the city signed, only a city supervisor may.
    func unlock(community: String, reason: String) async throws
    /// The district recommends its signed 初评 to the city (推荐).
    func recommendToCity(community: String) async throws -> Evaluation
    /// The recommended 初评 with the city's review beside it; nil while not recommended.
    func cityReview(community: String) async throws -> CityReview?
    /// The communities the districts recommended, for the city supervisor's list.
    func cityCandidates() async throws -> [CityCandidate]
    /// Sampled persons found 不属实 in the latest submission, with the supervisor's note: what the clerk must
    /// correct.
    func spotCheckFlags(community: String) async throws -> [SpotCheck]
}

extension AppDatabase {
    /// The district's steps as the tests and tools call them: persons only in the draw.
    public func adjust(community: String, item: String, points: Points, reason: String) throws -> Evaluation {
        try adjust(community: community, item: item, points: points, reason: reason, stage: .district)
    }

    public func drawSpotChecks(community: String, size: Int, seed: UInt64) throws -> Evaluation {
        try drawSpotChecks(community: community, size: size, services: 0, seed: seed, stage: .district)
    }

    public func recordSpotCheck(community: String, position: Int, result: SpotCheckResult, note: String) throws -> Evaluation {
        try recordSpotCheck(community: community, position: position, result: result, note: note, stage: .district)
    }

    public func signOff(community: String) throws -> Evaluation {
        try signOff(community: community, stage: .district)
    }
}

extension EvaluationStore {
    /// A submission that sets nothing aside.
    public func submitSelfAssessment(community: String, card: ScoreCard) async throws -> Evaluation {
        try await submitSelfAssessment(community: community, card: card, reason: nil)
    }
}
