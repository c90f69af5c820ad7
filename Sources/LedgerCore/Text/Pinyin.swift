import Foundation
import Synchronization

/// Pinyin initials for search (`zs` for 张三), computed through Foundation's transliteration.
///
/// Transliteration costs tens of microseconds, so each Han character is transliterated once per process and
/// cached; a name then costs a few dictionary look-ups. Polyphonic characters take their most common reading.
public enum Pinyin {
    /// Initial per character; `nil` is cached too (punctuation, characters without a reading).
    private static let cache = Mutex<[Character: Character?]>([:])

    /// Lower-case initials of each Han character; ASCII letters and digits are kept as they are, lower-cased.
    public static func initials(of text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count / 3 + 1)
        var missing: [Character] = []
        cache.withLock { cache in
            for ch in text {
                if ch.isASCII {
                    if ch.isLetter || ch.isNumber { result.append(Character(ch.lowercased())) }
                } else if let known = cache[ch] {
                    if let initial = known { result.append(initial) }
                } else {
                    missing.append(ch)
                }
            }
        }
        guard !missing.isEmpty else { return result }
        // Transliterate unseen characters once (outside the lock: it is slow), then compute again from the cache.
        let learned = missing.map { ($0, transliteratedInitial($0)) }
        cache.withLock { cache in for (ch, initial) in learned { cache[ch] = initial } }
        return initials(of: text)
    }

    private static func transliteratedInitial(_ ch: Character) -> Character? {
        let latin = String(ch).applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? ""
        guard let first = latin.first, first.isASCII, first.isLetter else { return nil }
        return first
    }
}
