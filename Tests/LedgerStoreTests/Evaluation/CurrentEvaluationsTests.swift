import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// `currentEvaluations`: the overview's and home screen's read of each community's submission for its period,
/// with the 初评 only once begun and the status through the procedure, on both engines.
struct CurrentEvaluationsTests {
    @Test(arguments: StoreEngine.allCases)
    func theSubmissionItsReviewAndStatusFollowTheProcedure(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        // Not submitted: absent, and the status says so
        #expect(try await f.supervisor.currentEvaluations(community: nil).isEmpty)
        #expect(EvaluationStatus(nil) == .notSubmitted)

        let submitted = try await f.submit()
        var current = try #require(try await f.supervisor.currentEvaluations(community: nil)[f.code])
        #expect(current.selfTotal == submitted.selfTotal && current.status == .submitted)
        // Nothing of a 初评 before the supervisor begins it
        #expect(current.reviewTotal == nil && current.standingText == "已提交自评 \(submitted.selfTotal)")

        // A later change of the registers does not change the submitted figure, and is counted without a scan
        _ = try await f.clerk.saveRecord(.service, service(validId(serial: 2)), community: f.code)
        current = try #require(try await f.clerk.currentEvaluations(community: f.code)[f.code])
        #expect(current.selfTotal == submitted.selfTotal && current.changesSinceSubmission == 1 && current.isOutdated)

        _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "台账缺少签字", stage: .district)
        current = try #require(try await f.supervisor.currentEvaluations(community: f.code)[f.code])
        #expect(current.reviewTotal == submitted.selfTotal - Points(2) && current.status == .submitted)
        #expect(current.standingText == "已提交自评 \(submitted.selfTotal)，初评 \(submitted.selfTotal - Points(2))（未签署）")

        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 1, services: 0, seed: 5, stage: .district)
        #expect(try await f.supervisor.currentEvaluations(community: nil)[f.code]?.status == .sampled)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .district)
        _ = try await f.supervisor.signOff(community: f.code, stage: .district)
        current = try #require(try await f.clerk.currentEvaluations(community: f.code)[f.code])
        #expect(current.status == .signed && current.signature?.by == "督导员")
        #expect(current.standingText == "已提交自评 \(submitted.selfTotal)，初评 \(submitted.selfTotal - Points(2))（督导员已签署·已锁定）")
        // Only the asked community's
        #expect(try await f.clerk.currentEvaluations(community: "630102999").isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func aSubmissionOfAnotherPeriodIsNotTheCurrentOne(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        // The community moves on to the next period: its old submission is not this period's
        let next = try #require(Day(year: 2025, month: 1, day: 1)).ordinal
        try await f.supervisor.saveCommunity(community(period: Period(start: Day(ordinal: next), end: Day(ordinal: next + 364))))
        #expect(try await f.supervisor.currentEvaluations(community: nil).isEmpty)
    }
}
