import Testing
@testable import LedgerTUI

/// A recount's (or a change made outside the app's) kept score contribution reads in the measures' names, not as the
/// stored JSON with English keys.
@Suite struct FactsWordingTests {
    @Test func aChangeOfTheKeptFiguresNamesEachMeasureThatMoved() {
        #expect(AuditWording.change(field: "facts", old: #"{"participants": 250, "registered": 1, "served": 1}"#,
                                    new: #"{"participants": 1, "registered": 1}"#, register: .survey)
                == "参与创业活动者 250 → 1；获得服务人数 1 → 0")
        #expect(AuditWording.change(field: "facts", old: "{}", new: "{}", register: .survey) == "（未变）")
        #expect(AuditWording.field("facts", register: .survey) == "计分数据")
    }
}
