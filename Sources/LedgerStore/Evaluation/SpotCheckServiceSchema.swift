import GRDB

extension Migrations {
    /// One of each sampled person's services is drawn with them (issue 23 item 3, "and of their services").
    /// Frozen like every migration: SQL only.
    static func registerSpotCheckServices(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16-spot-check-services", foreignKeyChecks: .immediate) { db in
            // Null: the person had no service in the period, or the draw predates this column.
            try db.execute(sql: "ALTER TABLE spot_check ADD COLUMN service_id INTEGER REFERENCES service(id)")
        }
    }
}
