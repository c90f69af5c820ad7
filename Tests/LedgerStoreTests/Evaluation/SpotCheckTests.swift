import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct SpotCheckTests {
    @Test func theDrawIsStratifiedProportionallyAndReproducibleFromItsSeed() throws {
        // Given 20 persons intending to start and 10 entrepreneurs, submitted
        let f = try EvaluationFixture(intending: 20, started: 10)
        _ = try f.submit()
        // When the supervisor draws 6 with seed 20241231
        let drawn = try f.supervisor.drawSpotChecks(community: f.code, size: 6, seed: 20_241_231)
        let sample = try #require(drawn.sample)
        // Then the strata get 4 and 2, as their sizes say, and the seed and who drew are kept
        #expect(sample.strata == [.init(name: "有创业意愿", population: 20, drawn: 4), .init(name: "已创业", population: 10, drawn: 2)])
        #expect(sample.checks.map(\.stratum) == ["有创业意愿", "有创业意愿", "有创业意愿", "有创业意愿", "已创业", "已创业"])
        #expect(sample.checks.map(\.position) == Array(1...6))
        #expect(Set(sample.checks.map(\.personId)).count == 6)
        #expect(sample.seed == 20_241_231 && sample.drawnBy == "督导员" && sample.checkedCount == 0 && sample.discrepancyRate == nil)

        // And the same seed over the same registers draws the same persons in another database
        let copy = try EvaluationFixture(intending: 20, started: 10)
        _ = try copy.submit()
        let again = try #require(try copy.supervisor.drawSpotChecks(community: copy.code, size: 6, seed: 20_241_231).sample)
        #expect(again.checks.map(\.personId) == sample.checks.map(\.personId))
        // while another seed draws another sample
        let other = try EvaluationFixture(intending: 20, started: 10)
        _ = try other.submit()
        let otherSample = try #require(try other.supervisor.drawSpotChecks(community: other.code, size: 6, seed: 7).sample)
        #expect(otherSample.checks.map(\.personId) != sample.checks.map(\.personId))

        // A second draw of the same submission is refused: the list shown to the community stays the list
        let error = #expect(throws: StoreError.self) { _ = try f.supervisor.drawSpotChecks(community: f.code, size: 6, seed: 1) }
        #expect(error?.message.contains("不能重抽") == true)
        #expect(try f.clerk.evaluation(community: f.code)?.sample == sample)
    }

    /// Once the sample is drawn (or a score changed), the clerk cannot submit again to get a new draw; a supervisor
    /// may start over, and the earlier 初评 stays in the history.
    @Test func aClerkCannotResubmitOnceTheInitialEvaluationHasBegun() throws {
        let f = try EvaluationFixture(intending: 20, started: 10)
        _ = try f.submit()
        _ = try f.clerk.submitSelfAssessment(community: f.code, card: try f.card()) // nothing begun yet: allowed
        let drawn = try #require(try f.supervisor.drawSpotChecks(community: f.code, size: 6, seed: 3).sample)
        let refused = #expect(throws: StoreError.self) { _ = try f.clerk.submitSelfAssessment(community: f.code, card: try f.card()) }
        #expect(refused?.message.contains("只有督导可以在初评开始后") == true)
        #expect(try f.clerk.evaluation(community: f.code)?.sample == drawn)
        let restarted = try f.supervisor.submitSelfAssessment(community: f.code, card: try f.card())
        #expect(restarted.sample == nil)
    }

    @Test func drawsNeedASupervisorASubmissionPersonsAndASensibleSize() throws {
        let f = try EvaluationFixture()
        #expect(throws: StoreError.self) { _ = try f.supervisor.drawSpotChecks(community: f.code, size: 2, seed: 1) }
        _ = try f.submit()
        for size in [0, -1, 1_001] {
            #expect(throws: StoreError.self) { _ = try f.supervisor.drawSpotChecks(community: f.code, size: size, seed: 1) }
        }
        let error = #expect(throws: StoreError.self) { _ = try f.clerk.drawSpotChecks(community: f.code, size: 2, seed: 1) }
        #expect(error?.message == "只有督导可以随机抽样，王芳不是督导")
        // A size beyond the register takes everyone
        let all = try #require(try f.supervisor.drawSpotChecks(community: f.code, size: 50, seed: 1).sample)
        #expect(all.checks.count == 4 && all.requestedSize == 50)
    }

    @Test func resultsGiveProgressAndTheDiscrepancyRateAndAnUntrueRecordIsFlaggedToTheCommunity() throws {
        // Given a drawn sample of all four persons
        let f = try EvaluationFixture()
        _ = try f.submit()
        let sample = try #require(try f.supervisor.drawSpotChecks(community: f.code, size: 4, seed: 99).sample)
        // 不属实 needs a note; a position outside the list is refused; a clerk records nothing
        #expect(throws: StoreError.self) { _ = try f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: " ") }
        #expect(throws: StoreError.self) { _ = try f.supervisor.recordSpotCheck(community: f.code, position: 5, result: .confirmed, note: "") }
        #expect(throws: StoreError.self) { _ = try f.clerk.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "") }
        // When three are checked: confirmed, untrue (with a note), unreachable
        _ = try f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "")
        _ = try f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .untrue, note: "本人称未接受过创业指导")
        let checked = try f.supervisor.recordSpotCheck(community: f.code, position: 3, result: .unreachable, note: "电话空号")
        // Then progress and the discrepancy rate (不属实 among the checked) follow
        let s = try #require(checked.sample)
        #expect(s.checkedCount == 3 && s.count(.untrue) == 1 && s.count(.unreachable) == 1)
        #expect(s.discrepancyRate == Rational(1, 3))
        #expect(s.checks.map(\.result) == [.confirmed, .untrue, .unreachable, nil])
        // And the community sees the untrue record with the note, not yet corrected
        let flags = try f.clerk.spotCheckFlags(community: f.code)
        #expect(flags.map(\.personId) == [sample.checks[1].personId])
        #expect(flags.first?.note == "本人称未接受过创业指导" && flags.first?.changesSinceCheck == 0)
        // When the clerk corrects that person, the flag shows the correction
        let ref = RecordRef(.survey, id: sample.checks[1].personId)
        let opened = try #require(try f.clerk.open(ref))
        var fields = opened.fields
        fields["remarks"] = "经核实已更正"
        _ = try #require(try f.clerk.save(RecordEntry(.survey, fields), community: f.code, editing: opened.token).saved)
        #expect(try f.clerk.spotCheckFlags(community: f.code).first?.changesSinceCheck == 1)
    }
}
