/// The unified social credit code (统一社会信用代码, GB 32100-2015).
public enum CreditCode {
    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    public enum Check: Equatable, Sendable {
        case valid(String)
        /// Right shape, wrong check character: early pilot codes do this, so it is only a warning.
        case checksumMismatch(String, expected: Character)
        case malformed(String)
    }

    /// The check character for the first 17 characters, or nil if one is outside the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        var sum = 0
        var weight = 1
        for ch in first17 {
            guard let v = values[ch] else { return nil }
            sum += v * weight
            weight = weight * 3 % 31
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    public static func check(_ raw: String) -> Check {
        let text = Normalize.halfWidth(raw).filter { !$0.isWhitespace }.uppercased()
        guard text.count == 18 else {
            return .malformed("统一社会信用代码应为18位，现为\(text.count)位")
        }
        if let bad = text.first(where: { values[$0] == nil }) {
            return .malformed("统一社会信用代码含有不允许的字符“\(bad)”（不使用I、O、Z、S、V）")
        }
        guard let expected = checkCharacter(for: String(text.prefix(17))) else {
            return .malformed("统一社会信用代码格式不正确")
        }
        return text.last == expected ? .valid(text) : .checksumMismatch(text, expected: expected)
    }
}
