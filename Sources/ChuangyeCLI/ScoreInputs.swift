import LedgerCore
import LedgerStore

/// What a score (and a plan) is computed from: the community, its rubric and its figures. One place for `score`,
/// `plan` and the workbook of the self-assessment, so they can never score different figures.
struct ScoreInputs {
    let community: Community
    let rubric: Rubric
    let facts: ScoreFacts

    /// `rubricId` nil: the default for the profile's level. A street is scored over the union of its communities.
    static func resolve(_ database: any LedgerStorage, community: Community, rubricId: String?) throws -> ScoreInputs {
        let rubrics = try Rubrics.all()
        let id = rubricId ?? Rubrics.defaultId(for: community.level)
        guard let chosen = rubrics.first(where: { $0.id == id }) else {
            throw CLIFailure.usage("没有评分表 \(id)，可用：\(rubrics.map(\.id).joined(separator: "、"))")
        }
        do {
            if community.level == .street {
                var union = try database.scoreFacts(street: community.name) + (try database.scoreFacts(community: community.code))
                union[.labourForce] = community.labourForce
                return ScoreInputs(community: community, rubric: chosen, facts: union)
            }
            return ScoreInputs(community: community, rubric: chosen, facts: try database.scoreFacts(community: community.code))
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
    }
}
