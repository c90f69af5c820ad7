import GRDB
import LedgerCore

extension AppDatabase {
    /// A person's corrected name or ID number carried into their services, which copy both from the register:
    /// left behind, every service would become an error (name or number not matching the register) the moment a
    /// clerk fixes a typo in the person. Each service changed is audited as an update of its own.
    func servicesFollowPerson(_ db: Database, id: Int64, old: [String: String], new: [String: String], community: String) throws {
        let followed = ["name", "id_number"].filter { old[$0] != new[$0] && new[$0] != nil }
        guard !followed.isEmpty else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM service WHERE person_id = ? AND deleted_at IS NULL", arguments: [id])
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
}
