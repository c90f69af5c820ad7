import LedgerStore
import PostgresNIO

/// Statements an administrator runs as such (creating schemas and roles), outside any ledger session: the
/// `admin` commands and the tests' set-up. Each statement runs on its own, in order, on one connection.
public enum PostgresAdministration {
    public static func execute(_ statements: [String], at location: PostgresLocation) async throws {
        let gate = ConnectionGate(location: location)
        let connection = try await gate.acquire()
        defer { Task { await gate.release() } }
        let pg = PG(connection: connection)
        do {
            for statement in statements { try await pg.execute(PostgresQuery(unsafeSQL: statement)) }
        } catch {
            throw PostgresFailure.statement(error, writing: true)
        }
    }

    /// Rows of a query as text (NULL as nil), for checks an administrator or a test makes by hand.
    public static func rows(_ sql: String, at location: PostgresLocation) async throws -> [[String?]] {
        let gate = ConnectionGate(location: location)
        let connection = try await gate.acquire()
        defer { Task { await gate.release() } }
        do {
            return try await PG(connection: connection).rows(PostgresQuery(unsafeSQL: sql)).map { row in
                try (0..<row.count).map { try row[$0].decode(String?.self) }
            }
        } catch {
            throw PostgresFailure.statement(error, writing: false)
        }
    }
}
