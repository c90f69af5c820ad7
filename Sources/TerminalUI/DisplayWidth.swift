/// How many terminal columns text occupies: the one function every layout uses (never `String.count`).
///
/// CJK ideographs, kana, hangul, full-width forms and most emoji take 2 columns; combining marks, zero-width
/// joiners and variation selectors take 0; control characters take 0; everything else 1. This matches what
/// xterm, tmux and the Linux console draw with a UTF-8 locale (wcwidth of glibc for these ranges).
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var total = 0
        for ch in text { total += of(ch) }
        return total
    }

    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // An emoji presentation selector makes a narrow symbol wide.
        if scalars.count > 1 && scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        return of(first)
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0xFE00...0xFE0F).contains(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
             0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
             0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
             0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E,
             0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
             0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4,
             0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
             0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
             0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `text` that fits in `columns`, and its width. A wide character that would cross
    /// the edge is left out (the caller pads with a space).
    public static func prefix(_ text: String, fitting columns: Int) -> (text: Substring, width: Int) {
        var width = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if width + w > columns { break }
            width += w
            end = text.index(after: index)
        }
        return (text[..<end], width)
    }

    /// `text` in lines of at most `columns` (at least one character each), at most `maxLines`; the last line
    /// ends in an ellipsis when text is left over. Chinese breaks between any two characters, but a line does not
    /// break inside a number, a date or a word written in Latin letters (`2026-12-07`, `0971-6123456`), nor begin
    /// with closing punctuation (`）`, `，`) nor end with opening punctuation (`（`), unless that run fills the line.
    public static func wrap(_ text: String, _ columns: Int, maxLines: Int) -> [String] {
        guard columns > 1, maxLines > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty && lines.count < maxLines {
            var cut = prefix(String(rest), fitting: columns)
            if cut.text.isEmpty { cut = (rest.prefix(1), of(rest.first!)) }
            if cut.text.count < rest.count {
                let kept = breakBefore(Array(rest.prefix(cut.text.count + 1)), at: cut.text.count)
                cut.text = rest.prefix(kept)
            }
            rest = rest.dropFirst(cut.text.count)
            if lines.count == maxLines - 1 && !rest.isEmpty {
                lines.append(fit(String(cut.text) + String(rest), columns).trimmingTrailingSpaces())
                return lines
            }
            lines.append(String(cut.text))
        }
        return lines
    }

    /// Where a line of `characters` (the line's and the next one's first) should end, at or before `at`: moved back
    /// past a run that must stay whole, unless the run is the whole line.
    private static func breakBefore(_ characters: [Character], at: Int) -> Int {
        var k = at
        while k > 0, staysWith(characters[k - 1], characters[k]) { k -= 1 }
        return k > 0 ? k : at
    }

    /// Whether no line may end between `a` and `b`.
    private static func staysWith(_ a: Character, _ b: Character) -> Bool {
        let closing: Set<Character> = ["）", ")", "】", "」", "』", "》", "。", "，", "、", "；", "：", "！", "？", "”", "’", ",", ".", ";", ":", "!", "?", "%"]
        let opening: Set<Character> = ["（", "(", "【", "「", "『", "《", "“", "‘"]
        if closing.contains(b) || opening.contains(a) { return true }
        return isWordPart(a) && isWordPart(b)
    }

    /// Characters of a number, a date, a code or a Latin word.
    private static func isWordPart(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        return (ascii >= 0x30 && ascii <= 0x39) || (ascii | 0x20 >= 0x61 && ascii | 0x20 <= 0x7A) || "-_./:@+*#".utf8.contains(ascii)
    }

    /// `text` cut or padded with spaces to exactly `columns`; an ellipsis marks a cut when `ellipsis` is set.
    public static func fit(_ text: String, _ columns: Int, ellipsis: Bool = true, alignRight: Bool = false) -> String {
        guard columns > 0 else { return "" }
        let width = of(text)
        if width <= columns {
            let pad = String(repeating: " ", count: columns - width)
            return alignRight ? pad + text : text + pad
        }
        let cut = ellipsis ? shortened(text, columns) : String(prefix(text, fitting: columns).text)
        return cut + String(repeating: " ", count: columns - of(cut))
    }

    /// `text` as one column of a table, `columns` cells wide with its last cell always blank, so that no value runs
    /// into the next column (`测试东关社区1`): padded, or cut with `…` (`fit`) to `columns - 1`.
    public static func column(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
        guard columns > 1 else { return String(repeating: " ", count: max(0, columns)) }
        return fit(text, columns - 1, alignRight: alignRight) + " "
    }

    /// `text` as it is when it fits in `columns`, else cut to fit with `…` as its last character: the one way text
    /// is cut (a cut is always marked, so a reader knows something is missing).
    public static func shortened(_ text: String, _ columns: Int) -> String {
        guard columns > 0 else { return "" }
        guard of(text) > columns else { return text }
        return String(prefix(text, fitting: columns - 1).text) + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
