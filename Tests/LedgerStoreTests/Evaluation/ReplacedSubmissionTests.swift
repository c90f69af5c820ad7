import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A supervisor who starts the 初评 over (a new submission after a draw) does not make the earlier one vanish: the
/// new submission names the one it replaced, with its 初评, its sample and its findings, on both engines.
struct ReplacedSubmissionTests {
    @Test(arguments: StoreEngine.allCases)
    func aSubmissionAfterADrawNamesTheOneItReplaced(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        // A first submission is never a replacement
        let first = try await f.submit()
        #expect(first.replaced == nil)
        // Its 初评 began: a score changed, three drawn, one found 不属实
        _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "台账缺少签字", stage: .district)
        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 3, services: 0, seed: 11, stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: "查无此人", stage: .district)
        // When the supervisor submits again
        let again = try await f.supervisor.submitSelfAssessment(community: f.code, card: try await f.card(), reason: "抽样名单有误")
        // Then the new one names the first with what its 初评 held, for the clerk too
        for session in [f.supervisor, f.clerk] {
            let shown = try #require(try await session.evaluation(community: f.code))
            #expect(shown.id == again.id && shown.sample == nil)
            let replaced = try #require(shown.replaced)
            #expect(replaced.id == first.id && replaced.submittedBy == "王芳" && replaced.selfTotal == first.selfTotal)
            #expect(replaced.evaluatedTotal == first.selfTotal - Points(2))
            #expect(replaced.sampleSize == 3 && replaced.untrue == 1 && !replaced.wasUnlocked)
            #expect(replaced.text.hasPrefix("替代第\(first.id)份自评（王芳 ") && replaced.text.hasSuffix("；初评\(first.selfTotal - Points(2))分，已抽样3条，不属实1条）"))
        }
    }
}
