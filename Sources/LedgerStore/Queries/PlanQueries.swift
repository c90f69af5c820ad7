import GRDB
import LedgerCore

extension AppDatabase {
    /// What the plan needs beyond the kept totals: the services still missing for every target to be served twice,
    /// and the role-model stories too short to count. Both read one community's rows through its indexes.
    public func planDetails(community code: String, period: Period) throws -> PlanDetails {
        try read { db in
            // One range of `person_short_of_services` (v14-plan): its WHERE must stay spelled as the index's.
            let missing = try Int.fetchOne(db, sql: Self.servicesMissingSQL, arguments: [code]) ?? 0
            // Counted in Swift, as the score counts a story's characters (`Activity.isQualifyingRoleModel`).
            let stories = try Row.fetchAll(db, sql: """
                SELECT title, COALESCE(story, '') AS story FROM activity
                WHERE community_code = ? AND deleted_at IS NULL AND kind = '创业典型' AND date BETWEEN ? AND ?
                ORDER BY length(COALESCE(story, '')) DESC, id
                """, arguments: [code, period.start.description, period.end.description])
            let short = stories.compactMap { row -> ShortStory? in
                let count = (row["story"] as String).count
                guard count < Activity.roleModelStoryMinimum else { return nil }
                return ShortStory(title: row["title"], missingCharacters: Activity.roleModelStoryMinimum - count)
            }
            return PlanDetails(servicesMissing: missing, shortStories: short)
        }
    }

    static let servicesMissingSQL = """
        SELECT COALESCE(SUM(2 - services_in_period), 0) FROM person
        WHERE community_code = ? AND deleted_at IS NULL AND m_service_targets = 1 AND services_in_period < 2
        """
}
