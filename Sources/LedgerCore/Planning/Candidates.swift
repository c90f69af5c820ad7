/// The communities closest to the entry conditions of 评选 (seed 000 §四: a community must reach the participation
/// rate and the jobs index of its table before it can be chosen), and what each lacks, in the plan's own terms.
public enum Candidates {
    /// The rubric items that are the entry conditions (西宁: 参与率 ≥ 7% and 指数 ≥ 3 for a community, 5% and 2 for a street).
    public static let entryItems = ["participation_rate", "jobs_index"]

    public struct Condition: Sendable, Hashable {
        public let itemId: String
        public let title: String
        public let measured: String
        public let met: Bool
        /// What reaching it takes (`还需8名参与创业活动者…`), or why it cannot be reached now; nil when met.
        public let lacking: String?
        /// Units of work to reach it; nil when met or when it cannot be reached by work this period.
        public let units: Int?
    }

    public struct Entry: Sendable, Hashable {
        public let community: Community
        public let conditions: [Condition]
        public var meetsAll: Bool { conditions.allSatisfy(\.met) }
        /// The work that stands between the community and the conditions; nil when some condition cannot be reached.
        public var unitsNeeded: Int? {
            conditions.reduce(Optional(0)) { sum, c in c.met ? sum : sum.flatMap { s in c.units.map { s.saturatingAdding($0) } } }
        }
    }

    /// Every community with its conditions, those that meet all first, then the least work, then those that cannot
    /// reach them this period.
    public static func rank(_ communities: [(Community, ScoreFacts)], rubric: Rubric, today: Day) -> [Entry] {
        let items = rubric.items.filter { entryItems.contains($0.id) }
        let conditions = Rubric(id: rubric.id, title: rubric.title, citation: rubric.citation, level: rubric.level, items: items)
        let entries = communities.map { community, facts -> Entry in
            let card = ScoreEngine.evaluate(conditions, facts: facts, checklist: [:])
            let plan = Planner.plan(conditions, facts: facts, checklist: [:], period: community.period, today: today)
            return Entry(community: community, conditions: card.items.map { item in
                let gap = plan.gaps.first { $0.itemId == item.id }
                // The last step of a threshold item reaches its full points.
                let step = gap?.steps.last
                return Condition(itemId: item.id, title: item.title, measured: item.measured, met: item.points == item.max,
                                 lacking: gap.map { step?.action ?? $0.blocked ?? "" }, units: step?.units)
            })
        }
        return entries.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.meetsAll != b.meetsAll { return a.meetsAll }
            switch (a.unitsNeeded, b.unitsNeeded) {
            case let (ua?, ub?) where ua != ub: return ua < ub
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.offset < y.offset
            }
        }.map(\.element)
    }
}
