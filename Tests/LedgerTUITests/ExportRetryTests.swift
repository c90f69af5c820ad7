import Testing
@testable import LedgerTUI

/// An export that cannot be written where the clerk said opens the file-name dialog again with the path as typed
/// (it had closed, and the typed path was lost).
@Suite struct ExportRetryTests {
    @Test func aFailedExportKeepsThePathTyped() throws {
        var state = homeState()
        #expect(press(&state, [.character("e")]).isEmpty)
        let typed = "/tmp/没有的目录/评分表.xlsx"
        _ = reduce(&state, .exportFailed(.score, path: typed, "目录 /tmp/没有的目录 不存在，请先建立或换一个位置"))
        guard case .exportFile(let kind, let path) = try #require(state.dialog) else {
            Issue.record("the file-name dialog is not open: \(String(describing: state.dialog))")
            return
        }
        #expect(kind == .score && path.text == typed)
        #expect(state.message == "目录 /tmp/没有的目录 不存在，请先建立或换一个位置" && state.messageIsError)
        // What is typed replaces the path, as the dialog says (直接输入即替换), and Enter sends it
        _ = press(&state, type("/tmp/评分表.xlsx"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: false)])
    }

    /// A path pasted into the dialog goes into its line (a paste was dropped while any dialog was open).
    @Test func aPathIsPastedIntoTheDialog() throws {
        var state = homeState()
        press(&state, [.character("e")])
        _ = reduce(&state, .pasted("/tmp/评估/评分表.xlsx"))
        guard case .exportFile(_, let path) = try #require(state.dialog) else { Issue.record("no dialog"); return }
        #expect(path.text == "/tmp/评估/评分表.xlsx" && !state.messageIsError)
        // Longer than the line takes: cut, and said
        _ = reduce(&state, .pasted(String(repeating: "长", count: 500)))
        guard case .exportFile(_, let cut) = try #require(state.dialog) else { Issue.record("no dialog"); return }
        #expect(cut.text.count == 400)
        #expect(state.message == "粘贴的内容过长：最多400个字，超出的部分已舍去，请核对" && state.messageIsError)
        // A question's dialog takes no paste
        state.dialog = .quit
        _ = reduce(&state, .pasted("y"))
        #expect(state.dialog == .quit)
    }
}
