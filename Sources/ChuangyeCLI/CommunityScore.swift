import LedgerCore
import LedgerStore

/// The figures a community or street is scored on: one definition for `score`, `export score` and `export overview`.
enum CommunityScore {
    /// A community's own registers; a street's are the union of its communities' (and its own), over its own
    /// labour force.
    static func facts(_ community: Community, in database: any LedgerStorage) async throws -> ScoreFacts {
        do {
            guard community.level == .street else { return try await database.scoreFacts(community: community.code) }
            var union = try await database.scoreFacts(street: community.name) + (try await database.scoreFacts(community: community.code))
            union[.labourForce] = community.labourForce
            return union
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
    }

    /// The community's score by the rubric `id` (nil: its level's default) from its registers as they are now,
    /// with the figures it was computed from.
    static func card(_ community: Community, rubric id: String? = nil, in database: any LedgerStorage) async throws
        -> (card: ScoreCard, facts: ScoreFacts) {
        let rubric = try rubric(id ?? Rubrics.defaultId(for: community.level), among: try Rubrics.all())
        let facts = try await facts(community, in: database)
        return (ScoreEngine.evaluate(rubric, facts: facts, checklist: community.checklist), facts)
    }

    /// The rubric with this id, or a usage error listing those there are.
    /// The rubric by its id or its title (a person types the name they read).
    static func rubric(_ id: String, among rubrics: [Rubric]) throws -> Rubric {
        guard let chosen = rubrics.first(where: { $0.id == id }) ?? rubrics.first(where: { $0.title == id }) else {
            throw CLIFailure.usage("没有评分表“\(id)”，可用：\(rubrics.map { "\($0.title)（\($0.id)）" }.joined(separator: "、"))")
        }
        return chosen
    }
}
