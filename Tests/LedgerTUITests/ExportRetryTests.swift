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
        // Enter sends the corrected path again
        _ = press(&state, [.control("u")] + type("/tmp/评分表.xlsx"))
        #expect(press(&state, [.enter]) == [.exportWorkbook(.score, community: "630102001", path: "/tmp/评分表.xlsx", overwrite: false)])
    }
}
