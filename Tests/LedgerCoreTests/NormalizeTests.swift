import Testing
@testable import LedgerCore

/// Trimming and full-width folding read bytes first to skip the common case: on any text they must give what
/// the plain scalar-by-scalar definitions give.
struct NormalizeTests {
    static let pieces = ["a", "张", "𠀀", " ", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{0085}", "\n", "\t", "ｂ", "１", "、",
                         "ぁ", "\u{3400}", "é", "·", ""]

    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func trimmingMatchesTheScalarDefinition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = Self.randomText(&generator)
            let scalars = Array(text.unicodeScalars)
            let kept = scalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: kept)
            #expect(text.trimmingSpaces() == String(expected), "\(text.debugDescription)")
        }
    }

    @Test func halfWidthMatchesTheScalarDefinition() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = Self.randomText(&generator)
            var expected = String.UnicodeScalarView()
            for s in text.unicodeScalars {
                switch s.value {
                case 0xFF01...0xFF5E: expected.append(Unicode.Scalar(s.value - 0xFEE0)!)
                case 0x3000: expected.append(" ")
                default: expected.append(s)
                }
            }
            #expect(Normalize.halfWidth(text) == String(expected), "\(text.debugDescription)")
        }
    }
}
