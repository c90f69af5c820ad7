/// Which of a sampled person's services is checked with them: one of the `count` services of the period (in id
/// order), chosen from the draw's seed and the person's place in the list. Each person has a stream of their own,
/// so the persons drawn never depend on the services, and the same seed over the same registers picks the same
/// services anywhere. Frozen like the draw: changing it changes what a stored seed shows.
public enum ServicePick {
    public static func index(count: Int, seed: UInt64, position: Int) -> Int? {
        guard count > 0 else { return nil }
        // The golden-ratio step SplitMix64 itself uses, so that neighbouring positions start far apart.
        var generator = SplitMix64(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(position)))
        return Int(generator.below(UInt64(count)))
    }
}

/// The service drawn with a sampled person: checked together with the person's record.
public struct SampledService: Sendable, Hashable {
    public let id: Int64
    public let date: String
    public let type: String

    public init(id: Int64, date: String, type: String) {
        self.id = id
        self.date = date
        self.type = type
    }

    /// `服务 2024-04-01 创业指导`.
    public var text: String { "服务 \(date) \(type)" }
}
