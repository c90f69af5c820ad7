import GRDB
import LedgerCore

extension AppDatabase {
    /// Creates or updates a community profile and its checklist answers. When the period changes, every
    /// person's score contribution is recomputed (the only write whose cost grows with the register).
    public func saveCommunity(_ c: Community) throws {
        try write { db in try writeCommunity(db, c, old: try Self.community(db, code: c.code)) }
    }

    /// Saves what the profile form changed over the profile as it is now (`ProfileEdit`): a form left open
    /// does not put back what someone else corrected meanwhile; a field both changed is refused as a conflict.
    public func saveProfile(_ edit: ProfileEdit) throws {
        try write { db in
            guard let current = try Self.community(db, code: edit.original.code) else { throw StoreError.notFound("社区\(edit.original.code)") }
            switch edit.merged(onto: current) {
            case .success(let merged): try writeCommunity(db, merged, old: current, accepted: edit.acceptedWarningChanges)
            case .failure(let conflict): throw StoreError(conflict.message)
            }
        }
    }

    /// Writes a profile over `old` (nil: a new community), with its audit entry; a clerk may not change what a
    /// district decides (`ProfileRights`).
    private func writeCommunity(_ db: Database, _ given: Community, old: Community?,
                                accepted: [(field: String, reason: String)] = []) throws {
        let c = given.checklistKept(from: old)
        try requireWritable(db, community: c.code)
        if let old, try Self.writable(db, operatorName: operatorName) != nil {
            try ProfileRights.requireCommunityMayChange(from: old, to: c, operatorName: operatorName)
        }
        try db.execute(sql: """
            INSERT INTO community (code, name, street, district, level, labour_force, period_start, period_end, leader, phone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET name = excluded.name, street = excluded.street,
                district = excluded.district, level = excluded.level, labour_force = excluded.labour_force,
                period_start = excluded.period_start, period_end = excluded.period_end,
                leader = excluded.leader, phone = excluded.phone, version = version + 1
            """, arguments: [c.code, c.name, c.street, c.district, c.level.rawValue, c.labourForce,
                             c.period.start.description, c.period.end.description, c.leader, c.phone])
        for (item, points) in c.checklist {
            try db.execute(sql: """
                INSERT INTO checklist_answer (community_code, item_id, points_hundredths) VALUES (?, ?, ?)
                ON CONFLICT(community_code, item_id) DO UPDATE SET points_hundredths = excluded.points_hundredths
                """, arguments: [c.code, item, points.hundredths])
        }
        var changes = AuditLog.diff(old: old.map(Self.fields) ?? [:], new: Self.fields(c))
        // The reasons go with the change they explain (none without one).
        if !changes.isEmpty { changes += accepted.map { FieldChange(field: $0.field, old: nil, new: $0.reason) } }
        if !changes.isEmpty {
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: c.code, table: "community",
                                id: c.code, action: old == nil ? "insert" : "update", changes: changes)
        }
        if let old, old.period != c.period {
            try refreshAllPersons(db, community: c.code, period: c.period)
            try refreshAllActivities(db, community: c.code, period: c.period)
            // Dates outside the period and businesses no longer early-stage are findings too.
            try refreshAllFindings(db, community: c.code)
        }
    }

    static func fields(_ c: Community) -> [String: String] {
        var f = ["name": c.name, "street": c.street, "district": c.district, "level": c.level.rawValue,
                 "labour_force": String(c.labourForce), "period": c.period.description]
        f["leader"] = c.leader
        f["phone"] = c.phone
        for (item, points) in c.checklist { f["checklist." + item] = points.description }
        return f
    }

    /// Recomputes the score contribution of every activity of a community (after a period change).
    func refreshAllActivities(_ db: Database, community: String, period: Period) throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM activity WHERE community_code = ?", arguments: [community]) {
            guard let date = Day.parse(row["date"]), let kind = ActivityKind(rawValue: row["kind"]) else {
                throw StoreError.corrupt("activity \(row["id"] as Int64)")
            }
            let activity = Activity(communityCode: community, date: date, kind: kind, title: row["title"], story: row["story"])
            let f = Contribution.of(activity, period: period)
            try db.execute(sql: "UPDATE activity SET m_publicity = ?, m_role_models = ?, m_incubation = ? WHERE id = ?",
                           arguments: [f[.publicity], f[.roleModels], f[.incubation], row["id"] as Int64])
        }
    }

    /// Recomputes service counts and score contributions of every person of a community (after a period change).
    func refreshAllPersons(_ db: Database, community: String, period: Period) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE community_code = ?", arguments: [community])
        for id in ids { try refreshPerson(db, id: id, period: period) }
    }
}
