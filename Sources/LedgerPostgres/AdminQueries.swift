import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Every community with its checklist: two statements whatever their number (the app reads them after each
    /// save; a statement per community was 200 round trips, 75 ms at 100 communities).
    public func communities() async throws -> [Community] {
        try await read { pg in
            var checklists: [String: [String: Points]] = [:]
            for answer in try await pg.rows("SELECT community_code, item_id, points_hundredths FROM checklist_answer") {
                checklists[try answer.text("community_code"), default: [:]][try answer.text("item_id")] = Points(hundredths: try answer.int("points_hundredths"))
            }
            return try await pg.rows("SELECT * FROM community ORDER BY code").map { row in
                try Self.community(row, checklist: checklists[try row.text("code")] ?? [:])
            }
        }
    }

    public func community(code: String) async throws -> Community? {
        try await read { pg in try await Self.community(pg, code: code) }
    }

    static func community(_ pg: PG, code: String) async throws -> Community? {
        guard let row = try await pg.row("SELECT * FROM community WHERE code = \(code)") else { return nil }
        var checklist: [String: Points] = [:]
        for answer in try await pg.rows("SELECT item_id, points_hundredths FROM checklist_answer WHERE community_code = \(code)") {
            checklist[try answer.text("item_id")] = Points(hundredths: try answer.int("points_hundredths"))
        }
        return try community(row, checklist: checklist)
    }

    /// A community from its row and its checklist's answers.
    static func community(_ row: PostgresRandomAccessRow, checklist: [String: Points]) throws -> Community {
        let code = try row.text("code")
        guard let level = Community.Level(rawValue: try row.text("level")),
              let start = Day.parse(try row.text("period_start")), let end = Day.parse(try row.text("period_end")) else {
            throw StoreError("数据库中的记录已损坏，无法读取", detail: "community \(code)")
        }
        return Community(code: code, name: try row.text("name"), street: try row.text("street"), district: try row.text("district"),
                         level: level, labourForce: try row.int("labour_force"), period: Period(start: start, end: end),
                         checklist: checklist, leader: try row.optionalText("leader"), phone: try row.optionalText("phone"))
    }

    static func requireCommunity(_ pg: PG, code: String) async throws -> Community {
        guard let c = try await community(pg, code: code) else {
            throw StoreError("找不到社区代码为\(code)的社区，请先用 chuangye init 建立社区档案")
        }
        return c
    }

    /// Creates or updates a community profile and its checklist answers; a changed period judges and recounts
    /// every record of the community again.
    public func saveCommunity(_ c: Community) async throws {
        try await write { pg in try await writeCommunity(pg, c, old: try await Self.community(pg, code: c.code)) }
    }

    /// Saves what the profile form changed over the profile as it is now (`ProfileEdit`), the row locked meanwhile.
    public func saveProfile(_ edit: ProfileEdit) async throws {
        try await write { pg in
            try await pg.execute("SELECT 1 FROM community WHERE code = \(edit.original.code) FOR UPDATE")
            guard let current = try await Self.community(pg, code: edit.original.code) else {
                throw StoreError("找不到社区\(edit.original.code)（或您的数据库登录无权查看该社区）")
            }
            switch edit.merged(onto: current) {
            case .success(let merged): try await writeCommunity(pg, merged, old: current, accepted: edit.acceptedWarningChanges)
            case .failure(let conflict): throw StoreError(conflict.message)
            }
        }
    }

    /// Writes a profile over `old` (nil: a new community) with its audit entry; a clerk may not change what a
    /// district decides (`ProfileRights`; the database holds it too, v8-profile-rights).
    private func writeCommunity(_ pg: PG, _ given: Community, old: Community?,
                                accepted: [(field: String, reason: String)] = []) async throws {
        let c = given.checklistKept(from: old)
        try await requireWritable(pg, community: c.code)
        if let old, try await writable(pg) != nil {
            try ProfileRights.requireCommunityMayChange(from: old, to: c, operatorName: operatorName)
        }
        try await writeProfile(pg, c)
        var changes = AuditLog.diff(old: old.map(Self.fields) ?? [:], new: Self.fields(c))
        // The reasons go with the change they explain (none without one).
        if !changes.isEmpty { changes += accepted.map { FieldChange(field: $0.field, old: nil, new: $0.reason) } }
        if !changes.isEmpty {
            try await audit(pg, community: c.code, table: "community", id: c.code, action: old == nil ? "insert" : "update", changes: changes)
        }
        if let old, old.period != c.period {
            var communities = [c.code: c]
            for register in Register.allCases {
                let ids = try await pg.ids("SELECT id FROM \(unescaped: register.table) WHERE community_code = \(c.code) AND deleted_at IS NULL")
                try await refreshFindings(pg, register, ids: ids, communities: &communities)
            }
        }
    }

    /// A profile as the audit trail compares it (the same keys as the SQLite engine's).
    static func fields(_ c: Community) -> [String: String] {
        var f = ["name": c.name, "street": c.street, "district": c.district, "level": c.level.rawValue,
                 "labour_force": String(c.labourForce), "period": c.period.description]
        f["leader"] = c.leader
        f["phone"] = c.phone
        for (item, points) in c.checklist { f["checklist." + item] = points.description }
        return f
    }

    /// What a server-side check finds: the schema's version is current and the audit trail is append-only.
    public func integrityCheck() async throws -> String {
        try await read { pg in
            let latest = PostgresMigrations.versions.last?.name ?? ""
            let applied = try await pg.texts("SELECT version FROM schema_migration")
            guard applied.contains(latest) else { return "数据库结构不是最新版本（\(latest)），请由区县管理员运行 chuangye admin init" }
            let guards = try await pg.integer("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND tgname LIKE 'audit_no_%'")
            return guards >= 2 ? "ok" : "修改日志缺少只增不改的保护触发器"
        }
    }

    public func requireSound() async throws {
        let state = try await integrityCheck()
        guard state == "ok" else { throw StoreError("数据库检查未通过：\(state)") }
    }

    /// A district's server is backed up by its administrator with PostgreSQL's own tools, not file by file.
    public func backup(to path: String) async throws {
        throw StoreError("PostgreSQL 台账请由区县管理员用 pg_dump 备份（例如 pg_dump -Fc -f 台账.dump 数据库名），本命令只备份 SQLite 台账文件")
    }
}

extension PostgresLedger {
    /// A community's profile and checklist answers, inserted or overwritten (the caller audits).
    func writeProfile(_ pg: PG, _ c: Community) async throws {
        try await pg.execute("""
            INSERT INTO community (code, name, street, district, level, labour_force, period_start, period_end, leader, phone)
            VALUES (\(c.code), \(c.name), \(c.street), \(c.district), \(c.level.rawValue), \(c.labourForce),
                    \(c.period.start.description), \(c.period.end.description), \(c.leader), \(c.phone))
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, street = excluded.street, district = excluded.district,
                level = excluded.level, labour_force = excluded.labour_force, period_start = excluded.period_start,
                period_end = excluded.period_end, leader = excluded.leader, phone = excluded.phone,
                version = community.version + 1
            """)
        for (item, points) in c.checklist {
            try await pg.execute("""
                INSERT INTO checklist_answer (community_code, item_id, points_hundredths) VALUES (\(c.code), \(item), \(points.hundredths))
                ON CONFLICT (community_code, item_id) DO UPDATE SET points_hundredths = excluded.points_hundredths
                """)
        }
    }
}
