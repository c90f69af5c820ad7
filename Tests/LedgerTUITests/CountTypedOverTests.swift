import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// A count is typed over, as a spreadsheet cell is: correcting 带动就业人数 8 by typing 5 gives 5, not 85 (which every
/// check would pass); ← first edits the number instead; the 0 a field holds is replaced, not made 02.
struct CountTypedOverTests {
    func form(jobs: String) -> FormState {
        FormState(spec: FormSpecs.spec(.survey), today: Day(year: 2024, month: 12, day: 31)!,
                  values: ["status": "已创业", "jobs_created": jobs], focus: "jobs_created")
    }

    @Test func typingReplacesACountAndArrowsEditIt() {
        var f = form(jobs: "8")
        f.edit(.character("5"))
        #expect(f.editor.text == "5")
        f = form(jobs: "8")
        f.edit(.left)
        f.edit(.character("1"))
        #expect(f.editor.text == "18")
        f = form(jobs: "0")
        f.edit(.character("2"))
        #expect(f.editor.text == "2")
        // Free text is still edited where it stands
        var text = FormState(spec: FormSpecs.spec(.survey), today: Day(year: 2024, month: 12, day: 31)!,
                             values: ["project": "开餐馆"], focus: "project")
        text.edit(.character("等"))
        #expect(text.editor.text == "开餐馆等")
    }
}
