/// A score in hundredths of a point, so 0.25-point deductions add up exactly.
public struct Points: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public init(_ whole: Int) { self.hundredths = whole * 100 }

    /// The largest score any text may give: a rubric totals 100 points, so anything beyond is a typing error, and a
    /// bound keeps `whole * 100` (and every sum of answers) far from overflow.
    public static let maxWholeFromText = 1_000

    /// Parses `2`, `1.5`, `0.25`; nil for anything finer than a hundredth, not a number, or above
    /// `maxWholeFromText` (a profile's `999999999999999999` crashed `init` by overflow).
    public init?(text: String) {
        let t = text.trimmingSpaces()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count <= 6, let whole = Int(parts[0]),
              (0...Self.maxWholeFromText).contains(whole) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy(\.isNumber), let v = Int(f) else { return nil }
            fraction = f.count == 1 ? v * 10 : v
        }
        self.hundredths = whole * 100 + fraction
    }

    public static let zero = Points(hundredths: 0)
    public static func + (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Points, b: Points) -> Points { Points(hundredths: a.hundredths - b.hundredths) }
    public static func < (a: Points, b: Points) -> Bool { a.hundredths < b.hundredths }

    /// `16`, `1.5`, `0.25`: no trailing zeros.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let v = abs(hundredths)
        let whole = v / 100, frac = v % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    public var asDouble: Double { Double(hundredths) / 100 }
}
