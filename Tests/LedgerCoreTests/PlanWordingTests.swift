import Testing
@testable import LedgerCore

/// The plan's alternatives say the whole work from today and the figure it reaches: a further step of an item
/// replaces the first one (`或：`), so `或再培训2名…（共10人）` must not read as two persons more on top of it.
struct PlanWordingTests {
    let rubric: Rubric
    let today = Day(year: 2024, month: 12, day: 5)!
    init() throws { rubric = try Rubrics.load("xining-community") }

    func steps(_ item: String, _ values: [Measure: Int], details: PlanDetails = PlanDetails()) -> [String] {
        let plan = Planner.plan(rubric, facts: facts(values), checklist: [:], period: Period.year(of: today), today: today, details: details)
        return plan.gaps.first { $0.itemId == item }?.steps.map(\.action) ?? []
    }

    @Test func anAlternativeIsMarkedApartFromItsAction() {
        #expect(PlanWording.alternative("再开展2次宣传活动（本期宣传活动达到3次），得3分（+2）")
                == "或：再开展2次宣传活动（本期宣传活动达到3次），得3分（+2）")
    }

    /// Training: the further bands include training the three in scope who are not yet trained.
    @Test func trainingBandsSayTheyIncludeCompletingTheRate() {
        #expect(steps("training_rate", [.inScope: 7, .inScopeTrained: 4]) == [
            "3名纳入培训范围者未参加培训，全部培训后得6分（+6）",
            "培训上述3人，并再动员3名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到10人），得8分（+8）",
        ])
        #expect(steps("training_rate", [:]) == [
            "再动员1名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到1人），得4分（+4）",
            "再动员5名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到5人），得6分（+6）",
            "再动员10名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到10人），得8分（+8）",
        ])
    }

    /// A band's work is its own from today: completing the rate (when it is not) and the persons it adds, not the
    /// work of the band before it as well (training 10 from nobody was counted 11, serving 15 was counted 32).
    @Test func eachBandCountsItsOwnWork() {
        let plan = Planner.plan(rubric, facts: facts([:]), checklist: [:], period: Period.year(of: today), today: today)
        #expect(plan.gaps.first { $0.itemId == "training_rate" }?.steps.map(\.units) == [1, 5, 10])
        #expect(plan.gaps.first { $0.itemId == "services" }?.steps.map(\.units) == [2, 20, 30])
        let completing = Planner.plan(rubric, facts: facts([.inScope: 7, .inScopeTrained: 4]), checklist: [:], period: Period.year(of: today), today: today)
        #expect(completing.gaps.first { $0.itemId == "training_rate" }?.steps.map(\.units) == [3, 6])
    }

    @Test func servicesBandsNameNewPersonsAndTheTotal() {
        #expect(steps("services", [.serviceTargets: 12, .servedTwice: 12]) == [
            "再为3名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到15人），得16分（+2）",
        ])
    }

    @Test(arguments: [
        ("publicity", [Measure.publicity: 1], ["再开展1次宣传活动（本期宣传活动达到2次），得2分（+1）",
                                               "再开展2次宣传活动（本期宣传活动达到3次），得3分（+2）"]),
        ("incubation", [:], ["再推荐1个项目或企业入园孵化（本期推荐入园达到1个），得6分（+6）"]),
        ("survey_register", [:], ["再登记1人（摸底登记达到1人），得2分（+2）"]),
        ("training_pass", [.trained: 20, .passed: 17], ["再有1名参训者培训合格（培训合格人数达到18人），得2分（+1）",
                                                        "再有3名参训者培训合格（培训合格人数达到20人，合格率100%），得4分（+3）"]),
        ("records_complete", [.registered: 5, .errorRecords: 2, .warningRecords: 3],
         ["改正2条有错误的记录，得2分（+2）", "改正2条有错误的记录，并确认或改正3条有警告的记录，得4分（+4）"]),
    ])
    func countsSayHowManyMoreAndWhatTheyReach(_ item: String, _ values: [Measure: Int], _ expected: [String]) {
        #expect(steps(item, values) == expected)
    }

    @Test func roleModelsOfferAStoryOrANewModel() {
        #expect(steps("role_models", [:], details: PlanDetails(shortStories: [ShortStory(title: "李四开店记", missingCharacters: 140)])) == [
            "创业典型“李四开店记”事迹材料还差140字，补足后得2分（+1）",
            "再树立1名创业典型，事迹材料不少于500字（合格创业典型达到1名），得2分（+1）",
        ])
    }

    /// Subsidies were listed as alternatives though each is worth its own 2 points: now each further step adds the
    /// next subsidy to those before, and the item's reachable gain is all of them.
    @Test func subsidiesClimbOneSubsidyAtATime() {
        let values: [Measure: Int] = [.subsidyFirstEligible: 3, .subsidyFirstReceived: 1, .subsidyRewardEligible: 1]
        #expect(steps("subsidies", values) == [
            "1名符合条件的人员尚未享受创业一次性奖励，落实后得4分（+2）",
            "为符合条件的人员落实创业一次性奖励1人、首次创业补贴2人（共3人次），得6分（+4）",
        ])
        let plan = Planner.plan(rubric, facts: facts(values), checklist: [:], period: Period.year(of: today), today: today)
        #expect(plan.gaps.first { $0.itemId == "subsidies" }?.steps.map(\.units) == [1, 3])
        let others = plan.gaps.filter { $0.itemId != "subsidies" }.reduce(Points.zero) { $0 + ($1.steps.map(\.gain).max() ?? .zero) }
        #expect(plan.reachableGain - others == Points(4))
    }

    /// An item with nobody in its group proposes nothing the clerk could do for it, and says why as the score does.
    @Test func anEmptyGroupIsSaidNotPlanned() {
        let plan = Planner.plan(rubric, facts: facts([.labourForce: 100]), checklist: [:], period: Period.year(of: today), today: today)
        let blocked = Dictionary(uniqueKeysWithValues: plan.gaps.compactMap { g in g.blocked.map { (g.itemId, $0) } })
        #expect(blocked == [
            "jobs_index": "无符合条件的人员：初期创业者为0，未计分",
            "subsidies": "无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数为0，未计分",
            "training_pass": "无符合条件的人员：参加培训人数为0，未计分",
            "post_training_start": "无符合条件的人员：培训合格时未创业人数为0，未计分",
            "records_complete": "无符合条件的人员：摸底登记人数为0，未计分",
        ])
    }
}
