import Foundation
import LedgerResources
import Testing
@testable import LedgerCore

enum Rubrics {
    static func load(_ id: String) throws -> Rubric {
        let dir = try #require(LedgerResources.rubricsDirectory)
        return try Rubric.load(from: dir.appendingPathComponent("\(id).json"))
    }
}

func facts(_ values: [Measure: Int]) -> ScoreFacts {
    var f = ScoreFacts()
    for (m, v) in values { f[m] = v }
    return f
}

struct MeasureTests {
    @Test func eachMeasureHasItsOwnSlot() {
        #expect(Measure.allCases.map(\.index) == Array(Measure.allCases.indices))
        var f = ScoreFacts()
        for (i, m) in Measure.allCases.enumerated() { f[m] = i + 100 }
        #expect(Measure.allCases.allSatisfy { f[$0] == $0.index + 100 })
    }
}

struct XiningCommunityRubricTests {
    let rubric: Rubric
    init() throws { rubric = try Rubrics.load("xining-community") }

    func points(_ item: String, _ values: [Measure: Int], checklist: [String: Points] = [:]) -> Points {
        ScoreEngine.evaluate(rubric, facts: facts(values), checklist: checklist).item(item)!.points
    }

    @Test func itemsMatchTheSourceTable() {
        #expect(rubric.maxPoints == Points(100))
        #expect(rubric.items.map(\.id) == ["participation_rate", "jobs_index", "leading_group", "work_rules", "work_plan",
                                           "subsidies", "survey_register", "training_rate", "training_pass", "post_training_start",
                                           "service_window", "services", "publicity", "role_models", "incubation", "expert_team",
                                           "innovation", "records_complete"])
        #expect(rubric.items.filter { $0.source == .inferred }.map(\.id) == ["incubation", "expert_team", "innovation", "records_complete"])
    }

    /// 7% of 3200 is exactly 224.
    @Test(arguments: [(223, 0), (224, 15), (225, 15)])
    func participationRateAtSevenPercent(_ participants: Int, _ expected: Int) {
        #expect(points("participation_rate", [.participants: participants, .labourForce: 3200]) == Points(expected))
    }

    @Test func participationWithoutLabourForceScoresNothing() {
        #expect(points("participation_rate", [.participants: 5, .labourForce: 0]) == .zero)
    }

    @Test(arguments: [(29, 0), (30, 15), (31, 15)])
    func jobsIndexAtThree(_ jobs: Int, _ expected: Int) {
        #expect(points("jobs_index", [.entrepreneurJobs: jobs, .entrepreneurs: 10]) == Points(expected))
    }

    @Test func noEntrepreneursMeansNoJobsIndexPoints() {
        #expect(points("jobs_index", [.entrepreneurJobs: 0, .entrepreneurs: 0]) == .zero)
    }

    @Test(arguments: [("leading_group", 2), ("leading_group", 1), ("work_plan", 3), ("work_plan", 1), ("service_window", 2)])
    func checklistItemsScoreTheAnswer(_ item: String, _ answer: Int) {
        #expect(points(item, [:], checklist: [item: Points(answer)]) == Points(answer))
        #expect(points(item, [:]) == .zero)
    }

    @Test func checklistAllowsOnlyTheTableLevels() {
        #expect(rubric.item("work_plan")!.allowedLevels.map(\.points) == [Points(3), Points(1), .zero])
        #expect(rubric.item("expert_team")!.allowedLevels.map(\.points) == [Points(4), Points(2), .zero])
    }

    @Test func subsidiesDeductTwoPerSubsidyNotFullyReceived() {
        #expect(points("subsidies", [:]) == .zero) // nobody eligible for any: nothing to show (EmptyBaseTests)
        // A subsidy nobody is eligible for is none left unimplemented.
        #expect(points("subsidies", [.subsidyFirstEligible: 3, .subsidyFirstReceived: 3]) == Points(6))
        #expect(points("subsidies", [.subsidyFirstEligible: 3, .subsidyFirstReceived: 2]) == Points(4))
        #expect(points("subsidies", [.subsidyFirstEligible: 3, .subsidyFirstReceived: 2, .subsidyRewardEligible: 1,
                                     .subsidyJobsEligible: 1]) == .zero)
    }

    @Test func surveyRegisterNeedsOnePerson() {
        #expect(points("survey_register", [.registered: 0]) == .zero)
        #expect(points("survey_register", [.registered: 1]) == Points(2))
    }

    /// 100% trained, then bands by number trained: ≥10 → 8, 5–9 → 6, 1–4 → 4.
    @Test(arguments: [(10, 10, 8), (11, 11, 8), (9, 9, 6), (5, 5, 6), (4, 4, 4), (1, 1, 4), (9, 10, 0), (0, 0, 0)])
    func trainingRateBands(_ trained: Int, _ scope: Int, _ expected: Int) {
        #expect(points("training_rate", [.inScopeTrained: trained, .inScope: scope]) == Points(expected))
    }

    /// Each started 5% short deducts 1: 95% exactly is one step, 94.9% two.
    @Test(arguments: [(20, 20, 4), (19, 20, 3), (199, 200, 3), (18, 20, 2), (949, 1000, 2), (17, 20, 1), (16, 20, 0), (0, 20, 0), (0, 0, 0)])
    func trainingPassDeductions(_ passed: Int, _ trained: Int, _ expected: Int) {
        #expect(points("training_pass", [.passed: passed, .trained: trained]) == Points(expected))
    }

    @Test(arguments: [(2, 7, 0), (3, 10, 2), (4, 10, 2), (0, 0, 0)])
    func postTrainingStartAtThirtyPercent(_ started: Int, _ base: Int, _ expected: Int) {
        #expect(points("post_training_start", [.postTrainingStarted: started, .postTrainingBase: base]) == Points(expected))
    }

    /// Everyone served twice, then by people served: ≥15 → 16, 10–14 → 14, 1–9 → 12.
    @Test(arguments: [(15, 15, 16), (16, 16, 16), (14, 14, 14), (10, 10, 14), (9, 9, 12), (1, 1, 12), (14, 15, 0), (0, 0, 0)])
    func servicesBands(_ servedTwice: Int, _ targets: Int, _ expected: Int) {
        #expect(points("services", [.servedTwice: servedTwice, .serviceTargets: targets]) == Points(expected))
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3)])
    func publicityDeductsOnePerMissingEvent(_ events: Int, _ expected: Int) {
        #expect(points("publicity", [.publicity: events]) == Points(expected))
    }

    @Test(arguments: [(0, 1), (1, 2), (2, 2)])
    func roleModelsScoreOneEvenWithNone(_ models: Int, _ expected: Int) {
        #expect(points("role_models", [.roleModels: models]) == Points(expected))
    }

    @Test(arguments: [(0, 0), (1, 6), (2, 6)])
    func incubationNeedsOneReferral(_ referrals: Int, _ expected: Int) {
        #expect(points("incubation", [.incubation: referrals]) == Points(expected))
    }

    @Test func recordsCompleteDependsOnErrorsAndWarnings() {
        #expect(points("records_complete", [.registered: 1]) == Points(4))
        #expect(points("records_complete", [.registered: 1, .warningRecords: 1]) == Points(2))
        #expect(points("records_complete", [.registered: 1, .errorRecords: 1, .warningRecords: 3]) == .zero)
    }

    @Test func totalIsTheSumAndExplanationsNameTheFigures() {
        let card = ScoreEngine.evaluate(rubric, facts: facts([.participants: 224, .labourForce: 3200, .registered: 1]),
                                        checklist: ["leading_group": Points(2)])
        #expect(card.total == Points(15 + 2 + 2 + 1 + 4)) // participation, leading group, register, role models, records
        let item = card.item("participation_rate")!
        #expect(item.measured == "7%（224/3200）")
        #expect(item.explanation.contains("达到7%"))
        #expect(item.evidence?.include == .participants)
    }
}

struct OtherRubricTests {
    @Test func streetUsesTheStreetThresholds() throws {
        let street = try Rubrics.load("xining-street")
        #expect(street.maxPoints == Points(100))
        #expect(street.items.allSatisfy { $0.source == .inferred })
        func p(_ item: String, _ v: [Measure: Int]) -> Points { ScoreEngine.evaluate(street, facts: facts(v), checklist: [:]).item(item)!.points }
        #expect(p("participation_rate", [.participants: 5, .labourForce: 100]) == Points(15))
        #expect(p("participation_rate", [.participants: 4, .labourForce: 100]) == .zero)
        #expect(p("jobs_index", [.entrepreneurJobs: 2, .entrepreneurs: 1]) == Points(15))
        #expect(p("incubation", [.incubation: 2]) == Points(4))
        #expect(p("incubation", [.incubation: 3]) == Points(6))
        #expect(p("publicity", [.publicity: 3]) == Points(2))
        #expect(p("role_models", [.roleModels: 1]) == .zero)
        #expect(p("role_models", [.roleModels: 2]) == Points(1))
    }

    @Test func shandongComputesItsDataIndicators() throws {
        let sd = try Rubrics.load("shandong-city")
        #expect(sd.maxPoints == Points(100))
        func p(_ item: String, _ v: [Measure: Int]) -> Points { ScoreEngine.evaluate(sd, facts: facts(v), checklist: [:]).item(item)!.points }
        #expect(p("service_rate", [.served: 80, .registered: 100]) == Points(2))
        #expect(p("service_rate", [.served: 79, .registered: 100]) == .zero)
        #expect(p("activity_rate", [.participants: 15, .labourForce: 100]) == Points(2))
        #expect(p("training_pass_rate", [.passed: 9, .trained: 10]) == Points(1))
        #expect(p("training_pass_rate", [.passed: 89, .trained: 100]) == .zero)
        #expect(p("subsidy_ratio", [.subsidyFirstReceived: 9, .subsidyFirstEligible: 10]) == Points(4))
        #expect(p("subsidy_ratio", [.subsidyFirstReceived: 8, .subsidyFirstEligible: 10]) == Points(3))
        #expect(p("subsidy_ratio", [.subsidyFirstReceived: 5, .subsidyFirstEligible: 10]) == Points(2))
        #expect(p("subsidy_ratio", [.subsidyFirstReceived: 4, .subsidyFirstEligible: 10]) == .zero)
        #expect(p("subsidy_ratio", [:]) == .zero) // nobody eligible: nothing to show (EmptyBaseTests)
        #expect(sd.item("leadership")!.allowedLevels.count == 13) // 0 to 3 in quarter points
    }

    @Test func malformedRubricsAreRefusedWithAMessage() {
        let bad = #"{"id":"x","title":"x","citation":"x","level":"社区","total":10,"items":[{"id":"a","title":"a","max":5,"source":"documented","rule":{"kind":"at_least","measure":"nonsense","threshold":"1"}}]}"#
        #expect(throws: RubricError.self) { try Rubric.decode(Data(bad.utf8), name: "bad.json") }
        let wrongTotal = #"{"id":"x","title":"x","citation":"x","level":"社区","total":10,"items":[{"id":"a","title":"a","max":5,"source":"documented","rule":{"kind":"at_least","measure":"registered","threshold":"1"}}]}"#
        #expect(throws: RubricError.self) { try Rubric.decode(Data(wrongTotal.utf8), name: "total.json") }
    }
}

struct ContributionTests {
    let period = Fixture.period

    @Test func intendingPersonWithTwoServicesIsAServedParticipant() throws {
        let p = try #require(Fixture.person(Fixture.intending()))
        let f = Contribution.of(p, servicesInPeriod: 2, period: period)
        #expect(f[.registered] == 1 && f[.participants] == 1 && f[.servedTwice] == 1 && f[.serviceTargets] == 1)
        #expect(f[.inScope] == 1 && f[.entrepreneurs] == 0)
        #expect(Contribution.of(p, servicesInPeriod: 0, period: period)[.participants] == 0)
    }

    @Test func earlyStageEntrepreneurCountsJobs() throws {
        let p = try #require(Fixture.person(Fixture.started()))
        let f = Contribution.of(p, servicesInPeriod: 0, period: period)
        #expect(f[.entrepreneurs] == 1 && f[.entrepreneurJobs] == 3 && f[.serviceTargets] == 1)
        let old = try #require(Fixture.person(Fixture.started(["license_date": "2019-06-01"])))
        let g = Contribution.of(old, servicesInPeriod: 0, period: period)
        #expect(g[.entrepreneurs] == 0 && g[.entrepreneurJobs] == 0 && g[.serviceTargets] == 0 && g[.inScope] == 0)
    }

    @Test func personSurveyedAfterThePeriodCountsNowhere() throws {
        let p = try #require(Fixture.person(Fixture.intending()))
        let earlier = Period(start: Day(year: 2023, month: 1, day: 1)!, end: Day(year: 2023, month: 12, day: 31)!)
        #expect(Contribution.of(p, servicesInPeriod: 5, period: earlier) == ScoreFacts())
    }

    @Test func startingABusinessThreeMonthsAfterTrainingCounts() throws {
        let base = ["trained": "是", "training_type": "SYB", "training_end": "2024-03-01", "training_passed": "是", "certificate_no": "C1"]
        let intending = try #require(Fixture.person(Fixture.intending(base)))
        let f = Contribution.of(intending, servicesInPeriod: 0, period: period)
        #expect(f[.postTrainingBase] == 1 && f[.postTrainingStarted] == 0 && f[.participants] == 1)
        var started = Fixture.started(base)
        started["license_date"] = "2024-09-30"
        let held3 = try #require(Fixture.person(started))
        #expect(Contribution.of(held3, servicesInPeriod: 0, period: period)[.postTrainingStarted] == 1)
        started["license_date"] = "2024-10-01"
        let tooRecent = try #require(Fixture.person(started))
        #expect(Contribution.of(tooRecent, servicesInPeriod: 0, period: period)[.postTrainingStarted] == 0)
        started["license_date"] = "2023-01-01"
        let before = try #require(Fixture.person(started))
        #expect(Contribution.of(before, servicesInPeriod: 0, period: period)[.postTrainingBase] == 0)
    }

    @Test func factsAddAndSubtract() {
        let a = facts([.registered: 2, .participants: 1])
        let b = facts([.registered: 1])
        #expect((a + b)[.registered] == 3)
        #expect((a + b - b) == a)
    }
}

struct ExactArithmeticTests {
    @Test func rationalsParseAndCompareExactly() {
        #expect(Rational(text: "7%") == Rational(7, 100))
        #expect(Rational(text: "0.07") == Rational(7, 100))
        #expect(Rational(224, 3200) >= Rational(text: "7%")!)
        #expect(Rational(223, 3200) < Rational(text: "7%")!)
    }

    @Test func pointsFormatWithoutTrailingZeros() {
        #expect(Points(text: "0.25")?.description == "0.25")
        #expect(Points(text: "1.5")?.description == "1.5")
        #expect(Points(16).description == "16")
        #expect(Points(text: "0.125") == nil)
    }
}
