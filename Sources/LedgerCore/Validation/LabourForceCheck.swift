/// Warnings about a community's 城镇劳动者总数 that its range cannot catch: the participation rate's denominator,
/// a typo in it (32 for 3200) is a valid number that moves the score by 15 points. Warnings, not errors: a
/// reason may explain a real change (a community split, a corrected census figure).
public enum LabourForceCheck {
    /// A change by this factor or more, either way, is more likely a digit too many or too few than a new census.
    public static let suspiciousFactor = 10

    /// The figures of the community a labour force is checked against: the persons its survey register counts
    /// (the participants, the rate's numerator, are among them) and the labour force saved before (nil: none yet).
    public struct Figures: Sendable, Hashable {
        public let registered: Int
        public let saved: Int?

        public init(registered: Int, saved: Int?) {
            self.registered = registered
            self.saved = saved
        }
    }

    public static func warnings(_ labourForce: Int, _ figures: Figures) -> [Finding] {
        var found: [Finding] = []
        if labourForce < figures.registered {
            found.append(.warning("labour_force", "labour_force.below_registered",
                                  "城镇劳动者总数\(labourForce)少于本社区摸底登记的\(figures.registered)人，参与率可能超过100%，请核对"))
        }
        // Whole division: a / b >= 10 exactly when a >= 10 b, without a product that could overflow.
        if let saved = figures.saved, saved > 0, labourForce > 0,
           labourForce / saved >= suspiciousFactor || saved / labourForce >= suspiciousFactor {
            found.append(.warning("labour_force", "labour_force.tenfold",
                                  "城镇劳动者总数由\(saved)改为\(labourForce)，相差\(suspiciousFactor)倍以上，请核对是否多输或少输了数字"))
        }
        return found
    }
}
