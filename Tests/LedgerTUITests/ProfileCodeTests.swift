import LedgerCore
@testable import LedgerTUI
import TerminalUI
import Testing

/// The profile form edits the open community: its code names every record, so a changed code is refused instead
/// of saving a second, empty community beside it.
struct ProfileCodeTests {
    @Test func aChangedCodeIsRefusedAndNothingIsSaved() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("6")])
        // The code field is first: replace its text
        let effects = press(&state, Array(repeating: Key.backspace, count: 12) + type("630102003") + [.function(2)])
        #expect(!effects.contains { if case .saveCommunity = $0 { true } else { false } })
        #expect(state.message == "社区代码不能在档案中修改：请改回630102001后保存。新增社区请用 chuangye init")
        #expect(state.messageIsError)
        guard case .form = state.screen else { Issue.record("the form was left"); return }
    }

    @Test func theSameCodeSaves() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("6")])
        let effects = press(&state, [.function(2)])
        #expect(effects.contains { if case .saveCommunity(let c, _, _) = $0 { c.code == "630102001" } else { false } })
    }
}
