import LedgerCore
import TerminalUI

/// The evaluation screen (`8`): the submitted self-assessment beside the 初评, the spot-check sample, the lock; and
/// (`c`) the 市级考评 of a recommended community, its scores beside the 自评 and 初评.
public struct EvaluationState: Sendable, Hashable {
    /// The current submission; nil before one was made (or before it was read: see `loaded`).
    public var evaluation: Evaluation?
    public var loaded = false
    /// Which review the screen shows and its keys act on.
    public var stage: EvaluationStage = .district
    /// The recommended 初评 with the city's review (read when the city view opens; nil: not recommended).
    public var city: CityReview?
    /// Which list the arrows move in.
    public var focus: Part = .items
    public var items = ListState()
    public var checks = ListState()
    /// A sampled record opened read-only (the community is locked, or the operator may not change it).
    public var viewing: RecordView?
    /// `S` found the stage not ready on screen and read it again (checks may have been recorded elsewhere): the
    /// answer asks again, and only then refuses.
    public var signAfterReading = false

    public enum Part: Sendable, Hashable { case items, sample }

    public init(evaluation: Evaluation? = nil, loaded: Bool = false, stage: EvaluationStage = .district, city: CityReview? = nil) {
        self.evaluation = evaluation
        self.loaded = loaded
        self.stage = stage
        self.city = city
    }

    /// The selected item as the shown stage starts from it: the self-assessment's for the 初评, the 初评's points
    /// for the 市级考评.
    public var selectedItem: AssessedItem? {
        guard let items = evaluation?.items, items.indices.contains(self.items.selected) else { return nil }
        let item = items[self.items.selected]
        guard stage == .city, let review = city else { return item }
        return AssessedItem(id: item.id, title: item.title, group: item.group, source: item.source, max: item.max,
                            points: review.districtPoints(item), measured: item.measured, threshold: item.threshold,
                            explanation: item.explanation, allowed: item.allowed)
    }

    /// The sample the screen shows: the district's, or the city's own.
    public var shownSample: SpotCheckSample? {
        stage == .district ? evaluation?.sample : city?.city?.sample
    }

    /// The shown stage's signature (nil while it is not signed).
    /// An item's points in the stage shown: the 初评's, or the 市级考评's.
    public func stagePoints(_ item: AssessedItem) -> Points? {
        stage == .district ? evaluation?.evaluatedPoints(item) : city?.cityPoints(item)
    }

    public var shownSignature: Signature? {
        stage == .district ? evaluation?.signature : city?.city?.signature
    }

    public var selectedCheck: SpotCheck? {
        guard let checks = shownSample?.checks, checks.indices.contains(self.checks.selected) else { return nil }
        return checks[self.checks.selected]
    }
}

/// What the evaluation screen asks of the store (one effect kind; the result comes back as `evaluationUpdated`, or
/// `cityReviewUpdated` for the city's steps).
public enum EvaluationRequest: Sendable, Equatable {
    case load
    /// The city's review of the recommended 初评.
    case loadCity
    /// `reason`: why a supervisor sets a begun 初评 aside (nil when nothing is set aside).
    case submit(ScoreCard, reason: String? = nil)
    case adjust(item: String, points: Points, reason: String, stage: EvaluationStage = .district)
    /// The runner chooses the seed (the store keeps it and the screen shows it).
    case draw(size: Int, services: Int = 0, stage: EvaluationStage = .district)
    case check(position: Int, result: SpotCheckResult, note: String, stage: EvaluationStage = .district)
    case sign
    case signCity
    /// The district recommends its signed 初评 to the city.
    case recommend
    case unlock(reason: String)

    /// Reads only (done or dropped freely; everything else changes the store).
    public var isRead: Bool { self == .load || self == .loadCity }

    /// Whose review the request acts on: the answer is the city's review for the city's steps.
    public var stage: EvaluationStage {
        switch self {
        case .loadCity, .signCity: .city
        case .adjust(_, _, _, let stage), .draw(_, _, let stage), .check(_, _, _, let stage): stage
        case .load, .submit, .sign, .recommend, .unlock: .district
        }
    }
}

/// A one-line question of the evaluation screen.
public enum EvaluationPrompt: Sendable, Hashable {
    /// Points for an item (as the stage starts from it), then the reason.
    /// `now`: the item's points in the stage when the dialog opened, when a decision already changed them.
    case points(AssessedItem, EvaluationStage, now: Points? = nil)
    case reason(AssessedItem, Points, EvaluationStage)
    /// Persons to draw, then services on their own.
    case drawSize(EvaluationStage)
    case drawServices(Int, EvaluationStage)
    /// A check's note (required for 不属实).
    case note(SpotCheck, SpotCheckResult, EvaluationStage)
    case unlockReason
    /// Sign the 初评 / the 市级考评? (Enter confirms; the text is not used.)
    /// `changedSince`: changes to the registers after the 自评 was submitted (the signature covers the submission);
    /// `uncorrected`: 不属实 findings the community has not corrected (signing locks them as they are).
    /// `rechecks`: records checked 属实 or 联系不上 and changed since (`SpotCheckSample.changedAfterCheck`).
    /// `outdated`: items the registers, changed since the submission, now score otherwise (`Evaluation.outdatedItems`).
    case confirmSign(EvaluationStage, changedSince: Int = 0, uncorrected: [SpotCheck] = [], rechecks: [SpotCheck] = [], outdated: [String] = [])
    /// Recommend the signed 初评 to the city? The entry conditions it does not meet are shown (Enter confirms.)
    case confirmRecommend(unmet: [String])
    /// Submit the 自评 (freeze the score card)? The total it freezes, and the earlier submission's it replaces.
    /// (Enter or y confirms.)
    /// `setsAside`: the submission whose begun 初评 (scores changed, a sample drawn) a supervisor's new one replaces.
    case confirmSubmit(total: Points, max: Points, replacing: Points?, setsAside: ReplacedSubmission? = nil)

    /// A question answered by Enter or y, not a line typed.
    public var isConfirmation: Bool {
        switch self {
        case .confirmSign, .confirmRecommend: true
        // Setting a begun 初评 aside asks why.
        case .confirmSubmit(_, _, _, let setsAside): setsAside == nil
        case .points, .reason, .drawSize, .drawServices, .note, .unlockReason: false
        }
    }
}
