import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 15: F1 shows the keys of the screen it is pressed on; footers list only keys that work there.
struct HelpTests {
    /// Keys that reach a screen from home, and what that screen's help must say.
    struct Case: CustomTestStringConvertible, Sendable {
        let keys: [Key]
        let title: String
        let mentions: [String]
        var testDescription: String { title }
    }

    static let cases: [Case] = [
        Case(keys: [], title: "帮助：主菜单", mentions: ["新增摸底登记", "督导总览"]),
        Case(keys: [.character("1")], title: "帮助：创业摸底登记", mentions: ["F2 或 Ctrl-S", "Shift-Tab"]),
        Case(keys: [.character("4")], title: "帮助：浏览摸底台账", mentions: ["按创业状态筛选", "搜索"]),
        Case(keys: [.character("4"), .tab], title: "帮助：浏览服务台账", mentions: ["按日期范围筛选"]),
        Case(keys: [.character("4"), .character("h")], title: "帮助：修改记录", mentions: ["撤销自己的最后一次修改"]),
        Case(keys: [.character("5")], title: "帮助：数据检查", mentions: ["打开所选记录", "确认所选警告所在的整组警告"]),
        Case(keys: [.character("s")], title: "帮助：评分明细", mentions: ["列出此项相关的台账记录"]),
        Case(keys: [.character("o")], title: "帮助：督导总览", mentions: ["选择排序列", "进入所选社区"]),
    ]

    @Test(arguments: cases)
    func f1ShowsThisScreensKeysAndAnyOtherKeyReturns(_ c: Case) {
        var state = homeState(width: 80, height: 24)
        for key in c.keys {
            press(&state, [key])
            _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        }
        let before = render(state).lines
        press(&state, [.function(1)])
        guard case .help = state.screen else { Issue.record("F1 did not open help"); return }
        // Every line of the help (HelpScreens.swift); its title and the keys it must mention are in it.
        let expected = Self.screens[c.title] ?? []
        #expect(expected.count > 1 && expected[1].contains(c.title))
        for text in c.mentions { #expect(expected.contains { $0.contains(text) }, "\(text)") }
        expectScreen(render(state), expected)
        press(&state, [.character("z")])
        #expect(render(state).lines == before)
    }

    @Test func theSurveyBrowsersHelpListsEveryKeyOfTheBrowser() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4"), .function(1)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 帮助：浏览摸底台账 ─────────────────────────────────────────────────────────┐",
            "│ ↑↓            选择一行；PgDn / PgUp 翻页，Home 第一页，End 本页末行          │",
            "│ Enter         打开所选记录修改（保存时重新校验，并记入修改记录）             │",
            "│ /             搜索姓名、身份证号数字或拼音首字母，边输边查；Enter 完成       │",
            "│ h             所选记录的修改记录（谁、何时、改了什么）                       │",
            "│ n             为所选人员新增服务记录（服务对象已填好，保存后回到此列表）     │",
            "│ u             在 h 打开的修改记录中：撤销自己的最后一次修改                  │",
            "│ D             删除所选记录（须填写理由；删除后不计入台账和评分，可恢复）     │",
            "│ r             恢复所选的已删除记录（先按 x 显示已删除的记录）                │",
            "│ x             只显示已删除的记录 / 再按一次返回                              │",
            "│ p             只显示有错误或未确认警告的记录 / 再按一次显示全部              │",
            "│ s             依次按各列排序（姓名按拼音）                                   │",
            "│ f             按创业状态筛选：有创业意愿 → 已创业 → 全部                     │",
            "│ g             按人员类别筛选，依次切换各类别，最后回到全部                   │",
            "│ t             按是否参加培训筛选：已培训 → 未培训 → 全部                     │",
            "│ e             把本台账导出为Excel打印格式（.xlsx），文件已存在时先询问       │",
            "│ w             按日期范围筛选（如 2024-01-01..2024-06-30、2024-03 或 2024）   │",
            "│ Tab           切换台账：摸底台账 → 服务台账 → 工作台账（Shift-Tab 反向）     │",
            "│ Esc           返回主菜单（q 同）                                             │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " 按任意键返回",
        ])
    }

    @Test func theEvidenceListsHelpNamesTheNewServiceKey() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("s")])
        _ = reduce(&state, .evidenceLoaded(title: "每人2次以上创业服务", .survey, [row(4, "赵敏")]))
        press(&state, [.function(1)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 帮助：评分项的相关记录 ─────────────────────────────────────────────────────┐",
            "│ ↑↓            选择                                                           │",
            "│ Enter         打开所选记录修改                                               │",
            "│ n             为所选人员新增服务记录                                         │",
            "│ Esc           返回评分项                                                     │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " 按任意键返回",
        ])
    }

    @Test func longHelpScrollsAtTheSmallestSize() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1"), .function(1)])
        let first = render(state).trimmedLines
        press(&state, [.down])
        guard case .help(let h, _) = state.screen else { Issue.record("help closed"); return }
        // The survey form's help fits 19 rows at 80×24 once wrapped? Either it fits (offset stays 0) or it scrolls.
        #expect(h.offset == (HelpScreen.maxOffset(state, .form(state.newForm(.survey))) > 0 ? 1 : 0))
        #expect(render(state).trimmedLines.count == first.count)
    }

    @Test func footersListOnlyKeysThatWorkOnTheRegisterAndView() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            " （没有记录）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
        press(&state, [.tab])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "  摸底台账  [服务台账]  工作台账",
            "",
            " 编号 服务日期   姓名      公民身份号码       服务类型 方式     服务内容 问题",
            " （没有记录）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 w日期 Tab换表 F1帮助",
        ])
        // f g t do nothing on the service register.
        #expect(press(&state, [.character("f"), .character("g"), .character("t")]).isEmpty)
        // Among deleted rows: r restores, D and Enter do not apply.
        press(&state, [.character("x")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "  摸底台账  [服务台账]  工作台账   显示已删除",
            "",
            " 编号 服务日期   姓名      公民身份号码       服务类型 方式     服务内容 问题",
            " （没有已删除的记录，按 x 返回）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " /搜索 h历史 r恢复 x返回 p问题 s排序 w日期 Tab换表 F1帮助",
        ])
    }
}
