/// How far an item has come toward what its rule asks (0…1), for the gauges beside the score: the rate against its
/// threshold, a count against its target, the answers against the maximum. One definition for every screen.
public enum Progress {
    public static func of(_ item: RubricItem, facts f: ScoreFacts, checklist: [String: Points]) -> Double {
        func ratio(_ n: Int, _ d: Int) -> Double { d > 0 ? min(1, max(0, Double(n) / Double(d))) : 0 }
        // An item that scores nothing for want of anyone to count has come nowhere (a full gauge beside 0 points
        // would say the opposite).
        if EmptyBase.reason(item.rule, facts: f) != nil { return 0 }
        switch item.rule {
        case let .rateThreshold(numerator, denominator, threshold):
            guard f[denominator] > 0, threshold.numerator > 0 else { return 0 }
            // (n / d) / (p / q), in floating point only for drawing.
            return min(1, max(0, Double(f[numerator]) / Double(f[denominator]) * Double(threshold.denominator) / Double(threshold.numerator)))
        case let .atLeast(measure, minimum):
            return minimum > 0 ? ratio(f[measure], minimum) : 1
        case let .countDeduction(measure, target, _):
            return target > 0 ? ratio(f[measure], target) : 1
        case let .allMet(pairs, _):
            // Saturating: the figures may come from a file another program wrote.
            let eligible = pairs.reduce(0) { $0.saturatingAdding(max(0, f[$1.eligible])) }
            let received = pairs.reduce(0) { $0.saturatingAdding(min(max(0, f[$1.received]), max(0, f[$1.eligible]))) }
            return eligible > 0 ? ratio(received, eligible) : 1
        case let .fullRateBands(numerator, denominator, _), let .rateDeduction(numerator, denominator, _, _):
            return ratio(f[numerator], f[denominator])
        case let .rateBands(numerators, denominators, bands):
            let n = numerators.reduce(0) { $0.saturatingAdding(f[$1]) }, d = denominators.reduce(0) { $0.saturatingAdding(f[$1]) }
            guard d > 0, let top = bands.map(\.minimum).max(), top.numerator > 0 else { return 0 }
            return min(1, max(0, Double(n) / Double(d) * Double(top.denominator) / Double(top.numerator)))
        case .recordsComplete, .checklist:
            let scored = ScoreEngine.evaluate(item, facts: f, checklist: checklist)
            return item.max.hundredths > 0 ? Double(scored.points.hundredths) / Double(item.max.hundredths) : 1
        }
    }
}
