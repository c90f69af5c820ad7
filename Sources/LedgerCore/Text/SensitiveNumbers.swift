/// ID numbers and mobile numbers typed into free text (备注, 现居住地址, 服务内容 …): clerks paste them there out of
/// habit, where `--mask` did not reach them. Found to mask them in exports and to warn at entry.
///
/// Patterns: a run of exactly 15 digits or 18 characters (17 digits and a digit or X) is an ID number; 11 digits
/// starting 1[3-9], alone or after 86 / +86, or written 3-4-4 with spaces or hyphens, is a mobile number. A run
/// is maximal: digits that continue it (a longer account number) make it something else. Full-width digits count.
public enum SensitiveNumbers {
    /// Free-text fields of the registers: where a personal number does not belong.
    public static let freeTextKeys: Set<String> = ["address", "project", "remarks", "entity_name", "content", "title",
                                                   "story", "target", "evidence"]

    public enum Kind: Sendable, Equatable {
        case idNumber
        case mobile
    }

    /// Whether the text holds an ID or mobile number pattern.
    public static func contains(_ text: String) -> Bool {
        mayContain(text) && !matches(in: Array(text)).isEmpty
    }

    /// The text with every ID number masked like `630102********1234` and every mobile number like
    /// `139****5678`; unchanged when it holds none.
    public static func masked(_ text: String) -> String {
        guard mayContain(text) else { return text }
        var characters = Array(text)
        let found = matches(in: characters)
        guard !found.isEmpty else { return text }
        for match in found {
            let digits = match.range.filter { isDigit(characters[$0]) || characters[$0] == "X" || characters[$0] == "x" }
            let (keepStart, keepEnd) = match.kind == .idNumber ? (6, 4) : (digits.count - 8, 4)
            for (n, index) in digits.enumerated() where n >= keepStart && n < digits.count - keepEnd {
                characters[index] = "*"
            }
        }
        return String(characters)
    }

    /// A cheap look at the bytes: fewer than 11 digits in all cannot hold a pattern (most remarks).
    static func mayContain(_ text: String) -> Bool {
        var digits = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            // ASCII digits, and full-width ０–９ (EF BC 90–99).
            if (byte >= 0x30 && byte <= 0x39) || (previous == (0xEF, 0xBC) && byte >= 0x90 && byte <= 0x99) {
                digits += 1
                if digits >= 11 { return true }
            }
            previous = (previous.1, byte)
        }
        return false
    }

    struct Match: Equatable {
        let range: Range<Int>
        let kind: Kind
    }

    static func isDigit(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
        return ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
    }

    static func digitValue(_ c: Character) -> Int? {
        guard let scalar = c.unicodeScalars.first, isDigit(c) else { return nil }
        return scalar.value >= 0xFF10 ? Int(scalar.value - 0xFF10) : Int(scalar.value - 0x30)
    }

    /// Every pattern in the characters, left to right, not overlapping.
    static func matches(in characters: [Character]) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < characters.count {
            guard isDigit(characters[i]) else { i += 1; continue }
            // A maximal run of digits, with a final X/x (an ID number's check character).
            var end = i
            while end < characters.count, isDigit(characters[end]) { end += 1 }
            if end - i == 17, end < characters.count, characters[end] == "X" || characters[end] == "x",
               !(end + 1 < characters.count && characters[end + 1].isLetter && characters[end + 1].isASCII) {
                end += 1
            }
            let run = i..<end
            let digits = characters[run].compactMap(digitValue)
            let precededByPlus = i > 0 && (characters[i - 1] == "+" || characters[i - 1] == "＋")
            if run.count == 15 || run.count == 18 {
                found.append(Match(range: run, kind: .idNumber))
            } else if isMobile(digits) || (digits.count == 13 && digits.starts(with: [8, 6]) && isMobile(Array(digits.dropFirst(2)))) {
                found.append(Match(range: precededByPlus ? (i - 1)..<end : run, kind: .mobile))
            } else if digits.count == 3, digits[0] == 1, (3...9).contains(digits[1]), let spaced = spacedMobile(characters, from: i) {
                found.append(Match(range: spaced, kind: .mobile))
                i = spaced.upperBound
                continue
            }
            i = end
        }
        return found
    }

    static func isMobile(_ digits: [Int]) -> Bool {
        digits.count == 11 && digits[0] == 1 && (3...9).contains(digits[1])
    }

    /// `139 1234 5678` or `139-1234-5678` starting at `start`: the range, when exactly that follows.
    static func spacedMobile(_ characters: [Character], from start: Int) -> Range<Int>? {
        var at = start + 3
        for group in [4, 4] {
            guard at < characters.count, characters[at] == " " || characters[at] == "-" else { return nil }
            at += 1
            for _ in 0..<group {
                guard at < characters.count, isDigit(characters[at]) else { return nil }
                at += 1
            }
        }
        guard at == characters.count || !isDigit(characters[at]) else { return nil }
        return start..<at
    }
}
