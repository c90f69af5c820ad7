/// The resident identity number (公民身份号码, GB 11643-1999).
public enum Gender: String, Sendable, Codable, CaseIterable {
    case male = "男"
    case female = "女"
}

public struct ResidentID: Sendable, Hashable {
    /// The normalised 18-character number (upper-case X).
    public let value: String
    public let birthDate: Day
    public let gender: Gender

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The ISO 7064 MOD 11-2 check character for the first 17 digits.
    public static func checkCharacter(for first17: [Int]) -> Character {
        var sum = 0
        for (digit, weight) in zip(first17, weights) { sum += digit * weight }
        return checkCharacters[sum % 11]
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case badLength(Int)
        case badCharacter
        case badBirthDate
        case futureBirthDate
        case checksum(expected: Character)
        /// The first two digits name no province of GB/T 2260 (00, 20, 39, 99 …).
        case badProvince(String)
    }

    public struct Parsed: Sendable {
        public let id: ResidentID
        /// Set when a 15-digit legacy number was upgraded to 18 digits.
        public let upgradedFrom: String?
    }

    /// Normalises (full-width digits, lower-case x, spaces) and checks a number; upgrades 15-digit numbers.
    public static func parse(_ raw: String, today: Day) -> Result<Parsed, Problem> {
        let text: String
        // Nearly every number arrives as 18 ASCII characters: skip the clean-up (this runs per imported row).
        if raw.utf8.count == 18, raw.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 88 || $0 == 120 }) {
            text = raw.utf8.last == 120 ? raw.uppercased() : raw
        } else {
            text = Normalize.halfWidth(raw).filter { !$0.isWhitespace }.uppercased()
        }
        if text.isEmpty { return .failure(.empty) }
        let chars = Array(text.utf8)
        switch chars.count {
        case 18:
            var sum = 0
            for i in 0..<17 {
                let c = chars[i]
                guard c >= 48, c <= 57 else { return .failure(.badCharacter) }
                sum += Int(c - 48) * weights[i]
            }
            let last = chars[17]
            guard (last >= 48 && last <= 57) || last == 88 else { return .failure(.badCharacter) }
            func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(chars[$1] - 48) } }
            guard let birth = Day(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
                return .failure(.badBirthDate)
            }
            if birth > today { return .failure(.futureBirthDate) }
            guard CountyCodes.isProvince(number(0..<2)) else { return .failure(.badProvince(String(text.prefix(2)))) }
            let expected = checkCharacters[sum % 11]
            guard Character(Unicode.Scalar(last)) == expected else { return .failure(.checksum(expected: expected)) }
            let gender: Gender = (chars[16] - 48) % 2 == 1 ? .male : .female
            return .success(Parsed(id: ResidentID(value: text, birthDate: birth, gender: gender), upgradedFrom: nil))
        case 15:
            var digits: [Int] = []
            for c in chars {
                guard c >= 48, c <= 57 else { return .failure(.badCharacter) }
                digits.append(Int(c) - 48)
            }
            // Legacy numbers omit the century ("19") and the check digit.
            let upgraded = Array(digits[0..<6]) + [1, 9] + Array(digits[6..<15])
            guard let birth = birthDate(upgraded[6...13]) else { return .failure(.badBirthDate) }
            if birth > today { return .failure(.futureBirthDate) }
            guard CountyCodes.isProvince(digits[0] * 10 + digits[1]) else { return .failure(.badProvince(String(text.prefix(2)))) }
            let check = checkCharacter(for: upgraded)
            let value = upgraded.map(String.init).joined() + String(check)
            let gender: Gender = upgraded[16] % 2 == 1 ? .male : .female
            return .success(Parsed(id: ResidentID(value: value, birthDate: birth, gender: gender), upgradedFrom: text))
        default:
            return .failure(.badLength(text.count))
        }
    }

    private static func birthDate(_ d: ArraySlice<Int>) -> Day? {
        let v = Array(d)
        let year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3]
        let month = v[4] * 10 + v[5]
        let day = v[6] * 10 + v[7]
        return Day(year: year, month: month, day: day)
    }

    /// The Chinese message for a problem, naming what is expected.
    public static func message(for problem: Problem) -> String {
        switch problem {
        case .empty: "请填写公民身份号码"
        case .badLength(let n): "公民身份号码应为18位（或15位旧号码），现为\(n)位"
        case .badCharacter: "公民身份号码前17位应为数字，最后一位为数字或X"
        case .badBirthDate: "公民身份号码中的出生日期（第7–14位）不是有效日期"
        case .futureBirthDate: "公民身份号码中的出生日期晚于今天"
        // Not the digit that would pass: a clerk told "应为1" changed the last digit and saved a wrong number that passes.
        case .checksum: "公民身份号码校验不符，请对照证件逐位核对"
        case .badProvince(let code): "公民身份号码前两位“\(code)”不是省级行政区划代码（应为11–15、21–23、31–37、41–46、50–54、61–65、71、81、82）"
        }
    }

    /// The county code (first six digits) of a normalised number, when the code table does not know it.
    public static func unknownCounty(_ value: String) -> String? {
        let prefix = value.utf8.prefix(6)
        guard prefix.count == 6, prefix.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let code = prefix.reduce(0) { $0 * 10 + Int($1 - 48) }
        return CountyCodes.isKnown(code) ? nil : String(value.prefix(6))
    }

    /// `630102********1234`: the first six and last four characters, for lists.
    public static func masked(_ value: String) -> String {
        guard value.count > 10 else { return value }
        return String(value.prefix(6)) + String(repeating: "*", count: value.count - 10) + String(value.suffix(4))
    }
}
