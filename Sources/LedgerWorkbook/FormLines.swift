import LedgerCore

/// The lines the official forms print around their tables, shared by every workbook.
enum FormLines {
    /// The reporting unit: 区县 街道 社区 (a street's own profile: 区县 街道).
    static func unit(_ community: Community) -> String {
        community.level == .street ? community.district + community.name
            : community.district + community.street + community.name
    }

    /// `填报单位：… 考核期：… 填表人：… 联系电话：… 填表日期：…` above a register.
    static func filing(community: Community, preparer: String, today: Day) -> String {
        let gap = "\u{3000}\u{3000}"
        return "填报单位：\(unit(community))" + gap
            + "考核期：\(community.period.start) 至 \(community.period.end)" + gap
            + "填表人：\(preparer)" + gap
            + "联系电话：\(community.phone ?? "")" + gap
            + "填表日期：\(today)"
    }

    /// The signature line under a register: who filled it in and who checked it, by hand on the printout.
    static let signature = "填表人（签字）：" + blank(12) + "审核人（签字）：" + blank(12) + "日期：" + blank(4) + "年" + blank(3) + "月" + blank(3) + "日"

    static func blank(_ n: Int) -> String { String(repeating: "\u{3000}", count: n) }
}
