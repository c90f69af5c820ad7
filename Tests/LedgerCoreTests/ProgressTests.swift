import Testing
@testable import LedgerCore

struct ProgressTests {
    let rubric: Rubric
    init() throws { rubric = try Rubrics.load("xining-community") }

    func progress(_ item: String, _ values: [Measure: Int], checklist: [String: Points] = [:]) -> Double {
        ScoreEngine.evaluate(rubric, facts: facts(values), checklist: checklist).item(item)?.progress ?? -1
    }

    @Test func aRateAgainstItsThreshold() {
        #expect(abs(progress("participation_rate", [.participants: 47, .labourForce: 900]) - (47.0 / 900) / 0.07) < 1e-12)
        #expect(progress("participation_rate", [.participants: 70, .labourForce: 900]) == 1)
        #expect(progress("participation_rate", [.participants: 70, .labourForce: 0]) == 0)
        #expect(progress("jobs_index", [.entrepreneurJobs: 3, .entrepreneurs: 2]) == 0.5)
    }

    @Test func countsSubsidiesRatesAndAnswers() {
        #expect(abs(progress("publicity", [.publicity: 2]) - 2.0 / 3) < 1e-12)
        #expect(progress("subsidies", [.subsidyFirstEligible: 4, .subsidyFirstReceived: 1]) == 0.25)
        #expect(progress("subsidies", [:]) == 0) // nobody eligible: scores nothing, has come nowhere (EmptyBase)
        #expect(progress("training_rate", [.inScope: 8, .inScopeTrained: 6]) == 0.75)
        #expect(progress("work_plan", [:], checklist: ["work_plan": Points(1)]) == 1.0 / 3)
        #expect(progress("records_complete", [.registered: 3, .warningRecords: 2]) == 0.5)
    }
}
