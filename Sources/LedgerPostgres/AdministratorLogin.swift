import LedgerStore

extension PostgresSecurity {
    /// Refuses an `admin` command run with another login than the district administrator's, before anything is
    /// sent. The tables, roles and grants belong to the owner role `admin init` gives the administrator, so any
    /// other login (a clerk's, a street supervisor's, one added with `add-supervisor`) was refused statement by
    /// statement with the generic `当前数据库用户无权访问这些数据`, which sent a clerk to ask for rights they should
    /// not have. A ledger not initialised yet (no owner role) is left to `admin init`.
    public static func requireAdministrator(_ location: PostgresLocation, command: String) async throws {
        let member = try await PostgresAdministration.rows(
            "SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = \(literal(ownerRole(location)))", at: location)
        guard member.first?.first == "f" else { return }
        // Its role as the operator list names it, when the login may read that list.
        let role = try? await PostgresAdministration.rows(
            "SELECT role FROM \(identifier(location.schema)).operator_account WHERE name = session_user", at: location)
        let who = role?.first?.first.flatMap { $0 }.flatMap(OperatorAccount.Role.init(rawValue:))
            .map { "\(location.user)是\($0.stepTitle)的登录" } ?? "\(location.user)不是区县管理员的登录"
        throw StoreError("chuangye admin \(command) 须用区县管理员的数据库登录运行（建立本台账、运行 chuangye admin init 的用户）：\(who)。请联系区县管理员")
    }
}
