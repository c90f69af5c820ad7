import LedgerCore
import Testing
@testable import LedgerTUI

/// Issue 18 item 15 at the terminal: a number typed into a free-text field is a warning the clerk sees.
struct FreeTextNumberTests {
    @Test func aMobileNumberTypedIntoTheAddressIsWarnedAboutInTheForm() throws {
        var state = homeState()
        press(&state, [.character("1")])
        var form = try #require(state.form)
        form.values["address"] = "八一路1号 妻子139-1234-5678"
        state.revalidate(&form)
        let finding = try #require(form.findings.first { $0.field == "address" && $0.code == "privacy.number_in_text" })
        #expect(finding.severity == .warning)
        form.values["address"] = "八一路1号"
        state.revalidate(&form)
        #expect(!form.findings.contains { $0.code == "privacy.number_in_text" })
    }
}
