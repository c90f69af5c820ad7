import Foundation
import Synchronization

/// Pinyin initials for search (`zs` for 张三), computed through Foundation's transliteration.
///
/// Transliteration costs tens of microseconds, so each Han character is transliterated once per process and
/// cached; a name then costs a few dictionary look-ups. Polyphonic characters take their most common reading.
public enum Pinyin {
    /// Initial per Han scalar (U+3400–U+9FFF), filled as characters are first seen: 0 = not yet known,
    /// 1 = no initial, else the ASCII letter. Other characters are transliterated each time (rare in names).
    private static let table = Mutex<[UInt8]>([UInt8](repeating: 0, count: 0xA000 - 0x3400))

    /// Loads the transliterator (about 60 ms the first time in a process) so no keystroke pays for it.
    public static func warmUp() {
        _ = transliteratedInitial("创")
    }

    /// Lower-case initials of each Han character; ASCII letters and digits are kept as they are, lower-cased.
    public static func initials(of text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count / 3 + 1)
        var missing: [Unicode.Scalar] = []
        table.withLock { table in
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    let b = UInt8(v)
                    if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { result.append(b) }
                    else if b >= 0x41 && b <= 0x5A { result.append(b + 0x20) }
                } else if v >= 0x3400 && v < 0xA000 {
                    let known = table[Int(v - 0x3400)]
                    if known == 0 { missing.append(scalar) } else if known > 1 { result.append(known) }
                } else if let initial = transliteratedInitial(scalar) {
                    result.append(initial)
                }
            }
        }
        guard !missing.isEmpty else { return String(decoding: result, as: UTF8.self) }
        // Transliterate unseen characters once (outside the lock: it is slow), then compute again from the table.
        let learned = missing.map { ($0, transliteratedInitial($0) ?? 1) }
        table.withLock { table in for (scalar, initial) in learned { table[Int(scalar.value - 0x3400)] = initial } }
        return initials(of: text)
    }

    private static func transliteratedInitial(_ scalar: Unicode.Scalar) -> UInt8? {
        let latin = String(scalar).applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
        guard let first = latin.utf8.first, first >= 0x61, first <= 0x7A else { return nil }
        return first
    }
}
