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
        // Nine digits at most: easy to read out to the community and to type again.
        let seed = UInt64.random(in: 1...999_999_999)
        let after = request.isRead ? nil : request
        if request.stage == .city {
            switch request {
            case .adjust(let item, let points, let reason, _):
                _ = try await store.adjust(community: community, item: item, points: points, reason: reason, stage: .city)
            case .draw(let size, let services, _):
                _ = try await store.drawSpotChecks(community: community, size: size, services: services, seed: seed, stage: .city)
            case .check(let position, let result, let note, _):
                _ = try await store.recordSpotCheck(community: community, position: position, result: result, note: note, stage: .city)
            case .signCity: _ = try await store.signOff(community: community, stage: .city)
            case .loadCity, .load, .submit, .sign, .recommend, .unlock: break
            }
            return .cityReviewUpdated(try await store.cityReview(community: community), after: after)
        }
        let updated: Evaluation?
        switch request {
        case .load, .loadCity: updated = try await store.evaluation(community: community)
        case .submit(let shown, let reason):
            // The score on screen may be older than the registers (another clerk's save, an import from the command
            // line): what is frozen is computed now, from the same rubric, as `chuangye evaluate submit` does.
            let card = try await currentCard(like: shown, community: community, database: database)
            updated = try await store.submitSelfAssessment(community: community, card: card, reason: reason)
        case .adjust(let item, let points, let reason, let stage):
            updated = try await store.adjust(community: community, item: item, points: points, reason: reason, stage: stage)
        case .draw(let size, let services, let stage):
            updated = try await store.drawSpotChecks(community: community, size: size, services: services, seed: seed, stage: stage)
        case .check(let position, let result, let note, let stage):
            updated = try await store.recordSpotCheck(community: community, position: position, result: result, note: note, stage: stage)
        case .sign, .signCity: updated = try await store.signOff(community: community, stage: .district)
        case .recommend: updated = try await store.recommendToCity(community: community)
        case .unlock(let reason):
            try await store.unlock(community: community, reason: reason)
            updated = try await store.evaluation(community: community)
        }
        return .evaluationUpdated(updated, after: after)
    }

    /// The community's score card by the shown card's rubric, from the registers as they are now.
    static func currentCard(like shown: ScoreCard, community code: String, database: any LedgerStorage) async throws -> ScoreCard {
        guard let community = try await database.community(code: code),
              let rubric = try Rubrics.all().first(where: { $0.id == shown.rubricId }) else { return shown }
        let facts = try await CommunityScore.facts(community, in: database)
        return ScoreEngine.evaluate(rubric, facts: facts, checklist: community.checklist)
    }
}
