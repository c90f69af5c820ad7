import GRDB

extension Migrations {
    /// The evaluation tables (issue 23). Frozen like every migration: SQL only.
    static func registerEvaluation(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-evaluation", foreignKeyChecks: .immediate) { db in
            // A submission freezes the score card; `audit_mark`/`import_mark` are the audit trail's last ids at that
            // moment, so the changes since can be counted. The period is copied: the lock and the snapshot belong to
            // the period that was submitted.
            try db.execute(sql: """
                CREATE TABLE evaluation (
                    id INTEGER PRIMARY KEY,
                    community_code TEXT NOT NULL REFERENCES community(code),
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    rubric_id TEXT NOT NULL,
                    rubric_title TEXT NOT NULL,
                    submitted_by TEXT NOT NULL,
                    submitted_at TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    audit_mark INTEGER NOT NULL,
                    import_mark INTEGER NOT NULL,
                    sample_seed INTEGER,
                    sample_size INTEGER CHECK (sample_size IS NULL OR sample_size > 0),
                    sample_strata TEXT,
                    drawn_by TEXT,
                    drawn_at TEXT
                );
                CREATE INDEX evaluation_by_community ON evaluation(community_code, period_start, period_end);

                CREATE TABLE evaluation_item (
                    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
                    position INTEGER NOT NULL,
                    item_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    group_name TEXT,
                    source TEXT NOT NULL,
                    max_hundredths INTEGER NOT NULL,
                    points_hundredths INTEGER NOT NULL,
                    measured TEXT NOT NULL,
                    threshold TEXT NOT NULL,
                    explanation TEXT NOT NULL,
                    PRIMARY KEY (evaluation_id, item_id)
                );
                CREATE TRIGGER evaluation_item_frozen BEFORE UPDATE ON evaluation_item
                    BEGIN SELECT RAISE(ABORT, 'a submitted self-assessment is frozen'); END;

                CREATE TABLE evaluation_adjustment (
                    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
                    item_id TEXT NOT NULL,
                    points_hundredths INTEGER NOT NULL CHECK (points_hundredths >= 0),
                    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                    adjusted_by TEXT NOT NULL,
                    adjusted_at TEXT NOT NULL,
                    PRIMARY KEY (evaluation_id, item_id),
                    FOREIGN KEY (evaluation_id, item_id) REFERENCES evaluation_item(evaluation_id, item_id)
                );

                CREATE TABLE spot_check (
                    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
                    position INTEGER NOT NULL CHECK (position > 0),
                    person_id INTEGER NOT NULL REFERENCES person(id),
                    stratum TEXT NOT NULL,
                    result TEXT CHECK (result IS NULL OR result IN ('属实', '不属实', '联系不上')),
                    note TEXT,
                    checked_by TEXT,
                    checked_at TEXT,
                    check_audit_mark INTEGER,
                    PRIMARY KEY (evaluation_id, position)
                );

                -- A signed 初评 locks its community until a supervisor unlocks it (both audited); one row per locked
                -- community, read by every write (AppDatabase.requireUnlocked).
                CREATE TABLE evaluation_lock (
                    community_code TEXT PRIMARY KEY NOT NULL REFERENCES community(code),
                    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
                    locked_by TEXT NOT NULL,
                    locked_at TEXT NOT NULL
                );
                """)
        }
    }
}
