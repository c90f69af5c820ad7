import GRDB
import LedgerCore

extension AppDatabase {
    /// A person's corrected name or ID number carried into their services, which copy both from the register, and
    /// a corrected number into the role models (创业典型) naming them: left behind, every service would become an
    /// error (name or number not matching the register) and the role model a warning the moment a clerk fixes a typo
    /// in the person. Deleted services follow too, so that a restored one is still theirs. Each record changed is
    /// audited as an update of its own.
    func servicesFollowPerson(_ db: Database, id: Int64, old: [String: String], new: [String: String], community: String) throws {
        let followed = ["name", "id_number"].filter { old[$0] != new[$0] && new[$0] != nil }
        guard !followed.isEmpty else { return }
        if let before = old["id_number"], let after = new["id_number"], before != after {
            try roleModelsFollowNumber(db, from: before, to: after, community: community)
        }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM service WHERE person_id = ?", arguments: [id])
        for row in rows {
            let before = Self.serviceFields(row)
            var after = before
            for key in followed { after[key] = new[key] }
            let changes = AuditLog.diff(old: before, new: after)
            guard !changes.isEmpty else { continue }
            let serviceId: Int64 = row["id"]
            try db.execute(sql: "UPDATE service SET name = ?, id_number = ?, version = version + 1 WHERE id = ?",
                           arguments: [after["name"], after["id_number"], serviceId])
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: "service",
                                id: String(serviceId), action: "update", changes: changes)
        }
    }

    private func roleModelsFollowNumber(_ db: Database, from before: String, to after: String, community: String) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM activity WHERE community_code = ? AND person_id_number = ?",
                                     arguments: [community, before])
        for activityId in ids {
            try db.execute(sql: "UPDATE activity SET person_id_number = ?, version = version + 1 WHERE id = ?", arguments: [after, activityId])
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: "activity",
                                id: String(activityId), action: "update",
                                changes: [FieldChange(field: "person_id", old: before, new: after)])
        }
    }
}

extension AppDatabase {
    /// Services left behind by a deleted person belong to whoever is registered again in the community under the
    /// same ID number (a person deleted by mistake and entered anew, or restored): the services name the person by
    /// number, so validation already finds them valid, and without this they would count for nobody — the person
    /// unserved, the services still counted as errors in the kept figures. Returns the services moved.
    @discardableResult
    func servicesRejoinPerson(_ db: Database, id: Int64, idNumber: String, community: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            UPDATE service SET person_id = ? WHERE deleted_at IS NULL AND person_id IN (
                SELECT id FROM person WHERE community_code = ? AND id_number = ? AND deleted_at IS NOT NULL)
            RETURNING id
            """, arguments: [id, community, idNumber])
    }

    /// The same after an import of persons: every service of the community whose person is deleted joins the
    /// active person now registered under its number; returns the persons who gained services.
    func servicesRejoinImportedPersons(_ db: Database, community: String) throws -> Set<Int64> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT service.id AS service, person.id AS person FROM service
            JOIN person ON person.community_code = service.community_code AND person.id_number = service.id_number
                AND person.deleted_at IS NULL
            WHERE service.deleted_at IS NULL AND service.person_id IN (
                SELECT id FROM person WHERE community_code = ? AND deleted_at IS NOT NULL)
            """, arguments: [community])
        for row in rows {
            try db.execute(sql: "UPDATE service SET person_id = ? WHERE id = ?", arguments: [row["person"] as Int64, row["service"] as Int64])
        }
        return Set(rows.map { $0["person"] as Int64 })
    }
}
