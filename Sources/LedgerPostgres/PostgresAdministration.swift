import Foundation
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
                try (0..<row.count).map { try Self.text(of: row[$0]) }
            }
        } catch {
            throw PostgresFailure.statement(error, writing: false)
        }
    }

    /// A cell as psql would print it (numerics without trailing zeros): numbers and booleans are sent in binary, so
    /// they are decoded by their type (decoding an integer as text misreads its bytes).
    static func text(of cell: PostgresCell) throws -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .int2, .int4, .int8: return String(try cell.decode(Int.self))
        case .bool: return try cell.decode(Bool.self) ? "t" : "f"
        case .float4, .float8: return String(try cell.decode(Double.self))
        case .numeric: return "\(try cell.decode(Decimal.self))"  // without trailing zeros (2.50 reads 2.5)
        default: return try cell.decode(String.self)
        }
    }
}
