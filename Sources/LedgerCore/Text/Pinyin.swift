/// Pinyin for search (`zs` for 张三) and for sorting names (`zhang san`), from a table of one toneless syllable
/// per Han character (U+3400–U+9FFF, generated once from ICU; see `PinyinTable.swift`).
///
/// A table instead of ICU at run time: a look-up costs nanoseconds, the first call in a process no longer loads
/// the transliterator (60 ms), and the result does not change with the ICU version installed. Polyphonic
/// characters take their most common reading here (persons' names: `PinyinNames.swift`); characters outside the
/// table have no pinyin.
public enum Pinyin {
    /// The table parsed into one buffer of syllable bytes and the offset of each scalar's syllable.
    struct Table: Sendable {
        let bytes: [UInt8]
        /// `offsets[i] ..< offsets[i + 1]` is the syllable of scalar `tableStart + i`; empty when it has none.
        let offsets: [Int32]

        init(_ text: String) {
            var bytes: [UInt8] = []
            var offsets: [Int32] = [0]
            bytes.reserveCapacity(text.utf8.count)
            for b in text.utf8 {
                switch b {
                case 0x20, 0x0A: offsets.append(Int32(bytes.count)) // a separator ends an entry
                case 0x2D: break // `-`: an entry without a reading
                default: bytes.append(b)
                }
            }
            offsets.append(Int32(bytes.count))
            self.bytes = bytes
            self.offsets = offsets
        }

        func syllable(_ value: UInt32) -> ArraySlice<UInt8>? {
            guard value >= tableStart else { return nil }
            let i = Int(value - tableStart)
            guard i + 1 < offsets.count else { return nil }
            let range = Int(offsets[i])..<Int(offsets[i + 1])
            return range.isEmpty ? nil : bytes[range]
        }
    }

    static let table = Table(tableText)

    /// Parses the table before the first frame so no keystroke pays for it (about a millisecond).
    public static func warmUp() {
        _ = table.offsets.count
    }

    /// Lower-case initials of each Han character; ASCII letters and digits are kept as they are, lower-cased.
    public static func initials(of text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count / 3 + 1)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if let b = asciiKept(UInt8(v)) { result.append(b) }
            } else if let syllable = table.syllable(v) {
                result.append(syllable.first!)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The name spelled in toneless pinyin, one syllable per Han character separated by spaces (`zhang san`);
    /// ASCII letters and digits kept lower-cased, other characters dropped. Sorting by it orders names as a
    /// Chinese reader expects (by sound), which code-point order does not.
    public static func spelled(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count * 2)
        var lastWasSyllable = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                guard let b = asciiKept(UInt8(v)) else { continue }
                if lastWasSyllable { result.append(0x20) }
                result.append(b)
                lastWasSyllable = false
            } else if let syllable = table.syllable(v) {
                if !result.isEmpty { result.append(0x20) }
                result.append(contentsOf: syllable)
                lastWasSyllable = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// ASCII letters (lower-cased) and digits; nil for anything else.
    private static func asciiKept(_ b: UInt8) -> UInt8? {
        if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { return b }
        if b >= 0x41 && b <= 0x5A { return b + 0x20 }
        return nil
    }
}
