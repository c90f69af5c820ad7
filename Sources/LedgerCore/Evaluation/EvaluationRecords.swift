/// The values of the evaluation procedure (自评 → 初评 → sign-off): what `EvaluationStore` returns and the screens
/// and commands show. Plain values, so that the app can show them without the store.

/// One score item as it was submitted (frozen).
public struct AssessedItem: Sendable, Hashable {
    public let id: String
    public let title: String
    public let group: String?
    public let source: RubricItem.Source
    public let max: Points
    public let points: Points
    public let measured: String
    public let threshold: String
    public let explanation: String
    /// The points the item's rule can give, frozen at submission (`RubricItem.reachablePoints`); nil for a
    /// submission made before they were kept, which accepts any score from 0 to the maximum.
    public let allowed: [Points]?

    public init(id: String, title: String, group: String?, source: RubricItem.Source, max: Points, points: Points,
                measured: String, threshold: String, explanation: String, allowed: [Points]? = nil) {
        self.id = id
        self.title = title
        self.group = group
        self.source = source
        self.max = max
        self.points = points
        self.measured = measured
        self.threshold = threshold
        self.explanation = explanation
        self.allowed = allowed
    }

    /// Why `points` cannot be this item's 初评 or 市级 score (nil: it can): outside `0…max`, or a value the item's
    /// rule never gives. The store and the screens refuse with the same sentence.
    public func refusal(_ points: Points) -> String? {
        if let allowed, !allowed.isEmpty {
            if allowed.contains(points) { return nil }
            return allowed.count == 2
                ? "\(title)只能得\(allowed[1])分或0分（全得或不得），不能给\(points)分"
                : "\(title)只能得以下分数之一：\(allowed.allowedText)，不能给\(points)分"
        }
        guard points.hundredths < 0 || points > max else { return nil }
        return "\(title)的分数应在0到\(max)分之间，\(points)分超出范围"
    }

    /// Why `points` would change nothing (nil: they change the score): the item already has them in this stage,
    /// submitted or decided earlier. A second entry with the same points would read as a change in the history.
    public func unchangedRefusal(_ points: Points, now: Points, stage: EvaluationStage) -> String? {
        points == now ? "\(title)的\(stage.title)已是\(points)分，未改动" : nil
    }
}

/// A supervisor's different score for one item, and why.
public struct ItemAdjustment: Sendable, Hashable {
    public let itemId: String
    public let points: Points
    public let reason: String
    public let by: String
    public let at: String

    public init(itemId: String, points: Points, reason: String, by: String, at: String) {
        self.itemId = itemId
        self.points = points
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// One sampled person and what checking them found.
public struct SpotCheck: Sendable, Hashable {
    /// 1-based place in the sample list.
    public let position: Int
    public let personId: Int64
    public let name: String
    public let idNumber: String
    /// The 创业状态 stratum the person was drawn from.
    public let stratum: String
    public let result: SpotCheckResult?
    public let note: String?
    public let checkedBy: String?
    public let checkedAt: String?
    /// Changes of the person's record since the check was recorded: the clerk's correction of a 不属实 record.
    public let changesSinceCheck: Int
    /// One of the person's services in the period, checked with them (nil: none, or drawn before services were).
    public let service: SampledService?
    /// Drawn as a service on its own (the stratum is then its service type), not as a person.
    public let forService: Bool
    /// Changes of the sampled person's record or the sampled service since the draw (the check's own corrections
    /// included): what the community changed once the sample existed.
    public let changesSinceDraw: Int
    /// Withheld from this operator (`SampleDisclosure`): the row says only its place and result.
    public let concealed: Bool
    /// The sampled record (the person, or the service drawn on its own) is deleted now: its changes are no
    /// correction to read as one (set by the engine that read the sample).
    public var recordDeleted = false
    /// What the changes since the check changed (`备注`, `创业状态`), in order, named as the registers name their
    /// fields: whether a 不属实 record's correction is about what the finding said (set by the engine).
    public var fieldsChangedSinceCheck: [String] = []

    public init(position: Int, personId: Int64, name: String, idNumber: String, stratum: String, result: SpotCheckResult?,
                note: String?, checkedBy: String?, checkedAt: String?, changesSinceCheck: Int, service: SampledService? = nil,
                forService: Bool = false, changesSinceDraw: Int = 0, concealed: Bool = false) {
        self.position = position
        self.personId = personId
        self.name = name
        self.idNumber = idNumber
        self.stratum = stratum
        self.result = result
        self.note = note
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
        self.changesSinceCheck = changesSinceCheck
        self.service = service
        self.forService = forService
        self.changesSinceDraw = changesSinceDraw
        self.concealed = concealed
    }
}

/// A drawn sample: how it was drawn and what each check found.
public struct SpotCheckSample: Sendable, Hashable {
    /// The largest sample one draw takes, of persons and of services each: a field check of more is not a spot
    /// check, and the bound keeps the draw's work and the list small.
    public static let largestSize = 1_000

    /// Why a draw of `count` persons (or, `services`, services on their own) is refused; nil within the bound.
    public static func sizeRefusal(_ count: Int, services: Bool) -> String? {
        (0...largestSize).contains(count) ? nil : "\(services ? "单独抽查的服务数" : "抽样人数")应在0到\(largestSize)之间，\(count)超出范围"
    }

    public let seed: UInt64
    public let requestedSize: Int
    /// Persons of the period in each stratum when the sample was drawn, and the seats each got.
    public let strata: [Stratum]
    public let drawnBy: String
    public let drawnAt: String
    public let checks: [SpotCheck]
    /// Services drawn on their own, by service type (empty: none asked for).
    public let requestedServices: Int
    public let serviceStrata: [Stratum]
    /// Which records were drawn is withheld from this operator (`SampleDisclosure`): the seed too, which
    /// reproduces the list.
    public let concealed: Bool

    public struct Stratum: Sendable, Hashable {
        public let name: String
        public let population: Int
        public let drawn: Int

        public init(name: String, population: Int, drawn: Int) {
            self.name = name
            self.population = population
            self.drawn = drawn
        }
    }

    public init(seed: UInt64, requestedSize: Int, strata: [Stratum], drawnBy: String, drawnAt: String, checks: [SpotCheck],
                requestedServices: Int = 0, serviceStrata: [Stratum] = [], concealed: Bool = false) {
        self.seed = seed
        self.requestedSize = requestedSize
        self.strata = strata
        self.drawnBy = drawnBy
        self.drawnAt = drawnAt
        self.checks = checks
        self.requestedServices = requestedServices
        self.serviceStrata = serviceStrata
        self.concealed = concealed
    }

    public var personCount: Int { checks.filter { !$0.forService }.count }
    public var serviceCount: Int { checks.filter(\.forService).count }
    /// `抽8人、2项服务` / `抽8人`; fewer than asked says so (`抽48人（要求100人，只有48人可抽）`).
    public var sizeText: String {
        func part(_ drawn: Int, asked: Int, _ unit: String) -> String {
            "\(drawn)\(unit)" + (drawn < asked ? "（要求\(asked)\(unit)，只有\(drawn)\(unit)可抽）" : "")
        }
        let services = serviceCount > 0 || requestedServices > 0 ? "、" + part(serviceCount, asked: requestedServices, "项服务") : ""
        return "抽" + part(personCount, asked: requestedSize, "人") + services
    }

    public var checkedCount: Int { checks.filter { $0.result != nil }.count }
    public func count(_ result: SpotCheckResult) -> Int { checks.filter { $0.result == result }.count }
    /// The discrepancy rate (`SpotCheckResult.discrepancyRate`: 联系不上 is not in the denominator).
    public var discrepancyRate: Rational? {
        SpotCheckResult.discrepancyRate(confirmed: count(.confirmed), untrue: count(.untrue))
    }

    /// `核实进度 3/10：属实 1，不属实 1，联系不上 1；不符率 50%` (the CLI, the screen's summary and the export).
    public var progressText: String {
        let counts = SpotCheckResult.allCases.map { "\($0.rawValue) \(count($0))" }.joined(separator: "，")
        let rate = discrepancyRate.map { "；不符率 \($0.percentText)" } ?? ""
        return "核实进度 \(checkedCount)/\(checks.count)：\(counts)\(rate)"
    }

    /// `有创业意愿 2人抽1；已创业 1人抽1`, then the services' `创业指导 5项抽1` when services were drawn on their own.
    public var strataText: String {
        let persons = strata.map { "\($0.name) \($0.population)人抽\($0.drawn)" }
        let services = serviceStrata.map { "\($0.name) \($0.population)项抽\($0.drawn)" }
        return (persons + services).joined(separator: "；")
    }
}

/// Who signed the 初评 and when; the lock it set holds until unlocked.
public struct Signature: Sendable, Hashable {
    public let by: String
    public let at: String

    public init(by: String, at: String) {
        self.by = by
        self.at = at
    }
}

/// The latest unlock of a stage: who lifted whose signature, when and why. A 初评 open again after an unlock must
/// not read as one never signed: the clerk and the supervisor who signs again see what was lifted and why.
public struct Unlocking: Sendable, Hashable {
    /// The signature the unlock lifted (nil when the audit trail holds no sign-off before it).
    public let lifted: Signature?
    public let by: String
    public let at: String
    public let reason: String

    public init(lifted: Signature?, by: String, at: String, reason: String) {
        self.lifted = lifted
        self.by = by
        self.at = at
        self.reason = reason
    }

    /// `原由王督导于2026-03-01 10:00签署，赵督导于2026-03-02 09:00解锁，理由：更正核实结果`.
    public var text: String {
        let signed = lifted.map { "原由\($0.by)于\(TimeText.shown($0.at))签署，" } ?? ""
        return signed + "\(by)于\(TimeText.shown(at))解锁，理由：\(reason)"
    }

    /// Beside a signature made after it (signed again): `此前原由王督导于…签署，赵督导于…解锁，理由：…`, so the
    /// signature lifted and the reason stay in the report.
    public var before: String { "此前" + text }

    /// Where a line has little room: `（赵督导于2026-03-02 09:00解锁：更正核实结果）`, with less room without the
    /// time (`（赵督导解锁：更正核实结果）`: the reason tells the community what to do), or without the reason;
    /// `signedSince`: a signature follows it (`（此前赵督导于…解锁：…）`).
    public func brief(withReason: Bool, withTime: Bool = true, signedSince: Bool = false) -> String {
        "（" + (signedSince ? "此前" : "") + by + (withTime ? "于\(TimeText.shown(at))" : "") + "解锁" + (withReason ? "：\(reason)）" : "）")
    }
}

/// The submission of the same period that a later one replaced (a supervisor starting the 初评 over): what it
/// held, so that a 初评 begun again does not hide the earlier one, its draw and its findings.
public struct ReplacedSubmission: Sendable, Hashable {
    public let id: Int64
    public let submittedBy: String
    public let submittedAt: String
    public let selfTotal: Points
    /// Its 初评 total, once begun (a score changed or a sample drawn); nil before.
    public let evaluatedTotal: Points?
    /// Its sample's size and 不属实 findings (both nil: not drawn).
    public let sampleSize: Int?
    public let untrue: Int?
    /// Signed once, then unlocked.
    public let wasUnlocked: Bool

    public init(_ e: Evaluation) {
        id = e.id
        submittedBy = e.submittedBy
        submittedAt = e.submittedAt
        selfTotal = e.selfTotal
        evaluatedTotal = e.reviewBegun ? e.evaluatedTotal : nil
        sampleSize = e.sample?.checks.count
        untrue = e.sample?.count(.untrue)
        wasUnlocked = e.lastUnlock != nil
    }

    /// `替代第1份自评（王芳 2026-12-07 10:00 提交，自评51分；初评50分，已抽样7条，不属实1条；曾签署后解锁）`.
    public var text: String { "替代第\(id)份自评（\(summary)）" }

    /// What it held: `王芳 2026-12-07 10:00 提交，自评51分；初评50分，已抽样7条，不属实1条；曾签署后解锁`.
    public var summary: String {
        var parts = ["\(submittedBy) \(TimeText.shown(submittedAt)) 提交，自评\(selfTotal)分"]
        var review: [String] = []
        if let evaluatedTotal { review.append("初评\(evaluatedTotal)分") }
        if let sampleSize, let untrue { review.append("已抽样\(sampleSize)条，不属实\(untrue)条") }
        if wasUnlocked { review.append("曾签署后解锁") }
        if !review.isEmpty { parts.append(review.joined(separator: "，")) }
        return parts.joined(separator: "；")
    }
}

/// A submitted self-assessment with its 初评.
public struct Evaluation: Sendable, Hashable {
    public let id: Int64
    public let communityCode: String
    public let period: Period
    public let rubricId: String
    public let rubricTitle: String
    public let items: [AssessedItem]
    public let submittedBy: String
    public let submittedAt: String
    /// The registers' checksum when submitted, and now.
    public let checksum: String
    public let currentChecksum: String
    /// Register changes (saves, corrections, deletions, restorations, undos, accepted warnings, profile changes,
    /// imported rows) since the submission, from the audit trail.
    public let changesSinceSubmission: Int
    /// The same changes by where they were made: `person`, `service`, `activity`, `community` (imported rows
    /// under their register's table).
    public let changesByTable: [String: Int]
    public let adjustments: [String: ItemAdjustment]
    public let sample: SpotCheckSample?
    /// Set while the period is locked by this submission's sign-off (a 市级考评: once the city signed it).
    public let signature: Signature?
    /// The district's 初评 or the city's 市级考评 (reviewing the district's, its items at the 初评 points).
    public let stage: EvaluationStage
    /// Who recommended this signed 初评 to the city (推荐), and when.
    public let recommendation: Signature?
    /// The stage's latest unlock, if it was ever unlocked (set by the engine that read the evaluation).
    public var lastUnlock: Unlocking?
    /// The earlier submission of the period this one replaced, if any (set by the engine that read it).
    public var replaced: ReplacedSubmission?

    public init(id: Int64, communityCode: String, period: Period, rubricId: String, rubricTitle: String, items: [AssessedItem],
                submittedBy: String, submittedAt: String, checksum: String, currentChecksum: String,
                changesSinceSubmission: Int, adjustments: [String: ItemAdjustment], sample: SpotCheckSample?, signature: Signature?,
                stage: EvaluationStage = .district, recommendation: Signature? = nil, changesByTable: [String: Int] = [:]) {
        self.id = id
        self.communityCode = communityCode
        self.period = period
        self.rubricId = rubricId
        self.rubricTitle = rubricTitle
        self.items = items
        self.submittedBy = submittedBy
        self.submittedAt = submittedAt
        self.checksum = checksum
        self.currentChecksum = currentChecksum
        self.changesSinceSubmission = changesSinceSubmission
        self.changesByTable = changesByTable
        self.adjustments = adjustments
        self.sample = sample
        self.signature = signature
        self.stage = stage
        self.recommendation = recommendation
    }

    public var selfTotal: Points { items.reduce(.zero) { $0 + $1.points } }
    public var maxTotal: Points { items.reduce(.zero) { $0 + $1.max } }
    /// An item's 初评 points: the supervisor's where they decided (a reason kept even when they return to the
    /// self-assessment's points), else the self-assessment's.
    public func evaluatedPoints(_ item: AssessedItem) -> Points { adjustments[item.id]?.points ?? item.points }
    /// The items whose 初评 points differ from the submitted ones (a decision back to the submitted points, kept
    /// with its reason, is not a difference).
    public var differingItems: Int { items.filter { evaluatedPoints($0) != $0.points }.count }
    public var evaluatedTotal: Points { items.reduce(.zero) { $0 + evaluatedPoints($1) } }
    /// The registers differ from what was submitted (changed through the program, or the file edited otherwise).
    public var isOutdated: Bool { changesSinceSubmission > 0 || checksum != currentChecksum }

    /// `自评提交后台账又修改了 3 处（摸底台账 2、社区档案 1、抽样记录 1 条）` (nil while current): where, and how many
    /// sampled records this operator may know of were changed after the draw.
    public var outdatedNotice: String? {
        guard isOutdated else { return nil }
        if changesSinceSubmission == 0 { return "自评提交后台账内容已变化（校验码不符，未经本程序修改）" }
        let places = [("person", "摸底台账"), ("service", "服务台账"), ("activity", "工作台账"), ("community", "社区档案")]
            .compactMap { table, title in changesByTable[table].flatMap { $0 > 0 ? "\(title) \($0)" : nil } }
        let sampled = sample?.checks.filter { $0.changedAfterDraw > 0 }.count ?? 0
        let detail = places + (sampled > 0 ? ["抽样记录 \(sampled) 条"] : [])
        return "自评提交后台账又修改了 \(changesSinceSubmission) 处" + (detail.isEmpty ? "" : "（\(detail.joined(separator: "、"))）")
    }

    /// The notice in a few words for a narrow line, its number first (`14 处修改晚于自评提交`; nil while current).
    public var outdatedNoticeShort: String? {
        guard isOutdated else { return nil }
        if changesSinceSubmission == 0 { return "台账校验码与提交时不符" }
        return "\(changesSinceSubmission) 处修改晚于自评提交"
    }
}

extension Evaluation {
    /// The items the registers as they are now (`card`: today's score by the same rubric) score otherwise than both
    /// the submission and the 初评: what a supervisor about to sign would lock in although the registers, corrected
    /// since (a 不属实 finding, say), no longer give it. `创业带动就业指数：初评15分，按现在的台账0分`.
    public func outdatedItems(now card: ScoreCard) -> [String] {
        guard card.rubricId == rubricId else { return [] }
        return items.compactMap { item in
            guard let now = card.items.first(where: { $0.id == item.id })?.points else { return nil }
            let evaluated = evaluatedPoints(item)
            return now == item.points || now == evaluated ? nil : "\(item.title)：初评\(evaluated)分，按现在的台账\(now)分"
        }
    }
}
