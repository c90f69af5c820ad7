import LedgerCore
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
        case .submit(let card): updated = try await store.submitSelfAssessment(community: community, card: card)
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
}
