import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// ↑↓ on a code list puts an option in the field: the list's guess, not what the clerk typed. Typing on must go on
/// from what they typed (`yc` ↓ then `y` is `ycy`, 已创业), never be appended to the guess (`有创业意愿y`).
struct GuessTypedOverTests {
    /// The survey form at the 创业状态 field (the seventh).
    static func statusField() -> AppState {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")])
        for _ in 0..<6 { press(&state, [.tab]) }
        return state
    }

    @Test func typingAfterAWrongGuessGoesOnFromWhatWasTyped() throws {
        var state = Self.statusField()
        press(&state, type("yc") + [.down])
        #expect(state.form?.editor.text == "有创业意愿")
        press(&state, type("y"))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴",
            "",
            "                   *姓名 ✗",
            "           *公民身份号码 ✗",
            "               *文化程度 ✗",
            "               *户籍性质 ✗",
            "               *联系电话 ✗",
            "               *人员类别 ✗",
            "               *创业状态   ycy",
            "               *摸底日期   2024-12-31",
            "                    民族",
            "              现居住地址",
            "",
            "",
            "",
            "  输入代码、名称、开头几个字或拼音首字母；↑↓ 选择，Tab 确认",
            "  已创业",
            "",
            "",
            "",
            "",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
        press(&state, [.tab])
        #expect(state.form?.values["status"] == "已创业")
        #expect(state.form?.focus == "survey_date")
    }

    @Test func backspaceAndPasteAlsoActOnWhatWasTyped() {
        var state = Self.statusField()
        press(&state, type("yc") + [.down, .backspace])
        #expect(state.form?.editor.text == "y")
        press(&state, type("c") + [.down])
        _ = reduce(&state, .pasted("yyy"))
        #expect(state.form?.editor.text == "ycyyy")
        press(&state, [.tab])
        #expect(state.form?.values["status"] == "有创业意愿")
    }

    /// An option picked from the whole list is typed over, as a value the field already held is.
    @Test func anOptionPickedFromTheWholeListIsTypedOver() {
        var state = homeState(width: 80, height: 24)
        // (The first ↓ in the empty field takes the first option, 研究生; it had skipped to the second.)
        press(&state, [.character("1"), .tab, .tab, .down])
        #expect(state.form?.editor.text == Education.allCases.first?.rawValue)
        #expect(state.form?.editor.text == "研究生")
        press(&state, type("gz") + [.down, .down])
        #expect(state.form?.editor.text == Education.matches("gz").map(\.rawValue)[1])
        press(&state, [.backTab, .tab, .down] + type("dz") + [.tab])
        #expect(state.form?.values["education"] == "大学专科")
    }

    /// The service form's 服务类型: `cy` is 创业指导, 创业培训 or 创业孵化; ↓ guesses the first, `p` then names 创业培训.
    @Test func aServiceTypeGuessedWrongIsCorrectedByTypingOn() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")])
        for _ in 0..<2 { press(&state, [.tab]) }
        #expect(state.form?.focus == "service_type")
        press(&state, type("cy") + [.down])
        #expect(state.form?.editor.text == "创业指导")
        press(&state, type("p") + [.tab])
        #expect(state.form?.values["service_type"] == "创业培训")
    }
}
