import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The `e` key: a file name suggested under the documents folder, never replacing a file without a `y`.
struct ExportTests {
    @Test func browserExportsItsRegisterUnderTheDocumentsFolder() {
        var state = homeState()
        state.documentsFolder = "/home/wang/文档"
        press(&state, [.character("4"), .character("e")])
        guard case .exportFile(.register(.survey), let editor)? = state.dialog else { Issue.record("\(String(describing: state.dialog))"); return }
        #expect(editor.text == "/home/wang/文档/八一路社区创业摸底统计台账-2024-12-31.xlsx")
        let effects = press(&state, [.enter])
        #expect(effects == [.exportWorkbook(.register(.survey), community: "630102001",
                                            path: "/home/wang/文档/八一路社区创业摸底统计台账-2024-12-31.xlsx", overwrite: false)])
        #expect(state.dialog == nil)
        // A bare name goes into the documents folder (where the suggestion pointed), not the app's start folder.
        press(&state, [.character("e"), .control("u")] + type("三月份"))
        // (or into the folder of that name, if it is one: the app that exports looks)
        #expect(press(&state, [.enter]) == [.exportWorkbook(.register(.survey), community: "630102001",
                                                              path: "/home/wang/文档/三月份.xlsx", overwrite: false,
                                                              intoFolder: "/home/wang/文档/三月份/八一路社区创业摸底统计台账-2024-12-31.xlsx")])
        // A name ending in / is a folder: the suggested file name goes into it
        press(&state, [.character("e"), .control("u")] + type("/tmp/导出/"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.register(.survey), community: "630102001",
                                                              path: "/tmp/导出/八一路社区创业摸底统计台账-2024-12-31.xlsx", overwrite: false)])
    }

    /// The workbook is the whole register: with a filter on, the dialog says so.
    @Test func aFilteredBrowserSaysTheWholeRegisterIsExported() {
        var state = homeState()
        press(&state, [.character("4"), .character("e")])
        #expect(!render(state).trimmedLines.contains { $0.contains("不按当前筛选") })
        press(&state, [.escape, .character("f"), .character("e")])
        #expect(render(state).trimmedLines.contains { $0.contains("导出创业摸底统计台账（整本台账，不按当前筛选）（Excel打印格式）到文件：") })
    }

    @Test func homeExportsTheScoreSheetAndAsksBeforeReplacingAFile() {
        var state = homeState()
        press(&state, [.character("e")])
        guard case .exportFile(.score, _)? = state.dialog else { Issue.record("\(String(describing: state.dialog))"); return }
        press(&state, [.control("u")] + type("/tmp/评分表.csv"))
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message == "文件名应以 .xlsx 结尾")
        // A name without an extension is given .xlsx.
        press(&state, [.control("u")] + type("/tmp/评分表"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: false,
                                                              intoFolder: "/tmp/评分表/八一路社区自评评分表-2024-12-31.xlsx")])
        press(&state, [.character("e"), .control("u")] + type("/tmp/评分表.xlsx"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: false)])

        // The file exists: nothing is written until the clerk says y; any other key leaves it alone.
        _ = reduce(&state, .exportNeedsConfirmation(.score, path: "/tmp/评分表.xlsx"))
        #expect(state.dialog == .confirmOverwrite(.score, path: "/tmp/评分表.xlsx"))
        #expect(press(&state, [.character("n")]).isEmpty)
        #expect(state.dialog == nil && state.message == "未导出：文件已存在，未覆盖")
        _ = reduce(&state, .exportNeedsConfirmation(.score, path: "/tmp/评分表.xlsx"))
        #expect(press(&state, [.character("y")]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: true)])
        _ = reduce(&state, .exported("已导出自评评分表（41/100分）到 /tmp/评分表.xlsx", file: "/tmp/评分表.xlsx"))
        #expect(state.message == "已导出自评评分表（41/100分）到 /tmp/评分表.xlsx")
        // The next export is suggested in the folder this one went to.
        press(&state, [.character("e")])
        guard case .exportFile(.score, let suggested) = state.dialog else { Issue.record("\(String(describing: state.dialog))"); return }
        #expect(suggested.text == "/tmp/" + state.suggestedExportName(.score))
    }

    /// The suggested path sits under the question and is typed over; where a bare name goes is said.
    @Test func typingReplacesTheSuggestionAndTheDialogSaysWhereABareNameGoes() {
        var state = homeState(width: 80, height: 24)
        state.documentsFolder = "/home/wang/文档"
        press(&state, [.character("4"), .character("e")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " [摸底台账]  服务台账   工作台账",
            "",
            " 编号 姓名            公民身份号码       性别 创业状态   摸底日期   培训 问题",
            " （没有记录）",
            "",
            "",
            "",
            "        ┌─ 导出Excel ─────────────────────────────────────────────────┐",
            "        │ 导出创业摸底统计台账（Excel打印格式）到文件：               │",
            "        │ /home/wang/文档/八一路社区创业摸底统计台账-2024-12-31.xlsx  │",
            "        │                                                             │",
            "        │ 直接输入即替换；只写文件名时存到 /home/wang/文档            │",
            "        │ 写文件夹名则存入该文件夹                                    │",
            "        │ Enter 导出    Esc 取消                                      │",
            "        └─────────────────────────────────────────────────────────────┘",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter修改 /搜索 h历史 D删 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助",
        ])
        #expect(press(&state, type("四月") + [.enter]) == [.exportWorkbook(.register(.survey), community: "630102001",
                                                                        path: "/home/wang/文档/四月.xlsx", overwrite: false,
                                                                        intoFolder: "/home/wang/文档/四月/八一路社区创业摸底统计台账-2024-12-31.xlsx")])
    }

    @Test func escapeCancels() {
        var state = homeState()
        press(&state, [.character("e")])
        #expect(press(&state, [.escape]).isEmpty)
        #expect(state.dialog == nil)
    }
}
