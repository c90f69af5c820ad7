import Foundation
import Testing
@testable import LedgerCore

/// The one rule for an empty denominator (DECISIONS.md): an item whose rate is over nobody earns nothing from the
/// registers, and says why; the items without a denominator score as the table words them.
struct EmptyBaseTests {
    let rubric: Rubric
    init() throws { rubric = try Rubrics.load("xining-community") }

    /// A register that earns every point: each figure chosen so that its item is at its maximum.
    static let full: [Measure: Int] = [
        .participants: 224, .labourForce: 3200, .entrepreneurs: 10, .entrepreneurJobs: 30,
        .subsidyFirstEligible: 2, .subsidyFirstReceived: 2, .subsidyRewardEligible: 2, .subsidyRewardReceived: 2,
        .subsidyJobsEligible: 2, .subsidyJobsReceived: 2, .registered: 20, .inScope: 10, .inScopeTrained: 10,
        .trained: 10, .passed: 10, .postTrainingBase: 10, .postTrainingStarted: 3, .serviceTargets: 15, .servedTwice: 15,
        .publicity: 3, .roleModels: 1, .incubation: 1,
    ]
    static let answers: [String: Points] = ["leading_group": Points(2), "work_rules": Points(2), "work_plan": Points(3),
                                            "service_window": Points(2), "expert_team": Points(4), "innovation": Points(4)]

    /// A community just set up: its profile (labour force) and nothing in any register, no checklist answered.
    @Test func anEmptyRegisterScoresWhatTheRuleGivesForEveryItem() {
        let card = ScoreEngine.evaluate(rubric, facts: facts([.labourForce: 3200]), checklist: [:])
        let shown = card.items.map { "\($0.id) \($0.points) \($0.explanation)" }
        #expect(shown == [
            "participation_rate 0 参与创业活动者0 ÷ 城镇劳动者总数3200 = 0%（0/3200），未达到7%，得0分",
            "jobs_index 0 无符合条件的人员：初期创业者为0，未计分",
            "leading_group 0 尚未在社区档案中自评，按0分计",
            "work_rules 0 尚未在社区档案中自评，按0分计",
            "work_plan 0 尚未在社区档案中自评，按0分计",
            "subsidies 0 无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数为0，未计分",
            "survey_register 0 摸底登记人数0，未达到1，得0分",
            "training_rate 0 无符合条件的人员：纳入培训范围人数为0，未计分",
            "training_pass 0 无符合条件的人员：参加培训人数为0，未计分",
            "post_training_start 0 无符合条件的人员：培训合格时未创业人数为0，未计分",
            "service_window 0 尚未在社区档案中自评，按0分计",
            "services 0 无符合条件的人员：应服务人数（有意愿及初期创业者）为0，未计分",
            "publicity 0 宣传活动次数0，差3个，每少一个扣1分，得0分",
            // The table's own words, not an empty denominator: 每少一名在基本分中扣1分 of 2 for 1名以上.
            "role_models 1 合格创业典型（事迹≥500字）0，差1个，每少一个扣1分，得1分",
            "incubation 0 推荐入园数0，差1个，每少一个扣6分，得0分",
            "expert_team 0 尚未在社区档案中自评，按0分计",
            "innovation 0 尚未在社区档案中自评，按0分计",
            "records_complete 0 无符合条件的人员：摸底登记人数为0，未计分",
        ])
        #expect(card.total == Points(1))
        // The gauges agree: nothing has come anywhere.
        #expect(card.items.filter { $0.id != "role_models" }.allSatisfy { $0.progress == 0 })
    }

    @Test func theFullRegisterEarnsEveryPoint() {
        let card = ScoreEngine.evaluate(rubric, facts: facts(Self.full), checklist: Self.answers)
        #expect(card.total == Points(100), "\(card.items.filter { $0.points < $0.max }.map(\.id))")
    }

    /// The full register with one item's group emptied: that item alone drops to 0, with its reason; every other
    /// item keeps its points.
    @Test(arguments: [
        ("jobs_index", [Measure.entrepreneurs, .entrepreneurJobs], "初期创业者"),
        ("subsidies", [.subsidyFirstEligible, .subsidyFirstReceived, .subsidyRewardEligible, .subsidyRewardReceived,
                       .subsidyJobsEligible, .subsidyJobsReceived], "首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数"),
        ("training_rate", [.inScope, .inScopeTrained], "纳入培训范围人数"),
        ("training_pass", [.trained, .passed], "参加培训人数"),
        ("post_training_start", [.postTrainingBase, .postTrainingStarted], "培训合格时未创业人数"),
        ("services", [.serviceTargets, .servedTwice], "应服务人数（有意愿及初期创业者）"),
        ("participation_rate", [.labourForce, .participants], "城镇劳动者总数"),
    ])
    func onlyTheItemWithAnEmptyDenominatorChanges(_ itemId: String, _ emptied: [Measure], _ group: String) throws {
        var values = Self.full
        for m in emptied { values[m] = 0 }
        let full = ScoreEngine.evaluate(rubric, facts: facts(Self.full), checklist: Self.answers)
        let card = ScoreEngine.evaluate(rubric, facts: facts(values), checklist: Self.answers)
        let item = try #require(card.item(itemId))
        #expect(item.points == .zero)
        #expect(item.explanation == "无符合条件的人员：\(group)为0，未计分")
        #expect(item.progress == 0)
        #expect(card.total == Points(100) - item.max)
        for (before, after) in zip(full.items, card.items) where before.id != itemId {
            #expect(after.points == before.points && after.explanation == before.explanation, "\(after.id)")
        }
    }

    /// Only the eligible count toward the subsidies' group: one subsidy with someone eligible and fully received
    /// is the whole rate.
    @Test func aSubsidyNobodyIsEligibleForIsNoShortfall() {
        let card = ScoreEngine.evaluate(rubric, facts: facts([.subsidyRewardEligible: 1, .subsidyRewardReceived: 1]), checklist: [:])
        #expect(card.item("subsidies")?.points == Points(6))
        #expect(card.item("subsidies")?.explanation == "已享受/符合条件：0/0，1/1，0/0；符合条件的人员均已享受，得满分")
    }

    /// The street's table and the city's follow the same rule: an empty street scores nothing at all.
    @Test func theOtherTablesScoreAnEmptyRegisterTheSameWay() throws {
        let street = try Rubrics.load("xining-street")
        #expect(ScoreEngine.evaluate(street, facts: facts([.labourForce: 3200]), checklist: [:]).total == .zero)
        let city = try Rubrics.load("shandong-city")
        let card = ScoreEngine.evaluate(city, facts: facts([.labourForce: 3200]), checklist: [:])
        #expect(card.total == .zero)
        #expect(card.item("subsidy_ratio")?.explanation == "无符合条件的人员：首次创业补贴、岗位开发补贴符合条件人数为0，未计分")
        // No item of any shipped table may still give points to an empty group.
        #expect(card.item("subsidy_ratio")?.reachable == [.zero, Points(2), Points(3), Points(4)])
    }

    /// A table that still gives points to nobody is refused: the rule is one for every table.
    @Test func aTableGivingPointsToAnEmptyGroupIsRefused() {
        let file = #"{"id":"x","title":"x","citation":"x","level":"社区","total":4,"items":[{"id":"a","title":"a","max":4,"source":"documented","rule":{"kind":"rate_bands","numerators":["passed"],"denominators":["trained"],"bands":[{"min":"90%","points":4}],"empty_points":4}}]}"#
        #expect(throws: RubricError.self) { try Rubric.decode(Data(file.utf8), name: "old.json") }
    }
}
