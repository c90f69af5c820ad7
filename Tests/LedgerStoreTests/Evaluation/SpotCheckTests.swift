import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct SpotCheckTests {
    @Test(arguments: StoreEngine.allCases)
    func theDrawIsStratifiedProportionallyAndReproducibleFromItsSeed(engine: StoreEngine) async throws {
        // Given 20 persons intending to start and 10 entrepreneurs, submitted
        let f = try await EvaluationFixture(engine, intending: 20, started: 10)
        defer { f.cleanup() }
        _ = try await f.submit()
        // When the supervisor draws 6 with seed 20241231
        let drawn = try await f.supervisor.drawSpotChecks(community: f.code, size: 6, services: 0, seed: 20_241_231, stage: .district)
        let sample = try #require(drawn.sample)
        // Then the strata get 4 and 2, as their sizes say, and the seed and who drew are kept
        #expect(sample.strata == [.init(name: "有创业意愿", population: 20, drawn: 4), .init(name: "已创业", population: 10, drawn: 2)])
        #expect(sample.checks.map(\.stratum) == ["有创业意愿", "有创业意愿", "有创业意愿", "有创业意愿", "已创业", "已创业"])
        #expect(sample.checks.map(\.position) == Array(1...6))
        #expect(Set(sample.checks.map(\.personId)).count == 6)
        #expect(sample.seed == 20_241_231 && sample.drawnBy == "督导员" && sample.checkedCount == 0 && sample.discrepancyRate == nil)

        // And the same seed over the same registers draws the same persons in another database (of either engine)
        for other in StoreEngine.allCases {
            let copy = try await EvaluationFixture(other, intending: 20, started: 10)
            defer { copy.cleanup() }
            _ = try await copy.submit()
            let again = try #require(try await copy.supervisor.drawSpotChecks(community: copy.code, size: 6, services: 0, seed: 20_241_231, stage: .district).sample)
            #expect(again.checks.map(\.name) == sample.checks.map(\.name), "\(other)")
        }
        // while another seed draws another sample
        let other = try await EvaluationFixture(engine, intending: 20, started: 10)
        defer { other.cleanup() }
        _ = try await other.submit()
        let otherSample = try #require(try await other.supervisor.drawSpotChecks(community: other.code, size: 6, services: 0, seed: 7, stage: .district).sample)
        #expect(otherSample.checks.map(\.personId) != sample.checks.map(\.personId))

        // A second draw of the same submission is refused: the list shown to the community stays the list
        let error = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 6, services: 0, seed: 1, stage: .district)
        }
        #expect(error?.message.contains("不能重抽") == true)
        // When, as every time shown: `2026-12-06 21:09`, not the stored `2026-12-06T21:09:33`.
        #expect(error?.message.hasPrefix("本次初评已于\(TimeText.shown(sample.drawnAt))由") == true, "\(error?.message ?? "")")
        #expect(try await f.supervisor.evaluation(community: f.code)?.sample == sample)
    }

    /// Once the sample is drawn (or a score changed), the clerk cannot submit again to get a new draw; a supervisor
    /// may start over, and the earlier 初评 stays in the history.
    @Test(arguments: StoreEngine.allCases)
    func aClerkCannotResubmitOnceTheInitialEvaluationHasBegun(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 20, started: 10)
        defer { f.cleanup() }
        _ = try await f.submit()
        _ = try await f.clerk.submitSelfAssessment(community: f.code, card: try await f.card()) // nothing begun yet: allowed
        let drawn = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 6, services: 0, seed: 3, stage: .district).sample)
        let refused = await #expect(throws: StoreError.self) { _ = try await f.clerk.submitSelfAssessment(community: f.code, card: try await f.card()) }
        #expect(refused?.message.contains("只有区县督导可以在初评开始后") == true)
        #expect(try await f.supervisor.evaluation(community: f.code)?.sample == drawn)
        // A supervisor starting over says why (the draw and findings set aside could otherwise be replaced until a
        // sample suits, unexplained)
        let unexplained = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.submitSelfAssessment(community: f.code, card: try await f.card())
        }
        #expect(unexplained?.message == "初评已经开始（已抽样或已改分），重新提交自评须写理由：原初评、抽样和核实结果将被替代")
        let restarted = try await f.supervisor.submitSelfAssessment(community: f.code, card: try await f.card(), reason: "评分表选错，按街道评分表重评")
        #expect(restarted.sample == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func drawsNeedASupervisorASubmissionPersonsAndASensibleSize(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        await #expect(throws: StoreError.self) { _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 1, stage: .district) }
        _ = try await f.submit()
        for size in [0, -1, 1_001] {
            await #expect(throws: StoreError.self) { _ = try await f.supervisor.drawSpotChecks(community: f.code, size: size, services: 0, seed: 1, stage: .district) }
        }
        let error = await #expect(throws: StoreError.self) { _ = try await f.clerk.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 1, stage: .district) }
        #expect(error?.message == "只有区县督导可以随机抽样，王芳不是区县督导")
        // A size beyond the register takes everyone
        let all = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 50, services: 0, seed: 1, stage: .district).sample)
        #expect(all.checks.count == 4 && all.requestedSize == 50)
    }

    @Test(arguments: StoreEngine.allCases)
    func resultsGiveProgressAndTheDiscrepancyRateAndAnUntrueRecordIsFlaggedToTheCommunity(engine: StoreEngine) async throws {
        // Given a drawn sample of all four persons
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        let sample = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 4, services: 0, seed: 99, stage: .district).sample)
        // 不属实 needs a note; a position outside the list is refused; a clerk records nothing
        await #expect(throws: StoreError.self) { _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: " ", stage: .district) }
        await #expect(throws: StoreError.self) { _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 5, result: .confirmed, note: "", stage: .district) }
        await #expect(throws: StoreError.self) { _ = try await f.clerk.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .district) }
        // When three are checked: confirmed, untrue (with a note), unreachable
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .untrue, note: "本人称未接受过创业指导", stage: .district)
        let checked = try await f.supervisor.recordSpotCheck(community: f.code, position: 3, result: .unreachable, note: "电话空号", stage: .district)
        // Then progress and the discrepancy rate follow: 不属实 among the records the check established (属实 or
        // 不属实); 联系不上 is neither, so it is counted on its own, not in the denominator
        let s = try #require(checked.sample)
        #expect(s.checkedCount == 3 && s.count(.untrue) == 1 && s.count(.unreachable) == 1)
        #expect(s.discrepancyRate == Rational(1, 2))
        #expect(s.progressText == "核实进度 3/4：属实 1，不属实 1，联系不上 1；不符率 50%")
        #expect(s.checks.map(\.result) == [.confirmed, .untrue, .unreachable, nil])
        // And the community sees the untrue record with the note, not yet corrected
        let flags = try await f.clerk.spotCheckFlags(community: f.code)
        #expect(flags.map(\.personId) == [sample.checks[1].personId])
        #expect(flags.first?.note == "本人称未接受过创业指导" && flags.first?.changesSinceCheck == 0)
        // When the clerk corrects that person, the flag shows the correction
        let ref = RecordRef(.survey, id: sample.checks[1].personId)
        let opened = try #require(try await f.clerk.open(ref))
        var fields = opened.fields
        fields["remarks"] = "经核实已更正"
        try await f.clerk.saveRecord(.survey, fields, community: f.code, editing: opened.token)
        #expect(try await f.clerk.spotCheckFlags(community: f.code).first?.changesSinceCheck == 1)
    }
}
