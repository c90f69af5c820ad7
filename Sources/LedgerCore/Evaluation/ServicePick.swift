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

/// A sampled service (drawn with a sampled person, or on its own): as it is now, and as the sample saw it.
public struct SampledService: Sendable, Hashable {
    public let id: Int64
    /// The date and type in the register now.
    public let date: String
    public let type: String
    /// The date and type the draw listed or, once checked, the supervisor checked (nil: drawn before these were
    /// kept, v20): the report says what was checked, and what the community corrected since.
    public let seenDate: String?
    public let seenType: String?
    /// Deleted from the register since (a person's sampled service; the record drawn on its own says it as the
    /// sample's `recordDeleted`).
    public let deleted: Bool

    public init(id: Int64, date: String, type: String, seenDate: String? = nil, seenType: String? = nil, deleted: Bool = false) {
        self.id = id
        self.date = date
        self.type = type
        self.seenDate = seenDate
        self.seenType = seenType
        self.deleted = deleted
    }

    /// `2024-04-01 创业指导`: as the sample saw it (where a narrow column has room for no more).
    public var asSeen: String { "\(seenDate ?? date) \(seenType ?? type)" }

    /// `服务 2024-04-01 创业指导`, as the sample saw it; a later correction follows it:
    /// `服务 2024-08-21 创业指导（现为 2024-09-21）`, and a deletion `服务 2024-08-21 创业指导（已删除）`.
    public var text: String {
        let now = [date == (seenDate ?? date) ? nil : date, type == (seenType ?? type) ? nil : type].compactMap { $0 }
        let since = (now.isEmpty ? [] : ["现为 \(now.joined(separator: " "))"]) + (deleted ? ["已删除"] : [])
        return "服务 \(asSeen)" + (since.isEmpty ? "" : "（\(since.joined(separator: "，"))）")
    }
}
