import Testing
@testable import LedgerCore

/// The records behind an item's figure, as 评分明细's Enter lists them: for a rate of persons, who falls short; for
/// the jobs index (a sum of jobs over entrepreneurs), the entrepreneurs themselves.
struct EvidenceListTests {
    @Test func theJobsIndexListsTheEntrepreneursAndARateWhoFallsShort() throws {
        let rubric = try Rubrics.load("xining-community")
        var facts = ScoreFacts()
        facts[.labourForce] = 100
        facts[.entrepreneurs] = 3
        facts[.entrepreneurJobs] = 4
        let card = ScoreEngine.evaluate(rubric, facts: facts, checklist: [:])
        let jobs = try #require(card.items.first { $0.evidence?.include == .entrepreneurs || $0.id.contains("jobs") })
        #expect(jobs.evidence == Evidence(include: .entrepreneurs, excluding: nil, title: "初期创业者"))
        let training = ScoreEngine.recordEvidence(numerator: .inScopeTrained, denominator: .inScope)
        #expect(training == Evidence(include: .inScope, excluding: .inScopeTrained, title: "纳入培训范围未参加培训的人员"))
    }
}
