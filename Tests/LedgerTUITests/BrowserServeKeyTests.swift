import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// `n` on the survey register serves the selected person: a new service form with the person filled in, which
/// returns to the register; nothing on a deleted row or for a reader.
struct BrowserServeKeyTests {
    @Test func nOpensAServiceFormForTheSelectedPersonAndReturnsToTheRegister() {
        var state = homeState()
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三"), row(2, "李四", deleted: true)]))
        let effects = press(&state, [.character("n")])
        #expect(effects.contains(.lookUpIdNumber("630102199003070116")), "\(effects)")
        guard case .form(let form) = state.screen, case .browser = form.returnTo else { Issue.record("\(state.screen)"); return }
        #expect(form.spec.kind == .service && form.values["id_number"] == "630102199003070116")
        // After F3 (存并继续) the next form still returns to the register
        _ = reduce(&state, .recordSaved(kind: .service, summary: "张三 2024-12-31 政策咨询", findings: [], keepForNext: true))
        guard case .form(let next) = state.screen, case .browser = next.returnTo else { Issue.record("\(state.screen)"); return }
        // A deleted person is not served
        var other = homeState()
        press(&other, [.character("4")])
        _ = reduce(&other, .pageLoaded(.survey, [row(2, "李四", deleted: true)]))
        #expect(press(&other, [.character("n")]).isEmpty)
        guard case .browser = other.screen else { Issue.record("\(other.screen)"); return }
    }
}
