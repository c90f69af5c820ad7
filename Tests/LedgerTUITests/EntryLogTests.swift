import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The entry log behind the operator statistics: forms opened, the errors they showed, saved or abandoned.
struct EntryLogTests {
    func event(_ outcome: EntryEvent.Outcome, _ opened: String, _ closed: String, errors: Int, id: Int64? = nil) -> EntryEvent {
        EntryEvent(register: .survey, community: "630102001", recordId: id, outcome: outcome, openedAt: opened, closedAt: closed,
                   errorsShown: errors)
    }

    @Test func aFormSavedWithF3EndsSavedWithItsErrorsAndTheNextFormEndsAbandonedOnEsc() {
        var state = homeState()
        #expect(state.entryLog.stamp(now: "2024-03-15T09:00:00").isEmpty)
        press(&state, [.character("1")])
        #expect(state.entryLog.stamp(now: "2024-03-15T09:00:01").isEmpty)
        // Help opened from the form and closed again leaves the form open
        press(&state, [.function(1)])
        guard case .help = state.screen else { Issue.record("expected help"); return }
        press(&state, [.escape])
        #expect(state.form != nil)
        #expect(state.entryLog.stamp(now: "2024-03-15T09:00:02").isEmpty)
        // A wrong number is shown as an error when its field is left, 文化程度 when it is left empty going back;
        // the number's error shown again counts once
        press(&state, type("刘一") + [.tab] + type("123") + [.tab, .backTab, .tab])
        #expect(state.form?.state(of: "id_number") == .error)
        #expect(state.entryLog.open?.errors == ["id_number|id.length", "education|required"])
        _ = reduce(&state, .recordSaved(kind: .survey, summary: "刘一", findings: [], keepForNext: true))
        #expect(state.entryLog.stamp(now: "2024-03-15T09:02:30") == [event(.saved, "2024-03-15T09:00:01", "2024-03-15T09:02:30", errors: 2)])
        // F3 left a fresh form open, opened at that turn; Esc leaves it unsaved
        press(&state, [.escape])
        #expect(state.form == nil)
        #expect(state.entryLog.stamp(now: "2024-03-15T09:03:00") == [event(.abandoned, "2024-03-15T09:02:30", "2024-03-15T09:03:00", errors: 0)])
        #expect(state.entryLog.stamp(now: "2024-03-15T09:04:00").isEmpty)
    }

    @Test func aCorrectionEndsSavedWithTheRecordsIdAndARefusedSaveCountsItsErrors() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        let editing = EditingRecord(register: .survey, id: 1, version: 3, originalFields: row(1, "张三").fields.merging(
            ["education": "大学专科", "hukou": "城镇", "categories": "其他"]) { a, _ in a })
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: "phone"))
        #expect(state.entryLog.stamp(now: "2024-03-15T10:00:00").isEmpty)
        // The store refuses the save with two errors: both were shown before the record could be saved
        _ = reduce(&state, .recordRefused(findings: [
            Finding(field: "phone", severity: .error, code: "phone.format", message: "电话号码格式不对"),
            Finding(field: "name", severity: .error, code: "name.required", message: "姓名必填"),
        ]))
        _ = reduce(&state, .recordSaved(kind: .survey, summary: "张三", findings: [], keepForNext: false))
        guard case .browser = state.screen else { Issue.record("expected the browser"); return }
        #expect(state.entryLog.stamp(now: "2024-03-15T10:00:40") == [event(.saved, "2024-03-15T10:00:00", "2024-03-15T10:00:40", errors: 2, id: 1)])
    }
}
