import LedgerCore

/// The browser's keys, in one table: the footer and F1 list exactly the keys that do something on the register
/// and view shown (`f g t` filter fields only the survey register has; `r` works among deleted rows only), and for
/// an operator who may only read the community, none that would change it (as the home menu leaves out 1 2 3 6).
enum BrowserKeys {
    struct Entry {
        let key: String
        /// Short label for the footer.
        let short: String
        /// Sentence for F1.
        let help: String
        /// Shown in the footer (every entry is in F1's list).
        let inFooter: Bool
    }

    static func entries(_ b: BrowserState, readOnly: Bool) -> [Entry] {
        let survey = b.register == .survey
        let open = readOnly ? Entry(key: "Enter", short: "查看", help: "只读查看所选记录（号码遮盖）", inFooter: !b.showDeleted)
            : Entry(key: "Enter", short: "修改", help: "打开所选记录修改（保存时重新校验，并记入修改记录）", inFooter: !b.showDeleted)
        var list: [Entry] = [
            Entry(key: "↑↓", short: "选择", help: "选择一行；PgDn / PgUp 翻页，Home 第一页，End 本页末行", inFooter: false),
            open,
        ]
        // Search runs over every register: persons by name, ID digits (first or last) or pinyin initials; services
        // by their person and content; activities by person, title and type.
        let searchedBy = survey ? "姓名、身份证号数字或拼音首字母"
            : b.register == .service ? "服务对象的姓名、身份证号数字或拼音首字母，或服务内容" : "关联人员、名称或类型"
        list.append(Entry(key: "/", short: "搜索", help: "搜索\(searchedBy)，边输边查；Enter 完成", inFooter: true))
        list.append(Entry(key: "h", short: "历史", help: "所选记录的修改记录（谁、何时、改了什么）", inFooter: true))
        if !readOnly && survey {
            // (In F1's list only: the survey footer fills 80 columns already.)
            list.append(Entry(key: "n", short: "服务", help: "为所选人员新增服务记录（服务对象已填好，保存后回到此列表）",
                              inFooter: false))
        }
        if !readOnly {
            list += [
                Entry(key: "u", short: "撤销", help: "在 h 打开的修改记录中：撤销自己的最后一次修改", inFooter: false),
                Entry(key: "D", short: "删", help: "删除所选记录（须填写理由；删除后不计入台账和评分，可恢复）", inFooter: !b.showDeleted),
                Entry(key: "r", short: "恢复", help: "恢复所选的已删除记录（先按 x 显示已删除的记录）", inFooter: b.showDeleted),
            ]
        }
        list += [
            Entry(key: "x", short: b.showDeleted ? "返回" : "已删", help: "只显示已删除的记录 / 再按一次返回", inFooter: true),
            Entry(key: "p", short: "问题", help: "只显示有错误或未确认警告的记录 / 再按一次显示全部", inFooter: true),
            Entry(key: "s", short: "排序", help: "依次按各列排序（姓名按拼音）", inFooter: true),
        ]
        if survey {
            list += [
                Entry(key: "f", short: "状态", help: "按创业状态筛选：有创业意愿 → 已创业 → 全部", inFooter: true),
                Entry(key: "g", short: "类别", help: "按人员类别筛选，依次切换各类别，最后回到全部", inFooter: true),
                Entry(key: "t", short: "培训", help: "按是否参加培训筛选：已培训 → 未培训 → 全部", inFooter: true),
            ]
        }
        list += [
            Entry(key: "e", short: "导出", help: "把本台账导出为Excel打印格式（.xlsx），文件已存在时先询问", inFooter: false),
            Entry(key: "w", short: "日期", help: "按日期范围筛选（如 2024-01-01..2024-06-30、2024-03 或 2024）", inFooter: true),
            Entry(key: "Tab", short: "换表", help: "切换台账：摸底台账 → 服务台账 → 工作台账（Shift-Tab 反向）", inFooter: !survey),
            Entry(key: "Esc", short: "返回", help: "返回主菜单（q 同）", inFooter: false),
        ]
        return list
    }

    static func footer(_ b: BrowserState, readOnly: Bool) -> String {
        (entries(b, readOnly: readOnly).filter(\.inFooter).map { $0.key + $0.short } + ["F1帮助"]).joined(separator: " ")
    }
}
