/// A calendar date without time or time zone: what the registers record.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day if the components name a real date (1800–2999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1800...2999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic and ordering.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same calendar day `years` later; 29 February becomes 28 February in common years.
    public func adding(years: Int) -> Day {
        adding(months: years * 12)
    }

    /// The same day of the month `months` later, clamped to the month's last day.
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        let d = min(day, Day.daysIn(month: m, year: y))
        return Day(year: y, month: m, day: d) ?? self
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601 form, `2024-03-15`: how days are stored and exported.
    public var description: String {
        // Ten bytes written in place: every imported row stores two or more days, and three interpolations cost
        // ~1,400 instructions a day.
        guard (1000...9999).contains(year) else {
            let m = month < 10 ? "0\(month)" : "\(month)"
            let d = day < 10 ? "0\(day)" : "\(day)"
            return "\(year)-\(m)-\(d)"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, _ digits: Int, at start: Int) {
                var rest = value
                for i in stride(from: start + digits - 1, through: start, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            return 10
        }
    }

    /// Today's date in the process's local time zone.
    public static func today() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(ordinal: 0)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Day {
    /// Fast path for the stored and exported form `2024-03-15` (every import of an export goes through here).
    static func parseISO(_ utf8: String.UTF8View) -> Day? {
        guard utf8.count == 10 else { return nil }
        // The eight digits read as one number, yyyymmdd.
        var number = 0
        for (i, b) in utf8.enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
            } else {
                guard b >= 48, b <= 57 else { return nil }
                number = number * 10 + Int(b) - 48
            }
        }
        return Day(year: number / 10000, month: number / 100 % 100, day: number % 100)
    }

    /// Parses the forms clerks type: `2024-03-15`, `2024/3/15`, `2024.3.15`, `20240315`, `2024年3月15日`.
    /// Full-width digits are accepted. Returns nil when the text is not a real date.
    public static func parse(_ raw: String) -> Day? {
        if let day = parseISO(raw.utf8) { return day }
        let text = Normalize.halfWidth(raw).trimmingSpaces()
        guard !text.isEmpty else { return nil }
        var numbers: [Int] = []
        var current = ""
        for ch in text {
            if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else if "-/.年月日".contains(ch) {
                guard !current.isEmpty else { return nil }
                numbers.append(Int(current) ?? -1)
                current = ""
            } else {
                return nil
            }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? -1) }
        if numbers.count == 1 {
            let digits = String(numbers[0])
            guard digits.count == 8, text.count == 8 else { return nil }
            let v = numbers[0]
            return Day(year: v / 10000, month: v / 100 % 100, day: v % 100)
        }
        guard numbers.count == 3, String(numbers[0]).count == 4 else { return nil }
        if text.contains("年") && !(text.contains("月")) { return nil }
        return Day(year: numbers[0], month: numbers[1], day: numbers[2])
    }
}
