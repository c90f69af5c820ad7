import Testing
@testable import LedgerCore

/// An item scored by head count once its rate reaches 100% (每人2次以上创业服务: 15+ people 16, 10–15 14, fewer 12)
/// says, while short of 100%, what reaching it would give here: the score had said only "未达到100%，不得分" beside a
/// plan saying "补齐后得12分", and a tester read the two as disagreeing about an item worth 16.
@Suite struct BandExplanationTests {
    let rubric: Rubric
    init() throws { rubric = try Rubrics.load("xining-community") }

    @Test func shortOf100PercentTheExplanationSaysWhatReachingItGives() throws {
        var facts = ScoreFacts()
        facts[.labourForce] = 40
        facts[.registered] = 5
        facts[.serviceTargets] = 5
        facts[.servedTwice] = 0
        let item = try #require(ScoreEngine.evaluate(rubric, facts: facts, checklist: [:]).items.first { $0.id == "services" })
        #expect(item.points == .zero)
        #expect(item.explanation == "获得2次以上服务人数0/应服务人数（有意愿及初期创业者）5 = 0%（0/5），未达到100%，不得分；全部达到时按人数得12分")
        #expect(item.threshold == "100%（≥15人16分，≥10人14分，≥1人12分）")
        facts[.serviceTargets] = 12
        facts[.servedTwice] = 11
        let more = try #require(ScoreEngine.evaluate(rubric, facts: facts, checklist: [:]).items.first { $0.id == "services" })
        #expect(more.explanation.hasSuffix("全部达到时按人数得14分"))
    }
}
