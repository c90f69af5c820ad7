/// An exact fraction for thresholds and rates: 7% is 7/100, so 224 of 3200 meets it exactly.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "denominator must not be zero")
        // Int.min has no positive counterpart; no count or threshold comes near it, so it is nudged by one
        // rather than trapping in abs() or in the sign change.
        let numerator = numerator == .min ? .min + 1 : numerator
        let denominator = denominator == .min ? .min + 1 : denominator
        let sign = denominator < 0 ? -1 : 1
        let g = Rational.gcd(abs(numerator), abs(denominator))
        self.numerator = sign * numerator / max(g, 1)
        self.denominator = sign * denominator / max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// Parses `7%`, `0.3`, `3`, `2.5`; nil otherwise.
    public init?(text: String) {
        var t = text.trimmingSpaces()
        var scale = 1
        if t.hasSuffix("%") { t.removeLast(); scale = 100 }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count <= 9, let whole = Int(parts[0]) else { return nil }
        var num = whole, den = 1
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 6, let frac = Int(parts[1]) else { return nil }
            for _ in 0..<parts[1].count { den *= 10 }
            num = whole * den + frac
        }
        self.init(num, den * scale)
    }

    /// Compared by cross-multiplying in double width: facts come from outside (a labour force, sums over a
    /// district), and a product past Int.max trapped the score and the app at start.
    public static func < (a: Rational, b: Rational) -> Bool {
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    /// `7%` for fractions of 100, else `3` or `2.5`.
    public var percentText: String {
        let hundredths = Double(numerator) * 100 / Double(denominator)
        return Rational.format(hundredths) + "%"
    }

    public var description: String { Rational.format(Double(numerator) / Double(denominator)) }

    /// Up to two decimals, no trailing zeros.
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var s = String(format2: rounded)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

extension String {
    /// Two-decimal formatting without Foundation's locale machinery.
    public init(format2 value: Double) {
        let scaled = Int((abs(value) * 100).rounded())
        let sign = value < 0 ? "-" : ""
        let frac = scaled % 100
        self = "\(sign)\(scaled / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
