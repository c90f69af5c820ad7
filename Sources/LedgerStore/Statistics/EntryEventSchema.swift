import GRDB

extension Migrations {
    /// The operators' entry events (issue 23 item 5). Frozen like every migration: SQL only.
    static func registerEntryEvents(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16-entry-events", foreignKeyChecks: .immediate) { db in
            // One row per form closed at the program, saved or abandoned: the time it was open and the errors
            // validation showed before saving, which the audit trail (written only when a record changes) does not
            // hold. Append-only, like the audit trail.
            try db.execute(sql: """
                CREATE TABLE entry_event (
                    id INTEGER PRIMARY KEY,
                    operator TEXT NOT NULL,
                    community_code TEXT NOT NULL,
                    record_table TEXT NOT NULL CHECK (record_table IN ('person', 'service', 'activity')),
                    -- The corrected record; null for a new record (the app learns no id) and for an abandoned form.
                    record_id INTEGER,
                    outcome TEXT NOT NULL CHECK (outcome IN ('saved', 'abandoned')),
                    opened_at TEXT NOT NULL,
                    closed_at TEXT NOT NULL CHECK (closed_at >= opened_at),
                    errors_shown INTEGER NOT NULL CHECK (errors_shown >= 0),
                    CHECK (outcome = 'saved' OR record_id IS NULL)
                );
                CREATE INDEX entry_event_by_operator ON entry_event(operator, closed_at);
                CREATE TRIGGER entry_event_no_update BEFORE UPDATE ON entry_event
                    BEGIN SELECT RAISE(ABORT, 'entry events are append-only'); END;
                CREATE TRIGGER entry_event_no_delete BEFORE DELETE ON entry_event
                    BEGIN SELECT RAISE(ABORT, 'entry events are append-only'); END;
                """)
        }
    }
}
