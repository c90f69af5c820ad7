import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Adds or updates an operator. Supervisors may change every community; clerks only theirs. (The same rules
    /// and messages as the SQLite engine: the conformance suite checks both.)
    public func saveOperator(_ name: String, role: OperatorAccount.Role, communities: [String]) async throws {
        guard let name = Normalize.optional(name) else { throw StoreError("操作员姓名不能为空") }
        try await write { pg in
            try await requireOperatorManager(pg, adding: role)
            if role != .supervisor, try await Self.isLastSupervisor(pg, name) {
                throw StoreError("\(name)是唯一的督导，不能改为窗口人员。请先登记另一位督导（chuangye user add 姓名 --supervisor）")
            }
            for code in communities where try await Self.community(pg, code: code) == nil {
                throw StoreError("找不到社区代码为\(code)的社区")
            }
            try await pg.execute("""
                INSERT INTO operator_account (name, role, created_at) VALUES (\(name), \(role.rawValue), \(now()))
                ON CONFLICT (name) DO UPDATE SET role = excluded.role
                """)
            try await pg.execute("DELETE FROM operator_community WHERE operator = \(name)")
            for code in communities {
                try await pg.execute("INSERT INTO operator_community (operator, community_code) VALUES (\(name), \(code))")
            }
            try await audit(pg, community: "", table: "operator", id: name, action: "update",
                            changes: [FieldChange(field: "role", old: nil, new: role.rawValue),
                                      FieldChange(field: "communities", old: nil, new: communities.joined(separator: "、"))])
        }
    }

    public func removeOperator(_ name: String) async throws {
        try await write { pg in
            try await requireOperatorManager(pg, adding: nil)
            if try await Self.isLastSupervisor(pg, name) {
                throw StoreError("\(name)是唯一的督导，不能删除：否则再没有人能管理操作员。请先登记另一位督导（chuangye user add 姓名 --supervisor）")
            }
            let removed = try await pg.rows("DELETE FROM operator_account WHERE name = \(name) RETURNING name")
            guard !removed.isEmpty else { throw StoreError("没有名为\(name)的操作员") }
            try await audit(pg, community: "", table: "operator", id: name, action: "delete", changes: [])
        }
    }

    public func operators() async throws -> [OperatorAccount] {
        try await read { pg in
            var result: [OperatorAccount] = []
            for row in try await pg.rows("SELECT name, role FROM operator_account ORDER BY name") {
                let name = try row.text("name")
                let codes = try await pg.texts("SELECT community_code FROM operator_community WHERE operator = \(name) ORDER BY community_code")
                let streets = try await pg.texts("SELECT street FROM operator_street WHERE operator = \(name) ORDER BY street")
                result.append(OperatorAccount(name: name, role: OperatorAccount.Role(rawValue: try row.text("role")) ?? .clerk,
                                              communities: codes, streets: streets))
            }
            return result
        }
    }

    public func writableCommunities() async throws -> Set<String>? {
        try await read { pg in try await writable(pg) }
    }

    /// Communities this operator may change: nil means all (no operators registered yet, or a supervisor).
    func writable(_ pg: PG) async throws -> Set<String>? {
        guard try await pg.integer("SELECT count(*) FROM operator_account") > 0 else { return nil }
        guard let role = try await pg.row("SELECT role FROM operator_account WHERE name = \(operatorName)") else { return [] }
        if try role.text("role") == OperatorAccount.Role.supervisor.rawValue { return nil }
        return Set(try await pg.texts("SELECT community_code FROM operator_community WHERE operator = \(operatorName)"))
    }

    /// Refuses a change to a community the operator does not belong to, or whose signed 初评 locks it.
    func requireWritable(_ pg: PG, community: String) async throws {
        if let allowed = try await writable(pg), !allowed.contains(community) {
            throw StoreError("操作员\(operatorName)无权修改社区\(community)的数据（只读）。请由区县管理员用 chuangye admin add-clerk 授权。")
        }
        try await Self.requireUnlocked(pg, community: community)
    }

    /// Only a supervisor manages operators; while none is registered, the first one registered must be one.
    func requireOperatorManager(_ pg: PG, adding role: OperatorAccount.Role?) async throws {
        guard try await pg.integer("SELECT count(*) FROM operator_account WHERE role = 'supervisor'") > 0 else {
            if role != .supervisor {
                throw StoreError("还没有登记督导：第一位督导须先登记，否则将无人能管理操作员。请先登记督导：chuangye user add 姓名 --supervisor")
            }
            return
        }
        let role = try await pg.row("SELECT role FROM operator_account WHERE name = \(operatorName)")
        guard try role?.text("role") == OperatorAccount.Role.supervisor.rawValue else {
            throw StoreError("只有督导可以登记或删除操作员，\(operatorName)不是督导。请由督导操作（chuangye user list 查看督导）")
        }
    }

    static func isLastSupervisor(_ pg: PG, _ name: String) async throws -> Bool {
        try await pg.texts("SELECT name FROM operator_account WHERE role = 'supervisor'") == [name]
    }
}
