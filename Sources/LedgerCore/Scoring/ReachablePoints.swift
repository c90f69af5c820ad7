/// The points an item's rule can give: what a supervisor may set it to in the 初评 or the 市级考评. An
/// all-or-nothing item (15 or 0) cannot be given 7.5; an item scored in steps accepts only the steps. Derived from
/// the rule itself (the same kinds `ScoreEngine` scores), so the table is never restated.
extension RubricItem {
    /// Ascending, without repeats, every value within `0…max` (the engine clamps to that range too).
    public var reachablePoints: [Points] {
        var values: [Points] = [.zero, max]
        switch rule {
        case .rateThreshold, .atLeast:
            break
        case let .countDeduction(_, _, deduct), let .rateDeduction(_, _, _, deduct):
            values += Self.steps(from: max, down: deduct, times: nil)
        case let .allMet(pairs, deduct):
            values += Self.steps(from: max, down: deduct, times: pairs.count)
        case let .fullRateBands(_, _, bands):
            values += bands.map(\.points)
        case let .rateBands(_, _, bands):
            values += bands.map(\.points)
        case let .recordsComplete(warningsPoints):
            values.append(warningsPoints)
        case let .checklist(levels):
            values += levels.map(\.points)
        }
        return Set(values.map { Swift.min(Swift.max($0, .zero), max) }).sorted()
    }

    /// `max`, `max − deduct`, `max − 2·deduct` … while above zero (or `times` deductions at most).
    private static func steps(from max: Points, down deduct: Points, times: Int?) -> [Points] {
        guard deduct.hundredths > 0 else { return [] }
        let limit = Swift.min(times ?? Int.max, max.hundredths / deduct.hundredths + 1)
        return (0...limit).map { max - Points(hundredths: deduct.hundredths * $0) }
    }
}

extension Array where Element == Points {
    /// `0、7.5、15` (a refusal names them); a long list of steps is shortened in the middle.
    public var allowedText: String {
        let shown = count > 12 ? Array(prefix(5)) + Array(suffix(5)) : self
        let texts = shown.map(\.description)
        guard count > 12 else { return texts.joined(separator: "、") }
        return texts.prefix(5).joined(separator: "、") + "……" + texts.suffix(5).joined(separator: "、")
    }
}
