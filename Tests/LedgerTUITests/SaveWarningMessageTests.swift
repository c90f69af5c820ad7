import LedgerCore
@testable import LedgerTUI
import TerminalUI
import Testing

/// A warning that only the store could find (a service repeating an earlier one) is said when the record is saved,
/// whole, even at 80 columns.
struct SaveWarningMessageTests {
    @Test func aRepeatedServiceIsSaidOnTwoLinesAt80x24() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")])
        let warning = Finding.warning("service_date", "service.duplicate", "此人当天已有一条“创业指导”服务记录（第92号），可能重复登记")
        _ = reduce(&state, .recordSaved(kind: .service, summary: "曾桂霞 2024-12-06 创业指导", findings: [warning], keepForNext: true))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业服务记录",
            "",
            "               *服务对象",
            "               *服务日期   2024-12-31",
            "               *服务类型",
            "               *服务方式   窗口",
            "               *服务内容",
            "                服务结果",
            "                 *经办人   王芳",
            "                    备注",
            "",
            "",
            "",
            "",
            "",
            "  输入姓名、拼音首字母或身份证号末四位查找人员；↑↓ 选择，Tab 确认",
            "",
            "",
            "",
            "",
            " 已保存：曾桂霞 2024-12-06 创业指导。注意：此人当天已有一条“创业指导”服务记录",
            " （第92号），可能重复登记，可在数据检查（5）中处理",
            " Tab下一项 Shift-Tab上一项 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
    }

    @Test func aSaveWithoutNewWarningsSaysOnlySaved() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")])
        _ = reduce(&state, .recordSaved(kind: .service, summary: "曾桂霞 2024-12-06 创业指导", findings: [], keepForNext: true))
        #expect(state.message == "已保存：曾桂霞 2024-12-06 创业指导" && !state.messageIsError)
    }

    /// F3 keeps 服务日期, 服务方式 and 经办人 for the next service: a kept value other than a new form's is said, so a
    /// method carried over is not saved again unnoticed.
    @Test func aKeptValueOtherThanTheDefaultIsSaid() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")])
        if case .form(var form) = state.screen {
            form.values["method"] = "电话"
            state.screen = .form(form)
        }
        _ = reduce(&state, .recordSaved(kind: .service, summary: "曾桂霞 2024-12-06 创业指导", findings: [], keepForNext: true))
        #expect(state.message == "已保存：曾桂霞 2024-12-06 创业指导；下一条沿用 服务方式 电话")
        guard case .form(let next) = state.screen else { Issue.record("\(state.screen)"); return }
        #expect(next.values["method"] == "电话")
    }
}
