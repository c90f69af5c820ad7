import Foundation
import Testing
@testable import ChuangyeCLI
@testable import LedgerCore

/// `plan --json` says what the text says above its figures: the lock that fixes the period's score, and for each
/// step that cannot count before the period ends, why.
struct PlanJSONTests {
    @Test func theLockAndATooLateStepAreInTheJSON() throws {
        let community = Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区", labourForce: 100,
                                  period: Period.year(of: Day(year: 2024, month: 1, day: 1)!))
        let rubric = try CommunityScore.rubric(Rubrics.defaultId(for: .community), among: try Rubrics.all())
        let card = ScoreEngine.evaluate(rubric, facts: ScoreFacts(), checklist: [:])
        let late = PlanStep(itemId: "x", itemTitle: "开业后稳定经营", current: .zero, after: Points(hundredths: 500), units: 1,
                            action: "为1名受训者开业；但开业须满6个月才计入", evidence: nil, tooLate: "开业须满6个月才计入")
        let gap = ItemGap(itemId: "x", title: "开业后稳定经营", points: .zero, max: Points(hundredths: 500), measured: "0人",
                          steps: [late], blocked: nil)
        let open = ScorePlan(daysLeft: 30, gaps: [gap])
        let openJSON = try #require(try JSONSerialization.jsonObject(with: Data(try PlanJSON.render(open, card: card, community: community).utf8))
                                    as? [String: Any])
        #expect(openJSON["lock"] == nil)
        let step = try #require((openJSON["ranked"] as? [[String: Any]])?.first)
        #expect(step["tooLate"] as? String == "开业须满6个月才计入")

        let locked = ScorePlan(daysLeft: 30, gaps: [gap], lock: Signature(by: "周督导", at: "2024-12-20T10:05:00"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try PlanJSON.render(locked, card: card, community: community).utf8))
                                as? [String: Any])
        let lock = try #require(json["lock"] as? [String: String])
        #expect(lock == ["by": "周督导", "at": "2024-12-20T10:05:00",
                         "notice": "台账已锁定（周督导 2024-12-20 10:05 签署初评）：计划已不能改变本期得分，以下数字仅供参考"])
    }
}

/// `demo` ends with the command that opens the ledger it made: a path a shell would split is quoted.
struct DemoOpenCommandTests {
    @Test func aPathIsQuotedOnlyWhenTheShellWouldReadItDifferently() {
        #expect(DemoCommand.shellWord("/home/王芳/台账.sqlite") == "/home/王芳/台账.sqlite")
        #expect(DemoCommand.shellWord("d 2.sqlite") == "'d 2.sqlite'")
        #expect(DemoCommand.shellWord("it's.sqlite") == "'it'\\''s.sqlite'")
    }
}
