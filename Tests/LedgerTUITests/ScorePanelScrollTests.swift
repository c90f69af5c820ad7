import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 14: a change in the score is never out of sight, even when the items do not all fit.
struct ScorePanelScrollTests {
    @Test func whenChangedItemsNeedTwoLinesThePanelScrollsToTheFirstChange() throws {
        let rubric = try #require(rubrics().first { $0.id == "xining-community" })
        var saved = ScoreFacts()
        saved[.labourForce] = 40
        saved[.registered] = 4
        saved[.errorRecords] = 1
        var preview = saved
        preview[.errorRecords] = 0   // correcting the last error changes 台账资料完备, the last item
        preview[.participants] = 3   // and 劳动者创业参与率 (its title and "0→15 (+15)" need two lines)
        let cards = (ScoreEngine.evaluate(rubric, facts: saved, checklist: [:]), Optional(ScoreEngine.evaluate(rubric, facts: preview, checklist: [:])))
        var buffer = Buffer(width: 33, height: 21)
        ScorePanel.draw(cards, draftNotCounted: false, in: Rect(x: 0, y: 0, width: 33, height: 21), into: &buffer)
        let lines = buffer.trimmedLines
        // 20 lines of items for 18 rows: the window starts at the first change, the rest is marked below.
        #expect(lines[0].hasPrefix("┌─ 评分 "))
        #expect(lines[1] == "│劳动者创业参与率达到7%         │")
        #expect(lines[2] == "│                  ██ 0→15 (+15)│")
        #expect(lines.last?.contains("↓") == true)
        // The panel holds every changed item it can: 台账资料完备 is further down, below the border arrow.
        #expect(ScorePanel.lines(cards, width: 31).filter(\.changed).count >= 3)
    }

    @Test func everyItemFitsAt80x24WithoutAChange() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.function(4)])
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("※台账资料完备") })
        #expect(!lines.joined().contains("↓"))
    }
}
