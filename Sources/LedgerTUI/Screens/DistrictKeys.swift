import LedgerCore
import TerminalUI

/// The district register's keys, in one table: F1 lists every key that does something on the register shown, and
/// the footer as many of them as fit the width (the least needed dropped first).
enum DistrictKeys {
    struct Entry {
        let key: String
        /// Short label for the footer.
        let short: String
        /// Sentence for F1.
        let help: String
        /// Place in the footer, lower kept longer; nil: F1 only.
        let footerRank: Int?
    }

    static func entries(_ b: BrowserState) -> [Entry] {
        let survey = b.register == .survey
        var list: [Entry] = [
            Entry(key: "↑↓", short: "选择", help: "选择一行；PgDn / PgUp 翻页，Home 第一页，End 本页末行", footerRank: 20),
            Entry(key: "Enter", short: "打开",
                  help: "打开所选记录：可修改的社区打开修改，保存后回到这里；无权修改的社区只读显示（号码遮盖）", footerRank: 0),
            Entry(key: "/", short: "搜索", help: "全区（或所选街道、社区）搜索人员：姓名、拼音首字母或身份证号开头、后四位，边输边查，按社区分组",
                  footerRank: 1),
            Entry(key: "h", short: "历史", help: "所选记录的修改记录（谁、何时、改了什么）", footerRank: 6),
            Entry(key: "j", short: "街道", help: "按街道筛选：全区 → 各街道 → 全区", footerRank: 2),
            Entry(key: "c", short: "社区", help: "按社区筛选：当前街道（或全区）的各社区 → 全部", footerRank: 3),
            Entry(key: "s", short: "排序", help: "依次按各列排序（姓名按拼音，全区统一排序）", footerRank: 4),
        ]
        if survey {
            list += [
                Entry(key: "f", short: "状态", help: "按创业状态筛选：有创业意愿 → 已创业 → 全部", footerRank: 5),
                Entry(key: "g", short: "类别", help: "按人员类别筛选，依次切换各类别，最后回到全部", footerRank: 7),
                Entry(key: "t", short: "培训", help: "按是否参加培训筛选：已培训 → 未培训 → 全部", footerRank: 8),
            ]
        }
        list += [
            Entry(key: "w", short: "日期", help: "按日期范围筛选（如 2024-01-01..2024-06-30、2024-03 或 2024）", footerRank: 9),
            Entry(key: "x", short: b.showDeleted ? "返回" : "已删", help: "只显示已删除的记录 / 再按一次返回（恢复在本社区的台账中按 r）",
                  footerRank: b.showDeleted ? 5 : 11),
            Entry(key: "p", short: "问题", help: "只显示有错误或未确认警告的记录 / 再按一次显示全部", footerRank: 10),
            Entry(key: "Tab", short: "换表", help: "切换台账：摸底台账 → 服务台账 → 工作台账（Shift-Tab 反向）", footerRank: survey ? 16 : 6),
            Entry(key: "Esc", short: "返回", help: "返回督导总览（q 同）", footerRank: nil),
        ]
        return list
    }

    /// The footer at a width: the entries kept by rank that fit, in the table's order, then F1.
    static func footer(_ b: BrowserState, width: Int) -> String {
        let all = entries(b)
        let help = "F1帮助"
        var room = width - 3 - DisplayWidth.of(help)
        var kept = Set<String>()
        for entry in all.filter({ $0.footerRank != nil }).sorted(by: { $0.footerRank! < $1.footerRank! }) {
            let needed = DisplayWidth.of(entry.key + entry.short) + 1
            guard needed <= room else { continue }
            room -= needed
            kept.insert(entry.key)
        }
        return (all.filter { kept.contains($0.key) }.map { $0.key + $0.short } + [help]).joined(separator: " ")
    }
}
