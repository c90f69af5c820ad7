import Foundation
import LedgerCore
import LedgerResources
import LedgerStore
import LedgerTUI
import Testing
@testable import ChuangyeCLI

/// The evaluation screen's submit freezes the score of the registers as they are when it runs, not the score the
/// screen last showed (another clerk or an import may have changed them since).
struct EvaluationSubmitEffectTests {
    @Test func aSubmissionFreezesTheCurrentScoreNotTheOneShown() async throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let database = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        let rubric = try #require(try Rubrics.all().first { $0.id == "xining-community" })
        let community = try #require(try database.community(code: "630102001"))
        let stale = ScoreEngine.evaluate(rubric, facts: ScoreFacts(), checklist: [:])
        let current = ScoreEngine.evaluate(rubric, facts: try database.scoreFacts(community: community.code), checklist: community.checklist)
        #expect(stale.total != current.total)
        let action = try await EvaluationEffects.run(.submit(stale), community: community.code, database: database)
        guard case .evaluationUpdated(let evaluation?, _) = action else { Issue.record("\(action)"); return }
        #expect(evaluation.selfTotal == current.total)
        #expect(evaluation.items.map(\.points) == current.items.map(\.points))
    }
}
