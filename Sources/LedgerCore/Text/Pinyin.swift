import Foundation
import Synchronization

/// Pinyin initials for search (`zs` for 张三), computed through Foundation's transliteration.
///
/// Transliteration costs tens of microseconds, so each Han character is transliterated once per process and
/// cached; a name then costs a few dictionary look-ups. Polyphonic characters take their most common reading.
public enum Pinyin {
    private static let cache = Mutex<[Character: Character]>([:])

    /// Lower-case initials of each Han character; ASCII letters and digits are kept as they are, lower-cased.
    public static func initials(of text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for ch in text {
            if ch.isASCII {
                if ch.isLetter || ch.isNumber { result.append(Character(ch.lowercased())) }
                continue
            }
            if let initial = initial(of: ch) { result.append(initial) }
        }
        return result
    }

    private static func initial(of ch: Character) -> Character? {
        if let cached = cache.withLock({ $0[ch] }) { return cached }
        let latin = String(ch).applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
        guard let first = latin.first, first.isASCII, first.isLetter else { return nil }
        cache.withLock { $0[ch] = first }
        return first
    }
}
