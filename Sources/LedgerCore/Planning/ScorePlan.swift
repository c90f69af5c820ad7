/// What the community can do next for its score: for every item below its maximum, the next band (and the
/// maximum) with what reaching it takes in the clerk's terms, ranked by points gained per unit of work.
public struct ScorePlan: Sendable, Hashable {
    /// Days from today to the period's end (0 on the last day); nil once the period has ended.
    public let daysLeft: Int?
    /// Every item below its maximum, in the rubric's order.
    public let gaps: [ItemGap]
    /// The signed 初评 that locks the records (nil: none): the plan can no longer change this period's score, and
    /// says so above its figures, which stay as information.
    public var lock: Signature?

    public init(daysLeft: Int?, gaps: [ItemGap], lock: Signature? = nil) {
        self.daysLeft = daysLeft
        self.gaps = gaps
        self.lock = lock
    }

    /// `台账已锁定（王督导 2026-12-06 21:09 签署初评）：计划已不能改变本期得分，以下数字仅供参考` (nil: not locked).
    public var lockNotice: String? {
        lock.map { "台账已锁定（\($0.by) \(TimeText.shown($0.at)) 签署初评）：计划已不能改变本期得分，以下数字仅供参考" }
    }

    /// Every step of every item, best gain per unit of work first; steps whose work cannot be counted (checklist
    /// items judged by hand) come last.
    public var ranked: [PlanStep] { gaps.flatMap(\.steps).sorted(by: PlanStep.paysBetter) }

    /// The items with steps, the one whose best step pays most per unit of work first; each keeps its steps in
    /// band order (they are alternatives: the nearest band, then further ones). Items without steps come last.
    public var rankedGaps: [ItemGap] {
        func best(_ gap: ItemGap) -> PlanStep? { gap.steps.min(by: PlanStep.paysBetter) }
        return gaps.enumerated().sorted { x, y in
            switch (best(x.element), best(y.element)) {
            case let (a?, b?): return PlanStep.paysBetter(a, b) || (!PlanStep.paysBetter(b, a) && x.offset < y.offset)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return x.offset < y.offset
            }
        }.map(\.element)
    }

    /// The points the plan promises if every item's last step is done (each item at its best reachable points).
    /// A step too late for the period is shown but promises nothing.
    public var reachableGain: Points {
        gaps.reduce(.zero) { sum, gap in sum + (gap.steps.filter { $0.tooLate == nil }.map(\.gain).max() ?? .zero) }
    }
}

/// An item below its maximum: where it stands and the steps that raise it.
public struct ItemGap: Sendable, Hashable {
    public let itemId: String
    public let title: String
    public let points: Points
    public let max: Points
    public let measured: String
    /// Steps from the nearest band up; each says the points reached from today's figures.
    public let steps: [PlanStep]
    /// Why nothing can be proposed (the period has ended, nothing to divide by …); nil when steps are proposed.
    public let blocked: String?
}

/// One thing to do: the action in the clerk's terms, the work it takes and the points it brings.
public struct PlanStep: Sendable, Hashable {
    public let itemId: String
    public let itemTitle: String
    /// Points of the item today and after this step.
    public let current: Points
    public let after: Points
    /// Units of work (one service to one person, one training, one activity, one record corrected); nil when the
    /// work cannot be counted (a checklist item judged by hand).
    public let units: Int?
    /// `还需 36 名参与创业活动者（可从 52 名已登记但本期无服务/培训的人员中服务）`.
    public let action: String
    /// The records to act on, when there are any in the registers.
    public let evidence: Evidence?
    /// Why the step cannot count before the period ends (its rule needs longer than the days left; the action
    /// says it too); nil when it can. Such a step ranks after every one that can be done.
    public let tooLate: String?

    public init(itemId: String, itemTitle: String, current: Points, after: Points, units: Int?, action: String, evidence: Evidence?,
                tooLate: String? = nil) {
        self.itemId = itemId
        self.itemTitle = itemTitle
        self.current = current
        self.after = after
        self.units = units
        self.action = action
        self.evidence = evidence
        self.tooLate = tooLate
    }

    public var gain: Points { after - current }

    /// Whether `a` gains more points per unit of work than `b` (ties: the larger gain). Steps whose work cannot
    /// be counted come after every counted one, and steps too late for the period after every other.
    public static func paysBetter(_ a: PlanStep, _ b: PlanStep) -> Bool {
        if (a.tooLate == nil) != (b.tooLate == nil) { return a.tooLate == nil }
        switch (a.units, b.units) {
        case let (ua?, ub?):
            // gain_a / units_a > gain_b / units_b, in integers.
            let left = a.gain.hundredths * ub, right = b.gain.hundredths * ua
            return left != right ? left > right : a.gain > b.gain
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a.gain > b.gain
        }
    }
}

/// Facts about single records that the figures alone do not carry, read by the store for the plan.
public struct PlanDetails: Sendable, Hashable {
    /// Services still missing for every person to be served twice (Σ over service targets of max(0, 2 − services)).
    public var servicesMissing: Int?
    /// Role-model stories shorter than the 500 characters that make them count: title and characters missing.
    public var shortStories: [ShortStory]

    public init(servicesMissing: Int? = nil, shortStories: [ShortStory] = []) {
        self.servicesMissing = servicesMissing
        self.shortStories = shortStories
    }
}

public struct ShortStory: Sendable, Hashable {
    public let title: String
    public let missingCharacters: Int
    public init(title: String, missingCharacters: Int) {
        self.title = title
        self.missingCharacters = missingCharacters
    }
}
