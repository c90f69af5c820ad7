import LedgerCore

/// Communities, operators and the database itself: the administrator's and the supervisor's set-up work.
public protocol AdminStore: LedgerSession {
    func communities() async throws -> [Community]
    func community(code: String) async throws -> Community?
    /// Creates a community or replaces its whole profile (the administrator's `init --profile`).
    func saveCommunity(_ c: Community) async throws
    /// Saves what the profile form changed over the profile as it is by then; refuses a field changed meanwhile
    /// by someone else to another value (`ProfileEdit`).
    func saveProfile(_ edit: ProfileEdit) async throws
    func operators() async throws -> [OperatorAccount]
    func saveOperator(_ name: String, role: OperatorAccount.Role, communities: [String]) async throws
    func removeOperator(_ name: String) async throws
    /// Communities the operator may change; nil when they may change all.
    func writableCommunities() async throws -> Set<String>?

    /// A description of what is damaged, or "ok".
    func integrityCheck() async throws -> String
    /// Throws a message saying what to do when the database is damaged.
    func requireSound() async throws
    /// Writes a consistent copy of the whole database to `path` (safe while others read and write).
    func backup(to path: String) async throws
}
