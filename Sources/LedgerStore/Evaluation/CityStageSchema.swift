import GRDB

extension Migrations {
    /// The 市级考评 (the city's review of the districts' candidates), services sampled on their own, and each
    /// item's reachable scores frozen with the self-assessment (issue 23). Frozen like every migration: SQL only.
    static func registerCityStage(_ migrator: inout DatabaseMigrator) {
        // Immediate foreign-key checks, as the other migrations (the deferred check scans every table). Dropping
        // operator_account then cascades to operator_community, so its rows are kept aside and put back.
        migrator.registerMigration("v17-city-stage", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                -- A third role: the city supervisor (市级督导), who reviews the candidates the districts recommend. A
                -- CHECK cannot be altered in SQLite, so the table is rebuilt with its rows.
                CREATE TABLE operator_account_v17 (
                    name TEXT PRIMARY KEY NOT NULL CHECK (length(trim(name)) > 0),
                    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'city')),
                    created_at TEXT NOT NULL
                );
                INSERT INTO operator_account_v17 (name, role, created_at) SELECT name, role, created_at FROM operator_account;
                CREATE TEMP TABLE operator_community_v17 AS SELECT operator, community_code FROM operator_community;
                DROP TABLE operator_account;
                ALTER TABLE operator_account_v17 RENAME TO operator_account;
                INSERT INTO operator_community (operator, community_code) SELECT operator, community_code FROM operator_community_v17;
                DROP TABLE temp.operator_community_v17;

                -- The points each item's rule can give (`0,7.5,15`), frozen with the submission; null before v17.
                ALTER TABLE evaluation_item ADD COLUMN allowed_points TEXT;

                -- The district recommends a signed 初评 to the city (推荐).
                ALTER TABLE evaluation ADD COLUMN recommended_by TEXT;
                ALTER TABLE evaluation ADD COLUMN recommended_at TEXT;
                -- A 市级考评 is an evaluation row of its own reviewing the district's (`review_of`), with the items
                -- copied at their 初评 points, its own adjustments, draw and checks; its signature is kept here, the
                -- district's lock staying in evaluation_lock.
                ALTER TABLE evaluation ADD COLUMN review_of INTEGER REFERENCES evaluation(id);
                ALTER TABLE evaluation ADD COLUMN signed_by TEXT;
                ALTER TABLE evaluation ADD COLUMN signed_at TEXT;
                CREATE UNIQUE INDEX evaluation_city_review ON evaluation(review_of) WHERE review_of IS NOT NULL;

                -- Services drawn on their own, stratified by service type, after the persons in the same list.
                ALTER TABLE evaluation ADD COLUMN service_sample_size INTEGER CHECK (service_sample_size IS NULL OR service_sample_size >= 0);
                ALTER TABLE evaluation ADD COLUMN service_strata TEXT;
                ALTER TABLE spot_check ADD COLUMN drawn_for TEXT NOT NULL DEFAULT 'person' CHECK (drawn_for IN ('person', 'service'));
                """)
        }
    }
}
