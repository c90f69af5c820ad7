/// A community (社区) or street (街道) profile: who is scored, over what period, against what labour force.
public struct Community: Sendable, Hashable {
    public enum Level: String, Sendable, CaseIterable {
        case community = "社区"
        case street = "街道"
    }

    public var code: String
    public var name: String
    public var street: String
    public var district: String
    public var level: Level
    /// 城镇劳动者总数: the participation-rate denominator.
    public var labourForce: Int
    public var period: Period
    /// Points awarded by hand for checklist items, by rubric item id.
    public var checklist: [String: Points]
    /// 负责人 and 联系电话: printed on the self-assessment (评分表) and the registers' 填报 line.
    public var leader: String?
    public var phone: String?

    public init(code: String, name: String, street: String, district: String, level: Level = .community,
                labourForce: Int, period: Period, checklist: [String: Points] = [:], leader: String? = nil, phone: String? = nil) {
        self.code = code
        self.name = name
        self.street = street
        self.district = district
        self.level = level
        self.labourForce = labourForce
        self.period = period
        self.checklist = checklist
        self.leader = leader
        self.phone = phone
    }
}

/// 考核期: an inclusive range of days.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public var start: Day
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// The calendar year containing `day`.
    public static func year(of day: Day) -> Period {
        Period(start: Day(year: day.year, month: 1, day: 1) ?? day, end: Day(year: day.year, month: 12, day: 31) ?? day)
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// `2024-01-01..2024-12-31`.
    public var description: String { "\(start)..\(end)" }

    /// Parses `2024-01-01..2024-12-31` (any date form on either side) or a bare year `2024`.
    public static func parse(_ raw: String) -> Period? {
        let text = Normalize.halfWidth(raw).trimmingSpaces()
        if text.count == 4, let y = Int(text), let start = Day(year: y, month: 1, day: 1) {
            return Period.year(of: start)
        }
        // A month: `2026-12`, `2026/12` or `2026年12月` (the browser's date filter).
        let month = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "").replacingOccurrences(of: "/", with: "-")
        let pieces = month.split(separator: "-", omittingEmptySubsequences: false)
        if pieces.count == 2, pieces[0].count == 4, (1...2).contains(pieces[1].count), let y = Int(pieces[0]), let m = Int(pieces[1]),
           let start = Day(year: y, month: m, day: 1), let end = Day(year: y, month: m, day: Day.daysIn(month: m, year: y)) {
            return Period(start: start, end: end)
        }
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let start = Day.parse(parts[0]), let end = Day.parse(parts[1]), start <= end else {
            return nil
        }
        return Period(start: start, end: end)
    }
}

extension Community {
    /// The profile as a save leaves it over `old`: a save writes the checklist answers it carries and keeps the
    /// others (no answer is removed by leaving it out), so the audit compares what is really stored.
    public func checklistKept(from old: Community?) -> Community {
        guard let old else { return self }
        var kept = self
        kept.checklist = old.checklist.merging(checklist) { _, new in new }
        return kept
    }
}
