import LedgerCore
import LedgerResources
import LedgerStore
import LedgerTUI

/// Runs the evaluation screen's requests against the store's `EvaluationStore` role.
enum EvaluationEffects {
    static func run(_ request: EvaluationRequest, community: String, database: any LedgerStorage) async throws -> Action {
        guard let store = database as? any EvaluationStore else {
            return .effectFailed("当前数据库引擎不支持评选程序（自评、初评、抽样）")
        }
        let updated: Evaluation?
        switch request {
        case .load: updated = try await store.evaluation(community: community)
        case .submit(let shown):
            // The score on screen may be older than the registers (another clerk's save, an import from the command
            // line): what is frozen is computed now, from the same rubric, as `chuangye evaluate submit` does.
            let card = try await currentCard(like: shown, community: community, database: database)
            updated = try await store.submitSelfAssessment(community: community, card: card)
        case .adjust(let item, let points, let reason):
            updated = try await store.adjust(community: community, item: item, points: points, reason: reason)
        case .draw(let size):
            // Nine digits at most: easy to read out to the community and to type again.
            updated = try await store.drawSpotChecks(community: community, size: size, seed: UInt64.random(in: 1...999_999_999))
        case .check(let position, let result, let note):
            updated = try await store.recordSpotCheck(community: community, position: position, result: result, note: note)
        case .sign: updated = try await store.signOff(community: community)
        case .unlock(let reason):
            try await store.unlock(community: community, reason: reason)
            updated = try await store.evaluation(community: community)
        }
        return .evaluationUpdated(updated, after: request == .load ? nil : request)
    }

    /// The community's score card by the shown card's rubric, from the registers as they are now.
    static func currentCard(like shown: ScoreCard, community code: String, database: any LedgerStorage) async throws -> ScoreCard {
        guard let community = try await database.community(code: code),
              let rubric = try Rubrics.all().first(where: { $0.id == shown.rubricId }) else { return shown }
        let facts = try await CommunityScore.facts(community, in: database)
        return ScoreEngine.evaluate(rubric, facts: facts, checklist: community.checklist)
    }
}
