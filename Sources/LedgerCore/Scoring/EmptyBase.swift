/// The one rule for an item whose denominator is empty (DECISIONS.md, "An empty denominator scores nothing"): an
/// item whose figure is a share of some group of people earns no marks from the registers while that group is
/// empty. The table asks for a rate (`符合条件的人员政策享受率达100%`, `培训合格率达100%`, `比例达30%以上`) and scores
/// what the inspector finds in the registers (`查阅相关报表`); with nobody in the group there is nothing to find,
/// and 0/0 is no rate. The score, the live preview, the plan, the workbook and the self-assessment all go through
/// `ScoreEngine`, which asks here, so they cannot disagree.
public enum EmptyBase {
    /// The figures an item's rate is taken over (its denominator, added up); empty for items that are counts or
    /// answers and so have none (宣传活动, 创业典型, the checklist).
    public static func measures(of rule: Rule) -> [Measure] {
        switch rule {
        case let .rateThreshold(_, denominator, _), let .fullRateBands(_, denominator, _), let .rateDeduction(_, denominator, _, _):
            [denominator]
        case let .allMet(pairs, _):
            // 符合条件的人员政策享受率: one rate over everyone eligible for any of the subsidies.
            pairs.map(\.eligible)
        case let .rateBands(_, denominators, _):
            denominators
        case .recordsComplete:
            // The registers are checked record by record, and every service and role model hangs off a person of
            // the survey register: without one there are no registers to find complete.
            [.registered]
        case .atLeast, .countDeduction, .checklist:
            []
        }
    }

    /// Why the item earns nothing (`无符合条件的人员：初期创业者为0，未计分`), or nil when its denominator has
    /// someone in it or the item has none.
    public static func reason(_ rule: Rule, facts f: ScoreFacts) -> String? {
        let base = measures(of: rule)
        guard !base.isEmpty, base.reduce(0, { $0.saturatingAdding(f[$1]) }) <= 0 else { return nil }
        return "无符合条件的人员：\(title(base))为0，未计分"
    }

    /// `初期创业者`, or `首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数` for several figures of one kind.
    static func title(_ base: [Measure]) -> String {
        guard base.count > 1 else { return base.first?.title ?? "" }
        let suffix = "符合条件"
        let titles = base.map(\.title)
        if titles.allSatisfy({ $0.hasSuffix(suffix) }) {
            return titles.map { $0.replacingSuffix(suffix) }.joined(separator: "、") + suffix + "人数"
        }
        return titles.joined(separator: "、") + "合计"
    }
}
