import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct PreliminaryEvaluationTests {
    @Test func aSupervisorSetsADifferentScoreWithAReasonAndTheDifferencesAreKept() throws {
        // Given a submitted self-assessment whose 建立摸底台账 scored 2
        let f = try EvaluationFixture()
        let submitted = try f.submit()
        let item = try #require(submitted.items.first { $0.id == "survey_register" })
        #expect(item.points == Points(2))
        // When the supervisor gives it 1 with a reason
        let evaluated = try f.supervisor.adjust(community: f.code, item: "survey_register", points: Points(1), reason: "台账缺少签字")
        // Then the difference and its reason are kept, and the 初评 total is one point lower
        let adjustment = try #require(evaluated.adjustments["survey_register"])
        #expect(adjustment.points == Points(1) && adjustment.reason == "台账缺少签字" && adjustment.by == "督导员")
        #expect(evaluated.evaluatedTotal == submitted.selfTotal - Points(1))
        #expect(evaluated.selfTotal == submitted.selfTotal)
        // And the audit trail has it
        let audit = try f.clerk.recentHistory(community: f.code, limit: 5).filter { $0.recordTable == "evaluation" }
        #expect(audit.first?.action == "adjust")
        #expect(audit.first?.changes == [FieldChange(field: "item.survey_register", old: "2", new: "1"),
                                          FieldChange(field: "reason", old: nil, new: "台账缺少签字")])
        // Giving back the submitted points removes the difference
        let back = try f.supervisor.adjust(community: f.code, item: "survey_register", points: Points(2), reason: "补签后复核")
        #expect(back.adjustments.isEmpty && back.evaluatedTotal == submitted.selfTotal)
    }

    @Test func anAdjustmentNeedsAReasonAPointsInRangeAKnownItemAndASupervisor() throws {
        let f = try EvaluationFixture()
        // Nothing to evaluate before a submission
        #expect(throws: StoreError.self) { _ = try f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "x") }
        _ = try f.submit()
        let refusals: [(AppDatabase, String, Points, String, String)] = [
            (f.supervisor, "survey_register", Points(1), "  ", "初评改分必须填写理由"),
            (f.supervisor, "survey_register", Points(3), "多给", "建立摸底台账的初评分数应在0到2分之间，3分超出范围"),
            (f.supervisor, "no_such_item", Points(1), "理由", "自评中没有评分项no_such_item"),
            (f.clerk, "survey_register", Points(1), "理由", "只有督导可以初评改分，王芳不是督导"),
        ]
        for (who, item, points, reason, message) in refusals {
            let error = #expect(throws: StoreError.self) { _ = try who.adjust(community: f.code, item: item, points: points, reason: reason) }
            #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
        }
        #expect(try f.clerk.evaluation(community: f.code)?.adjustments.isEmpty == true)
    }
}
