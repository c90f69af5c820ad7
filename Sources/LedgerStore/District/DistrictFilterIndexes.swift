import GRDB

extension Migrations {
    /// Deleted records and records with problems, indexed apart (partial indexes: only those rows). A community's
    /// browser found them by reading all its rows, a few milliseconds for 10,000; the district register reads every
    /// community's, and 100 such reads took 0.5–0.6 s for a page of a 1,000,000-person district (BENCHMARKS.md).
    /// With these a page is one index range read per community. The WHERE clauses are spelled as `pageQuery` spells
    /// its filters: SQLite uses a partial index only when the query says the same. Frozen like every migration.
    static func registerDistrictFilterIndexes(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v18-district-filters", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE INDEX person_deleted ON person(community_code, id) WHERE deleted_at IS NOT NULL;
                CREATE INDEX person_with_problems ON person(community_code, id) WHERE error_count > 0 OR warning_count > 0;
                CREATE INDEX service_deleted ON service(community_code, id) WHERE deleted_at IS NOT NULL;
                CREATE INDEX service_with_problems ON service(community_code, id) WHERE error_count > 0 OR warning_count > 0;
                CREATE INDEX activity_deleted ON activity(community_code, id) WHERE deleted_at IS NOT NULL;
                CREATE INDEX activity_with_problems ON activity(community_code, id) WHERE error_count > 0 OR warning_count > 0;
                """)
        }
    }
}
