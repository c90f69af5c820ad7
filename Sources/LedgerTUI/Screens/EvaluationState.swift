import LedgerCore
import TerminalUI

/// The evaluation screen (`8`): the submitted self-assessment beside the 初评, the spot-check sample, the lock.
public struct EvaluationState: Sendable, Hashable {
    /// The current submission; nil before one was made (or before it was read: see `loaded`).
    public var evaluation: Evaluation?
    public var loaded = false
    /// Which list the arrows move in.
    public var focus: Part = .items
    public var items = ListState()
    public var checks = ListState()

    public enum Part: Sendable, Hashable { case items, sample }

    public init(evaluation: Evaluation? = nil, loaded: Bool = false) {
        self.evaluation = evaluation
        self.loaded = loaded
    }

    public var selectedItem: AssessedItem? {
        guard let items = evaluation?.items, items.indices.contains(self.items.selected) else { return nil }
        return items[self.items.selected]
    }

    public var selectedCheck: SpotCheck? {
        guard let checks = evaluation?.sample?.checks, checks.indices.contains(self.checks.selected) else { return nil }
        return checks[self.checks.selected]
    }
}

/// What the evaluation screen asks of the store (one effect kind; the result comes back as `evaluationUpdated`).
public enum EvaluationRequest: Sendable, Equatable {
    case load
    case submit(ScoreCard)
    case adjust(item: String, points: Points, reason: String)
    /// The runner chooses the seed (the store keeps it and the screen shows it).
    case draw(size: Int)
    case check(position: Int, result: SpotCheckResult, note: String)
    case sign
    case unlock(reason: String)
}

/// A one-line question of the evaluation screen.
public enum EvaluationPrompt: Sendable, Hashable {
    /// 初评 points for an item, then the reason.
    case points(AssessedItem)
    case reason(AssessedItem, Points)
    case drawSize
    /// A check's note (required for 不属实).
    case note(SpotCheck, SpotCheckResult)
    case unlockReason
    /// Sign the 初评? (Enter confirms; the text is not used.)
    case confirmSign
}
