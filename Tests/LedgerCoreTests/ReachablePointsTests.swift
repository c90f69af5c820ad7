import Testing
@testable import LedgerCore

/// The scores each item's rule can give (what a supervisor may set in the 初评 or 市级考评), one kind of rule at a
/// time, from the shipped table.
struct ReachablePointsTests {
    let rubric: Rubric
    init() throws { rubric = try Rubrics.load("xining-community") }

    func reachable(_ id: String) -> [Points] { rubric.item(id)!.reachablePoints }

    @Test(arguments: [
        ("participation_rate", [0, 15]),          // rate threshold: all or nothing
        ("survey_register", [0, 2]),              // at least
        ("training_pass", [0, 1, 2, 3, 4]),       // 1 point per started 5% short
        ("publicity", [0, 1, 2, 3]),              // 1 point per activity short of 3
        ("incubation", [0, 6]),                   // the one deduction takes it all
        ("subsidies", [0, 2, 4, 6]),              // 2 points per pair not met, three pairs
        ("training_rate", [0, 4, 6, 8]),          // bands, or 0 below 100%
        ("records_complete", [0, 2, 4]),          // errors, warnings only, clean
        ("work_plan", [0, 1, 3]),                 // the checklist's levels
    ])
    func eachRuleKindGivesItsOwnValues(id: String, expected: [Int]) {
        #expect(reachable(id) == expected.map { Points($0) }, "\(id)")
    }

    @Test func everyScoreTheEngineGivesIsReachable() {
        // Whatever the figures, the engine's points are among the item's reachable values
        for values in [[Measure.labourForce: 100], [.labourForce: 10, .participants: 1, .trained: 7, .passed: 5, .publicity: 1]] {
            let card = ScoreEngine.evaluate(rubric, facts: facts(values), checklist: ["work_plan": Points(1)])
            for item in card.items { #expect(item.reachable.contains(item.points), "\(item.id) \(item.points)") }
        }
    }

    @Test func theRefusalNamesTheAllowedValues() {
        let item = AssessedItem(id: "training_pass", title: "培训合格率100%", group: nil, source: .documented, max: Points(4),
                                points: Points(4), measured: "", threshold: "", explanation: "", allowed: reachable("training_pass"))
        #expect(item.refusal(Points(3)) == nil)
        #expect(item.refusal(Points(hundredths: 350)) == "培训合格率100%只能得以下分数之一：0、1、2、3、4，不能给3.5分")
        // Without frozen values (a submission from before they were kept): 0 to the maximum
        let old = AssessedItem(id: "x", title: "旧项", group: nil, source: .documented, max: Points(4), points: .zero,
                               measured: "", threshold: "", explanation: "")
        #expect(old.refusal(Points(hundredths: 350)) == nil && old.refusal(Points(5)) == "旧项的分数应在0到4分之间，5分超出范围")
    }
}
