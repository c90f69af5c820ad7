/// Text clean-up shared by every field: what clerks paste from Word, Excel and input methods.
public enum Normalize {
    /// Full-width ASCII (ＡＢＣ１２３, full-width space) becomes half-width.
    public static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E || $0.value == 0x3000 })
        else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trimmed text (full-width spaces included); nil when nothing is left. Chinese punctuation in free text is
    /// kept as typed: only the parsers of codes, numbers and dates convert full-width forms.
    public static func optional(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmingSpaces()
        return text.isEmpty ? nil : text
    }
}

extension String {
    /// Removes leading and trailing whitespace, including full-width spaces and line breaks.
    public func trimmingSpaces() -> String {
        // Fast path: nothing to trim when both ends are visibly non-space (every Unicode space is ≤ U+3000).
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
           !String.mayBeSpace(first), !String.mayBeSpace(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(scalars[first...last])
    }

    private static func mayBeSpace(_ s: Unicode.Scalar) -> Bool {
        s.value <= 0x20 || (s.value >= 0x7F && s.value <= 0x3000 && s.properties.isWhitespace)
    }
}
