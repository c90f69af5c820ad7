import Testing
@testable import LedgerCore

/// The plan against the calendar and the lock: a step whose rule needs longer than the days left says so and ranks
/// after what can still be done; a plan of locked records says the score can no longer change.
struct PlanCalendarTests {
    let rubric: Rubric
    let period = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
    init() throws { rubric = try Rubrics.load("xining-community") }

    /// Two passed trainees without a business, one publicity activity.
    var figures: ScoreFacts { facts([.postTrainingBase: 2, .postTrainingStarted: 0, .labourForce: 100, .publicity: 1]) }

    @Test func aStartThatCannotRunThreeMonthsBeforeTheEndSaysSoAndRanksLast() throws {
        // 24 days left (the tester's 2026-12-07)
        let p = Planner.plan(rubric, facts: figures, checklist: [:], period: period, today: Day(year: 2026, month: 12, day: 7)!)
        #expect(p.daysLeft == 24)
        let step = try #require(p.gaps.first { $0.itemId == "post_training_start" }?.steps.first)
        #expect(step.action == "还需1名培训合格者在培训后创业并经营满3个月，得2分（+2）；但距考核期结束只剩24天，不足3个月，本期已来不及")
        #expect(step.tooLate == "距考核期结束只剩24天，不足3个月，本期已来不及")
        // Every step that can still count comes before it, however much better it pays per unit of work
        let ranked = p.ranked
        let late = try #require(ranked.firstIndex { $0.tooLate != nil })
        #expect(ranked[..<late].allSatisfy { $0.tooLate == nil } && ranked[late...].allSatisfy { $0.tooLate != nil })
        #expect(p.rankedGaps.last(where: { !$0.steps.isEmpty })?.itemId == "post_training_start")
        // And what the plan promises leaves it out: the same figures with time left promise its 2 points more
        let early = Planner.plan(rubric, facts: figures, checklist: [:], period: period, today: Day(year: 2026, month: 3, day: 1)!)
        #expect(early.gaps.first { $0.itemId == "post_training_start" }?.steps.first?.tooLate == nil)
        #expect(early.reachableGain - p.reachableGain == step.gain && step.gain > .zero)
    }

    @Test func thereIsTimeUntilTheLastDayThatLeavesThreeMonths() throws {
        // A licence taken on 2026-09-30 has run three months on 2026-12-30: in time; a day later it is not.
        for (today, late) in [(Day(year: 2026, month: 9, day: 30)!, false), (Day(year: 2026, month: 10, day: 1)!, true)] {
            let p = Planner.plan(rubric, facts: figures, checklist: [:], period: period, today: today)
            let step = try #require(p.gaps.first { $0.itemId == "post_training_start" }?.steps.first)
            #expect((step.tooLate != nil) == late, "\(today)")
            #expect(step.action.hasSuffix("本期已来不及") == late, "\(today)")
        }
    }

    @Test func aLockedPlanSaysTheScoreCanNoLongerChange() {
        let open = Planner.plan(rubric, facts: figures, checklist: [:], period: period, today: Day(year: 2026, month: 12, day: 7)!)
        #expect(open.lockNotice == nil)
        let locked = Planner.plan(rubric, facts: figures, checklist: [:], period: period, today: Day(year: 2026, month: 12, day: 7)!,
                                  lock: Signature(by: "王督导", at: "2026-12-07T05:52:31"))
        #expect(locked.lockNotice == "台账已锁定（王督导 2026-12-07 05:52 签署初评）：计划已不能改变本期得分，以下数字仅供参考")
        // The figures stay, as information
        #expect(locked.gaps == open.gaps)
    }
}
