import Testing
@testable import LedgerTUI

/// What the terminal reads of a paste is as much as the focused line can take: a dialog's line and a search line
/// too. The backend had been told 0 whenever no form was focused, so a paste into a note, a reason or a search kept
/// its first character (or nothing), in a real terminal only (the reducer's tests passed whole strings).
@Suite struct PasteTargetTests {
    @Test func aDialogsLineAndASearchLineTakeAWholePaste() throws {
        var state = homeState()
        #expect(state.pasteLimit == 0)
        press(&state, [.character("e")])
        #expect(state.pasteLimit == 400)
        state.dialog = .quit
        #expect(state.pasteLimit == 0)
        state.dialog = nil

        press(&state, [.character("4"), .character("/")])
        #expect(state.pasteLimit == 30)
        let effects = reduce(&state, .pasted("张兰"))
        #expect(effects == [.searchRecords(register: .survey, community: "630102001", query: "张兰", limit: state.pageSize)])
        guard case .browser(let browser) = state.screen else { Issue.record("not browsing: \(state.screen)"); return }
        #expect(browser.search?.text == "张兰" && browser.query == "张兰")
        // Longer than the search line: cut, and said
        _ = reduce(&state, .pasted(String(repeating: "长", count: 40)))
        guard case .browser(let cut) = state.screen else { Issue.record("not browsing"); return }
        #expect(cut.query.count == 30 && state.message == "粘贴的内容过长：搜索最多30个字，超出的部分已舍去" && state.messageIsError)
    }
}
