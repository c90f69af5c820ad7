import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// A value stored as its code (行业门类 `H`) reads as the new-record form shows it, `H 住宿和餐饮业`, wherever a
/// person reads it: the correction form, the history, the read-only record.
struct CodeDisplayTests {
    @Test(arguments: [("H", "H 住宿和餐饮业"), ("住宿和餐饮业", "H 住宿和餐饮业"), ("X", "X"), ("", "")])
    func aStoredCodeReadsAsCodeAndName(stored: String, shown: String) {
        let field = FormSpecs.spec(.survey).field("industry")!
        #expect(field.shown(stored) == shown)
    }

    @Test func theCorrectionFormShowsTheCodeWithItsName() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 5, version: 1, originalFields: LockedRecordTests.fields),
                                         accepted: [:], focus: nil))
        press(&state, [.pageDown])
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("行业门类") && $0.contains("H 住宿和餐饮业") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func theHistoryShowsTheCodesWithTheirNames() {
        let history = HistoryState(register: .survey, id: 5, readOnly: false, lines: [
            HistoryLine(at: "2024-12-31T10:00:00", operatorName: "王芳", action: "update", changes: [("industry", "F", "H"), ("name", "张山", "张三")]),
        ], returnTo: BrowserState(register: .survey))
        #expect(HistoryScreen.lines(history, width: 76).map(\.0) == [
            "2024-12-31 10:00  王芳  修改",
            "    行业门类：F 批发和零售业 → H 住宿和餐饮业",
            "    姓名：张山 → 张三",
        ])
    }

    /// A deletion time in a change made outside the app (`直接改库`) reads as every time shown, not as stored.
    @Test func aDeletionTimeInTheHistoryReadsAsTimesAreShown() {
        #expect(AuditWording.change(field: "deleted_at", old: nil, new: "2026-12-07T03:05:41", register: .survey)
                == "（空） → 2026-12-07 03:05")
    }
}
