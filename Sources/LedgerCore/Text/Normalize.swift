/// Text clean-up shared by every field: what clerks paste from Word, Excel and input methods.
public enum Normalize {
    /// Full-width ASCII (ＡＢＣ１２３, full-width space) becomes half-width.
    public static func halfWidth(_ text: String) -> String {
        // U+FF01…U+FF5E are encoded EF BC 81…EF BD 9E and U+3000 E3 80 80: text without those lead bytes (nearly
        // all of it) is returned without decoding a scalar.
        guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }),
              text.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E || $0.value == 0x3000 })
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
        // Fast path: nothing to trim when both ends are visibly non-space, read from the lead bytes of the first
        // and last characters: printable ASCII, or a scalar from U+4000 on (lead byte E4 or more; every Unicode
        // space is ≤ U+3000).
        let utf8 = self.utf8
        guard let first = utf8.first else { return self }
        var lastLead = utf8.index(before: utf8.endIndex)
        while utf8[lastLead] & 0xC0 == 0x80 && lastLead > utf8.startIndex { lastLead = utf8.index(before: lastLead) }
        if String.isVisibleLead(first) && String.isVisibleLead(utf8[lastLead]) { return self }
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
           !String.mayBeSpace(first), !String.mayBeSpace(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(scalars[first...last])
    }

    private static func isVisibleLead(_ byte: UInt8) -> Bool { (byte > 0x20 && byte < 0x7F) || byte >= 0xE4 }

    private static func mayBeSpace(_ s: Unicode.Scalar) -> Bool {
        s.value <= 0x20 || (s.value >= 0x7F && s.value <= 0x3000 && s.properties.isWhitespace)
    }
}
