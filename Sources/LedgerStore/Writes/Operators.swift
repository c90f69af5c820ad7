import GRDB
import LedgerCore

/// An operator and the communities they may change (a street supervisor: the streets they read).
public struct OperatorAccount: Sendable, Hashable {
    /// A clerk keeps their communities' registers; a supervisor (区县督导) manages operators, does the 初评 and may
    /// change every community; a city supervisor (市级督导) does the 市级考评 of the districts' candidates and keeps
    /// no registers (read-only unless given communities). Street supervisors and inspectors exist on a district's
    /// PostgreSQL ledger only, where the database holds them to reading.
    public enum Role: String, Sendable, CaseIterable {
        case clerk, supervisor, city, streetSupervisor = "street_supervisor", inspector

        /// The role as operator lists and messages name it.
        public var title: String {
            switch self {
            case .clerk: "窗口人员"
            case .supervisor: "督导"
            case .city: "市级督导"
            case .streetSupervisor: "街道督导（只读）"
            case .inspector: "检查员（只读）"
            }
        }

        /// The role as the evaluation's refusals name whom to ask: the 初评 and the lock it puts are the district's,
        /// so its supervisor is 区县督导 there, beside the 市级督导 (a plain 督导 left a clerk guessing which).
        public var stepTitle: String { self == .supervisor ? "区县督导" : title }
    }
    public let name: String
    public let role: Role
    public let communities: [String]
    public let streets: [String]

    public init(name: String, role: Role, communities: [String], streets: [String] = []) {
        self.name = name
        self.role = role
        self.communities = communities
        self.streets = streets
    }

    /// What the operator reaches, as an operator list shows it.
    public var reach: String {
        switch role {
        case .supervisor: "全部社区"
        case .inspector: "全部社区（只读）"
        case .streetSupervisor: streets.joined(separator: "、")
        case .city: communities.isEmpty ? "市级考评（不改台账）" : communities.joined(separator: "、")
        case .clerk: communities.joined(separator: "、")
        }
    }
}

extension AppDatabase {
    /// Adds or updates an operator. Supervisors may change every community; clerks only theirs.
    public func saveOperator(_ name: String, role: OperatorAccount.Role, communities: [String]) throws {
        guard let name = Normalize.optional(name) else { throw StoreError("操作员姓名不能为空") }
        guard role != .streetSupervisor && role != .inspector else {
            throw StoreError("\(role.title)只用于区县 PostgreSQL 数据库（由区县管理员用 chuangye admin 建立）；本台账的操作员是窗口人员、督导或市级督导")
        }
        try write { db in
            try requireOperatorManager(db, adding: role)
            if role != .supervisor, try Self.isLastSupervisor(db, name) {
                throw StoreError("\(name)是唯一的督导，不能改为窗口人员。请先登记另一位督导（chuangye user add 姓名 --supervisor）")
            }
            for code in communities where try Self.community(db, code: code) == nil {
                throw StoreError("找不到社区代码为\(code)的社区")
            }
            try db.execute(sql: """
                INSERT INTO operator_account (name, role, created_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role
                """, arguments: [name, role.rawValue, now()])
            try db.execute(sql: "DELETE FROM operator_community WHERE operator = ?", arguments: [name])
            for code in communities {
                try db.execute(sql: "INSERT INTO operator_community (operator, community_code) VALUES (?, ?)", arguments: [name, code])
            }
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: "", table: "operator", id: name,
                                action: "update", changes: [FieldChange(field: "role", old: nil, new: role.rawValue),
                                                            FieldChange(field: "communities", old: nil, new: communities.joined(separator: "、"))])
        }
    }

    public func removeOperator(_ name: String) throws {
        try write { db in
            try requireOperatorManager(db, adding: nil)
            if try Self.isLastSupervisor(db, name) {
                throw StoreError("\(name)是唯一的督导，不能删除：否则再没有人能管理操作员。请先登记另一位督导（chuangye user add 姓名 --supervisor）")
            }
            try db.execute(sql: "DELETE FROM operator_account WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw StoreError("没有名为\(name)的操作员") }
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: "", table: "operator", id: name,
                                action: "delete", changes: [])
        }
    }

    public func operators() throws -> [OperatorAccount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operator_account ORDER BY name").map { row in
                let name: String = row["name"]
                return OperatorAccount(name: name, role: OperatorAccount.Role(rawValue: row["role"]) ?? .clerk,
                                       communities: try String.fetchAll(db, sql: "SELECT community_code FROM operator_community WHERE operator = ? ORDER BY community_code", arguments: [name]))
            }
        }
    }

    /// Communities this operator may change: nil means all (no operators registered yet, or a supervisor).
    public func writableCommunities() throws -> Set<String>? {
        try read { db in try Self.writable(db, operatorName: operatorName) }
    }

    static func writable(_ db: Database, operatorName: String) throws -> Set<String>? {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator_account") ?? 0 > 0 else { return nil }
        guard let role = try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [operatorName]) else {
            return []
        }
        if role == "supervisor" { return nil }
        return Set(try String.fetchAll(db, sql: "SELECT community_code FROM operator_community WHERE operator = ?", arguments: [operatorName]))
    }

    /// Only a supervisor manages operators. While none is registered (an empty table, or one kept by an older
    /// version, when anyone could register clerks) anyone may register one, and only a supervisor: otherwise
    /// nobody could manage the table afterwards.
    func requireOperatorManager(_ db: Database, adding role: OperatorAccount.Role?) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator_account WHERE role = 'supervisor'") ?? 0 > 0 else {
            if role != .supervisor {
                throw StoreError("还没有登记督导：第一位督导须先登记，否则将无人能管理操作员。请先登记督导：chuangye user add 姓名 --supervisor")
            }
            return
        }
        let role = try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [operatorName])
        guard role == OperatorAccount.Role.supervisor.rawValue else {
            throw StoreError("只有督导可以登记或删除操作员，\(operatorName)不是督导。请由督导操作（chuangye user list 查看督导）")
        }
    }

    static func isLastSupervisor(_ db: Database, _ name: String) throws -> Bool {
        let supervisors = try String.fetchAll(db, sql: "SELECT name FROM operator_account WHERE role = 'supervisor'")
        return supervisors == [name]
    }

    /// The role of `name` when it is one `--operator` may not claim for another system user: a supervisor's or a
    /// city supervisor's (nil for a clerk or an unregistered name).
    public func privilegedRole(_ name: String) throws -> OperatorAccount.Role? {
        try read { db in
            let role = try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [name])
                .flatMap(OperatorAccount.Role.init(rawValue:))
            return role == .clerk ? nil : role
        }
    }

    /// Whether `name` is a registered supervisor (a claim `--operator` may not make for another system user).
    public func isSupervisor(_ name: String) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [name]) == OperatorAccount.Role.supervisor.rawValue
        }
    }

    /// Refuses a change to a community the operator does not belong to, or whose signed-off period is locked.
    /// Every write of a community's records and profile passes here: the one place both rules are checked.
    func requireWritable(_ db: Database, community: String) throws {
        if let allowed = try Self.writable(db, operatorName: operatorName), !allowed.contains(community) {
            // On a SQLite ledger only a supervisor registers operators (requireOperatorManager): say who, and the
            // command with the communities the clerk keeps (`user add` sets the whole list).
            let codes = (allowed.sorted() + [community]).map { "--community \($0)" }.joined(separator: " ")
            throw StoreError("操作员\(operatorName)无权修改社区\(community)的数据（只读）。请由督导授权：chuangye user add \(operatorName) \(codes)（chuangye user list 列出督导）。")
        }
        try Self.requireUnlocked(db, community: community)
    }
}
