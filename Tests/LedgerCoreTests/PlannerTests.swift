import Testing
@testable import LedgerCore

/// A generated community: persons with their services in the period, activities, a labour force. Its figures are
/// computed record by record through `Contribution`, as the store does.
struct GeneratedCommunity {
    var persons: [(person: Person, services: Int)] = []
    var activities: [Activity] = []
    var labourForce: Int
    var checklist: [String: Points] = [:]
    /// Records with errors and with unaccepted warnings (data quality, as the store counts them).
    var errorRecords = 0, warningRecords = 0
    let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!)
    var serial = 0

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        labourForce = Int.random(in: 20...400, using: &rng)
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
            let started = Bool.random(using: &rng)
            var p = newPerson(started: started)
            if Int.random(in: 0..<3, using: &rng) == 0 {
                p.trained = true
                p.trainingEnd = Day(year: 2024, month: Int.random(in: 1...6, using: &rng), day: 10)
                p.trainingPassed = Bool.random(using: &rng)
            }
            p.inTrainingScope = Int.random(in: 0..<5, using: &rng) != 0
            if started {
                p.jobsCreated = Int.random(in: 0...4, using: &rng)
                p.subsidies.firstEligible = Bool.random(using: &rng)
                p.subsidies.firstReceived = p.subsidies.firstEligible && Bool.random(using: &rng)
            }
            persons.append((p, Int.random(in: 0...3, using: &rng)))
        }
        for _ in 0..<Int.random(in: 0...2, using: &rng) { addActivity(.publicity) }
        errorRecords = Int.random(in: 0...2, using: &rng)
        warningRecords = Int.random(in: 0...3, using: &rng)
    }

    mutating func newPerson(started: Bool) -> Person {
        serial += 1
        return Person(communityCode: "630102001", name: "人\(serial)", idNumber: "ID\(serial)", gender: .male,
                      birthDate: Day(year: 1990, month: 1, day: 1)!, education: .juniorCollege, hukou: .urban, phone: "13900000000",
                      categories: [.other], status: started ? .started : .intending,
                      surveyDate: Day(year: 2024, month: 1, day: 5)!, entityName: started ? "店" : nil,
                      entityType: started ? .individual : nil, licenseDate: started ? Day(year: 2023, month: 5, day: 1) : nil)
    }

    mutating func addActivity(_ kind: ActivityKind) {
        activities.append(Activity(communityCode: "630102001", date: Day(year: 2024, month: 6, day: 1)!, kind: kind, title: "活动",
                                   story: kind == .roleModel ? String(repeating: "创", count: 500) : nil))
    }

    var facts: ScoreFacts {
        var f = ScoreFacts()
        for (p, s) in persons { f = f + Contribution.of(p, servicesInPeriod: s, period: period) }
        for a in activities { f = f + Contribution.of(a, period: period) }
        f[.labourForce] = labourForce
        f[.errorRecords] = errorRecords
        f[.warningRecords] = warningRecords
        return f
    }

    func contribution(_ i: Int) -> ScoreFacts { Contribution.of(persons[i].person, servicesInPeriod: persons[i].services, period: period) }
    func indexes(counted include: Measure, not exclude: Measure?) -> [Int] {
        persons.indices.filter { i in contribution(i)[include] == 1 && (exclude.map { contribution(i)[$0] == 0 } ?? true) }
    }

    /// Does what a step of an item says, on the records (not on the figures).
    mutating func follow(_ step: PlanStep, in plan: ScorePlan, rubric: Rubric) {
        switch step.itemId {
        case "participation_rate":
            let k = Self.firstNumber(in: step.action)
            let pool = indexes(counted: .registered, not: .participants)
            for i in pool.prefix(k) { persons[i].services += 1 }
            for _ in 0..<Swift.max(0, k - pool.count) { persons.append((newPerson(started: false), 1)) }
        case "jobs_index":
            let k = Self.numbers(in: step.action)[1]
            if let i = indexes(counted: .entrepreneurs, not: nil).first { persons[i].person.jobsCreated += k }
        case "services":
            for i in indexes(counted: .serviceTargets, not: .servedTwice) { persons[i].services = Swift.max(2, persons[i].services) }
            for _ in 0..<Self.number(after: "再为", in: step.action) { persons.append((newPerson(started: false), 2)) }
        case "training_rate":
            for i in indexes(counted: .inScope, not: .inScopeTrained) {
                persons[i].person.trained = true
                persons[i].person.trainingEnd = Day(year: 2024, month: 7, day: 1)
            }
            if step.action.contains("再动员") {
                for _ in 0..<Self.number(after: "再动员", in: step.action) {
                    var p = newPerson(started: false)
                    p.trained = true
                    p.trainingEnd = Day(year: 2024, month: 7, day: 1)
                    persons.append((p, 0))
                }
            }
        case "training_pass":
            for i in indexes(counted: .trained, not: .passed).prefix(Self.firstNumber(in: step.action)) { persons[i].person.trainingPassed = true }
        case "subsidies":
            for i in persons.indices where persons[i].person.subsidies.firstEligible { persons[i].person.subsidies.firstReceived = true }
        case "publicity":
            for _ in 0..<Self.firstNumber(in: step.action) { addActivity(.publicity) }
        case "role_models":
            for _ in 0..<Self.firstNumber(in: step.action) { addActivity(.roleModel) }
        case "incubation":
            for _ in 0..<Self.firstNumber(in: step.action) { addActivity(.incubationReferral) }
        case "post_training_start":
            // Passed trainees without a business start one the day after their training (≥ 3 months before the end).
            for i in indexes(counted: .postTrainingBase, not: .postTrainingStarted).prefix(Self.firstNumber(in: step.action)) {
                persons[i].person.status = .started
                persons[i].person.licenseDate = persons[i].person.trainingEnd?.adding(days: 1)
            }
        case "records_complete":
            // Errors corrected first; the step that also clears warnings says so.
            errorRecords = 0
            if step.action.contains("警告") { warningRecords = 0 }
        case "survey_register":
            for _ in 0..<Self.firstNumber(in: step.action) { persons.append((newPerson(started: false), 0)) }
        default:
            if let item = rubric.item(step.itemId), let top = item.allowedLevels.map(\.points).max() { checklist[step.itemId] = top }
        }
    }

    static func numbers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
    }
    static func firstNumber(in text: String) -> Int { numbers(in: text).first ?? 0 }
    /// The number right after `marker` (`再为3名…` → 3), 0 when the text has no such marker.
    static func number(after marker: String, in text: String) -> Int {
        guard let range = text.range(of: marker) else { return 0 }
        return firstNumber(in: String(text[range.upperBound...]))
    }
}

/// splitmix64: a small reproducible generator for the property tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct PlannerTests {
    let rubric: Rubric
    let today = Day(year: 2024, month: 12, day: 5)!
    init() throws { rubric = try Rubrics.load("xining-community") }

    func plan(_ c: GeneratedCommunity) -> ScorePlan {
        Planner.plan(rubric, facts: c.facts, checklist: c.checklist, period: c.period, today: today)
    }

    /// Every step, done on the records of a generated community, gives its item exactly the promised points.
    @Test(arguments: 1...150) func aFollowedStepReachesThePromisedPoints(seed: Int) {
        let community = GeneratedCommunity(seed: UInt64(seed))
        let p = plan(community)
        for step in p.gaps.flatMap(\.steps) {
            var followed = community
            followed.follow(step, in: p, rubric: rubric)
            let card = ScoreEngine.evaluate(rubric, facts: followed.facts, checklist: followed.checklist)
            #expect(card.item(step.itemId)?.points == step.after, "seed \(seed): \(step.action)")
            #expect(step.after > step.current)
        }
    }

    /// The generated communities exercise a step of every item the registers decide (so the test above can fail
    /// for each of them).
    @Test func theGeneratedCommunitiesCoverEveryComputedItem() {
        var seen = Set<String>()
        for seed in 1...150 { seen.formUnion(plan(GeneratedCommunity(seed: UInt64(seed))).gaps.flatMap(\.steps).map(\.itemId)) }
        let computed = rubric.items.filter { $0.allowedLevels.isEmpty }.map(\.id)
        #expect(Set(computed).subtracting(seen).isEmpty, "never proposed: \(Set(computed).subtracting(seen))")
    }

    /// Items at their maximum propose nothing; every other item is listed, with steps or a reason.
    @Test(arguments: 1...60) func onlyItemsBelowTheirMaximumAreListed(seed: Int) {
        let community = GeneratedCommunity(seed: UInt64(seed))
        let card = ScoreEngine.evaluate(rubric, facts: community.facts, checklist: community.checklist)
        let p = plan(community)
        #expect(Set(p.gaps.map(\.itemId)) == Set(card.items.filter { $0.points < $0.max }.map(\.id)))
        for gap in p.gaps { #expect(!gap.steps.isEmpty || gap.blocked != nil) }
    }

    @Test func participationSaysHowManyAndFromWhom() {
        var f = facts([.registered: 60, .participants: 8, .labourForce: 200])
        f[.serviceTargets] = 0
        let p = Planner.plan(rubric, facts: f, checklist: [:], period: Period.year(of: today), today: today)
        let step = p.gaps.first { $0.itemId == "participation_rate" }?.steps.first
        // 7% of 200 = 14: six more, from 52 registered without a service or training.
        #expect(step?.action == "还需6名参与创业活动者（可从52名已登记但本期无服务/培训的人员中服务），得15分（+15）")
        #expect(step?.units == 6)
        #expect(p.daysLeft == 26)
    }

    @Test func servicesCompleteTheRateThenWiden() {
        let f = facts([.registered: 12, .serviceTargets: 12, .servedTwice: 0, .served: 3])
        let p = Planner.plan(rubric, facts: f, checklist: [:], period: Period.year(of: today), today: today,
                             details: PlanDetails(servicesMissing: 21))
        let steps = p.gaps.first { $0.itemId == "services" }?.steps ?? []
        #expect(steps.map(\.action) == ["12人本期服务不足2次，补齐后得14分（+14）",
                                        "补齐上述12人的服务，并再为3名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到15人），得16分（+16）"])
        #expect(steps.map(\.units) == [21, 27])
    }

    @Test func aShortStoryIsTheCheapestRoleModel() {
        let p = Planner.plan(rubric, facts: facts([.labourForce: 100]), checklist: [:], period: Period.year(of: today), today: today,
                             details: PlanDetails(shortStories: [ShortStory(title: "李四开店记", missingCharacters: 140)]))
        let first = p.gaps.first { $0.itemId == "role_models" }?.steps.first
        #expect(first?.action == "创业典型“李四开店记”事迹材料还差140字，补足后得2分（+1）")
    }

    @Test func anEndedPeriodProposesNothing() {
        let p = Planner.plan(rubric, facts: facts([.labourForce: 100]), checklist: [:], period: Period.year(of: today),
                             today: Day(year: 2025, month: 1, day: 3)!)
        #expect(p.daysLeft == nil)
        #expect(p.gaps.allSatisfy { $0.steps.isEmpty && $0.blocked == "考核期已结束，本期无法再改变" })
    }

    @Test func aRateThatCannotBeReachedSaysSo() {
        // Two passed trainees had no business; 30% of 2 needs one more start, but nobody is left to start: none.
        let f = facts([.postTrainingBase: 2, .postTrainingStarted: 0, .labourForce: 100])
        let p = Planner.plan(rubric, facts: f, checklist: [:], period: Period.year(of: today), today: today)
        let gap = p.gaps.first { $0.itemId == "post_training_start" }
        // (26 days before the end: a business started now cannot run three months in the period, and the step says so)
        #expect(gap?.steps.first?.action == "还需1名培训合格者在培训后创业并经营满3个月，得2分（+2）；但距考核期结束只剩26天，不足3个月，本期已来不及")
        let none = Planner.plan(rubric, facts: facts([.labourForce: 100]), checklist: [:], period: Period.year(of: today), today: today)
        #expect(none.gaps.first { $0.itemId == "jobs_index" }?.blocked == "无符合条件的人员：初期创业者为0，未计分")
    }

    @Test func rankingIsByPointsPerUnitOfWork() {
        let f = facts([.registered: 60, .participants: 8, .labourForce: 200, .publicity: 1])
        let ranked = Planner.plan(rubric, facts: f, checklist: [:], period: Period.year(of: today), today: today).ranked
        let perUnit = ranked.compactMap { s in s.units.map { Double(s.gain.hundredths) / Double(max(1, $0)) } }
        #expect(perUnit == perUnit.sorted(by: >))
        #expect(ranked.last?.units == nil) // checklist items last
    }
}

struct CandidatesTests {
    let rubric: Rubric
    let today = Day(year: 2024, month: 12, day: 5)!
    init() throws { rubric = try Rubrics.load("xining-community") }

    func community(_ code: String) -> Community {
        Community(code: code, name: "社区\(code.suffix(3))", street: "八一路街道", district: "城东区", labourForce: 100,
                  period: Period.year(of: today))
    }

    /// Those that meet both conditions first, then the least work, then those that cannot reach them by work.
    @Test func closestToTheEntryConditionsComeFirst() {
        let met = facts([.labourForce: 100, .participants: 8, .entrepreneurs: 2, .entrepreneurJobs: 7])
        let near = facts([.labourForce: 100, .registered: 10, .participants: 6, .entrepreneurs: 2, .entrepreneurJobs: 6])
        let far = facts([.labourForce: 100, .registered: 10, .participants: 1, .entrepreneurs: 2, .entrepreneurJobs: 1])
        let none = facts([.labourForce: 100, .participants: 9])
        let ranked = Candidates.rank([("630102004", none), ("630102003", far), ("630102002", near), ("630102001", met)].map {
            (community($0.0), $0.1)
        }, rubric: rubric, today: today)
        #expect(ranked.map(\.community.code) == ["630102001", "630102002", "630102003", "630102004"])
        #expect(ranked[0].meetsAll && ranked[0].unitsNeeded == 0)
        #expect(ranked[1].unitsNeeded == 1)
        #expect(ranked[1].conditions[0].lacking == "还需1名参与创业活动者（可从4名已登记但本期无服务/培训的人员中服务），得15分（+15）")
        #expect(ranked[2].unitsNeeded == 6 + 5)
        #expect(ranked[3].unitsNeeded == nil)
        #expect(ranked[3].conditions[1].lacking == "无符合条件的人员：初期创业者为0，未计分")
    }
}
