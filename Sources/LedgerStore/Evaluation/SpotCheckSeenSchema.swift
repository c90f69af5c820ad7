import GRDB

extension Migrations {
    /// A sampled service's date and type as the sample listed them: written at the draw and again when a check is
    /// recorded, so that the list, the report and the signed workbook say what was checked even after the
    /// community corrects the record (they show the value now beside it). Null before this version: shown as now.
    /// Frozen like every migration: SQL only.
    static func registerSpotCheckSeen(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v20-spot-check-seen", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                ALTER TABLE spot_check ADD COLUMN service_date_seen TEXT;
                ALTER TABLE spot_check ADD COLUMN service_type_seen TEXT;
                """)
        }
    }
}
