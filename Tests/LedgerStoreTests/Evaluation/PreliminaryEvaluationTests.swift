import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct PreliminaryEvaluationTests {
    @Test(arguments: StoreEngine.allCases)
    func aSupervisorSetsADifferentScoreWithAReasonAndTheDifferencesAreKept(engine: StoreEngine) async throws {
        // Given a submitted self-assessment whose 建立摸底台账 scored 2
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let submitted = try await f.submit()
        let item = try #require(submitted.items.first { $0.id == "survey_register" })
        #expect(item.points == Points(2))
        // When the supervisor gives it 0 (all or nothing) with a reason
        let evaluated = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "台账缺少签字", stage: .district)
        // Then the difference and its reason are kept, and the 初评 total is two points lower
        let adjustment = try #require(evaluated.adjustments["survey_register"])
        #expect(adjustment.points == .zero && adjustment.reason == "台账缺少签字" && adjustment.by == "督导员")
        #expect(evaluated.evaluatedTotal == submitted.selfTotal - Points(2))
        #expect(evaluated.selfTotal == submitted.selfTotal)
        // And the audit trail has it
        let audit = try await f.clerk.recentHistory(community: f.code, limit: 5).filter { $0.recordTable == "evaluation" }
        #expect(audit.first?.action == "adjust")
        #expect(audit.first?.changes == [FieldChange(field: "item.survey_register", old: "2", new: "0"),
                                          FieldChange(field: "reason", old: nil, new: "台账缺少签字")])
        // Giving back the submitted points removes the difference but keeps the decision and its reason
        let back = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: Points(2), reason: "补签后复核", stage: .district)
        #expect(back.evaluatedTotal == submitted.selfTotal && back.differingItems == 0)
        #expect(back.adjustments["survey_register"]?.points == Points(2) && back.adjustments["survey_register"]?.reason == "补签后复核")
        // The history keeps the reason it replaced
        let backEntry = try #require(try await f.clerk.recentHistory(community: f.code, limit: 5).first { $0.recordTable == "evaluation" })
        #expect(backEntry.changes == [FieldChange(field: "item.survey_register", old: "0", new: "2"),
                                      FieldChange(field: "reason", old: "台账缺少签字", new: "补签后复核")])
        // And the same points again change nothing: refused, not a second entry reading 2 → 2
        let entries = try await f.clerk.recentHistory(community: f.code, limit: 20).count
        let same = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: Points(2), reason: "再确认", stage: .district)
        }
        #expect(same?.message == "建立摸底台账的初评已是2分，未改动")
        #expect(try await f.clerk.recentHistory(community: f.code, limit: 20).count == entries)
    }

    @Test(arguments: StoreEngine.allCases)
    func anAdjustmentNeedsAReasonAPointsInRangeAKnownItemAndASupervisor(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        // Nothing to evaluate before a submission
        await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "x", stage: .district)
        }
        _ = try await f.submit()
        let refusals: [(any EvaluatingStore, String, Points, String, String)] = [
            (f.supervisor, "survey_register", Points(1), "  ", "初评改分必须填写理由"),
            (f.supervisor, "survey_register", Points(3), "多给", "建立摸底台账只能得2分或0分（全得或不得），不能给3分"),
            (f.supervisor, "survey_register", Points(1), "给一半", "建立摸底台账只能得2分或0分（全得或不得），不能给1分"),
            (f.supervisor, "participation_rate", Points(hundredths: 750), "一半", "劳动者创业参与率达到7%只能得15分或0分（全得或不得），不能给7.5分"),
            (f.supervisor, "training_pass", Points(hundredths: 250), "扣一半", "培训合格率100%只能得以下分数之一：0、1、2、3、4，不能给2.5分"),
            (f.supervisor, "no_such_item", Points(1), "理由", "自评中没有评分项“no_such_item”，可用：劳动者创业参与率达到7%（participation_rate）"),
            (f.clerk, "survey_register", Points(1), "理由", "只有区县督导可以初评改分，王芳不是区县督导"),
        ]
        for (who, item, points, reason, message) in refusals {
            let error = await #expect(throws: StoreError.self) {
                _ = try await who.adjust(community: f.code, item: item, points: points, reason: reason, stage: .district)
            }
            #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
        }
        #expect(try await f.clerk.evaluation(community: f.code)?.adjustments.isEmpty == true)
    }

    @Test(arguments: StoreEngine.allCases)
    func aStepItemTakesItsStepsAndAnItemIsNamedByItsChineseTitle(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        // 培训合格率 deducts 1 per started 5%: 3 is a step; the item is found by the title a person reads
        let stepped = try await f.supervisor.adjust(community: f.code, item: "培训合格率100%", points: Points(3), reason: "合格证缺1份", stage: .district)
        #expect(stepped.adjustments["training_pass"]?.points == Points(3))
        // 带动就业 all or nothing: 15 is allowed (the item's maximum), 0 too
        let full = try await f.supervisor.adjust(community: f.code, item: "jobs_index", points: Points(15), reason: "复核达标", stage: .district)
        #expect(full.adjustments["jobs_index"]?.points == Points(15))
        // The frozen values are those of the rule (LedgerCore's one definition)
        let item = try #require(full.items.first { $0.id == "incubation" })
        #expect(item.allowed == [.zero, Points(6)])
        #expect(full.items.first { $0.id == "expert_team" }?.allowed == [.zero, Points(2), Points(4)])
        #expect(full.items.first { $0.id == "records_complete" }?.allowed == [.zero, Points(2), Points(4)])
    }
}
