import GRDB

extension Migrations {
    /// A person's services in the period count each day and type once (PersonWrites.refreshPerson): the persons who
    /// have two active services of one type on one day get their count and the two figures it decides again
    /// (获得2次以上服务人数 for a person to be served, 获得服务人数), which `Contribution.of` gives, written out here in
    /// SQL because a migration is frozen. A deleted person's figures are nothing, as before. The totals follow
    /// through the update triggers. Frozen like every migration.
    static func registerServicesCountedByDay(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v19-services-by-day", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                CREATE TEMP TABLE recounted AS
                    SELECT DISTINCT person_id AS id FROM service WHERE deleted_at IS NULL
                    GROUP BY person_id, service_date, service_type HAVING COUNT(*) > 1;
                UPDATE person SET services_in_period = (
                    SELECT COUNT(DISTINCT s.service_date || '|' || s.service_type)
                    FROM service s JOIN community c ON c.code = person.community_code
                    WHERE s.person_id = person.id AND s.deleted_at IS NULL AND s.service_date BETWEEN c.period_start AND c.period_end)
                WHERE id IN (SELECT id FROM recounted);
                UPDATE person SET
                    m_served_twice = (deleted_at IS NULL AND m_service_targets = 1 AND services_in_period >= 2),
                    m_served = (deleted_at IS NULL AND services_in_period >= 1)
                WHERE id IN (SELECT id FROM recounted);
                DROP TABLE recounted;
                """)
        }
    }
}
