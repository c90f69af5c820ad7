import Foundation
import LedgerPostgres
import Testing

/// The PostgreSQL server the conformance suite runs against: `CHUANGYE_TEST_PG=postgresql://user@host/dbname`
/// (password from PGPASSWORD or ~/.pgpass). `.ci/run` starts one on loopback and sets it.
enum PostgresTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["CHUANGYE_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }

    /// Schemas an earlier run left (clean-up runs in the background and may not finish before the process ends),
    /// dropped once before this run's first test makes its own.
    static let sweep = Task {
        guard let url, let location = try? PostgresLocation(url: url) else { return }
        let left = (try? await PostgresAdministration.rows(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'conformance\\_%'", at: location)) ?? []
        for name in left.compactMap({ $0.first ?? nil }) {
            try? await PostgresAdministration.execute(["DROP SCHEMA IF EXISTS \(name) CASCADE"], at: location)
        }
    }

    /// A new, empty schema with the ledger's tables.
    static func freshSchema() async throws -> PostgresLocation {
        await sweep.value
        var location = try PostgresLocation(url: try #require(url, "CHUANGYE_TEST_PG is not set"))
        location.schema = "conformance_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await PostgresAdministration.execute(["CREATE SCHEMA \(location.schema)"], at: location)
        try await PostgresLedger(location: location, operatorName: "管理员").migrate()
        return location
    }

    /// A ledger with the district's roles (`PostgresSecurity.initialize`) in a schema of its own, `prefix_<tag>`,
    /// and the administrator's session on it; `tag` names the test's logins apart from other runs'.
    static func securedLedger(_ prefix: String) async throws -> (admin: PostgresLocation, district: PostgresLedger, tag: String) {
        var admin = try PostgresLocation(url: try #require(url, "CHUANGYE_TEST_PG is not set"))
        let tag = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))
        admin.schema = "\(prefix)_\(tag)"
        try await PostgresSecurity.initialize(admin)
        return (admin, PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today }), tag)
    }

    /// A clerk's login on `admin`'s ledger (with a password of its own), and where it connects.
    static func clerkLogin(_ name: String, of communities: [String], at admin: PostgresLocation) async throws -> PostgresLocation {
        let password = "pw-\(UUID().uuidString)"
        try await PostgresSecurity.addOperator(name, role: .clerk, communities: communities, password: password, at: admin)
        var clerk = admin
        clerk.user = name
        clerk.password = password
        return clerk
    }

    /// What removes a ledger set up with `PostgresSecurity.initialize` (a roles test's): its schema, the logins the
    /// test made, and the ledger's group and owner roles.
    static func teardown(_ admin: PostgresLocation, logins: [String]) -> [String] {
        ["DROP SCHEMA \(admin.schema) CASCADE"] + logins.map { "DROP ROLE IF EXISTS \"\($0)\"" } + [
            "DROP ROLE IF EXISTS \"\(PostgresSecurity.clerkRole(admin))\"",
            "DROP ROLE IF EXISTS \"\(PostgresSecurity.readerRole(admin))\"",
            "REASSIGN OWNED BY \"\(PostgresSecurity.ownerRole(admin))\" TO CURRENT_USER",
            "DROP ROLE IF EXISTS \"\(PostgresSecurity.ownerRole(admin))\"",
        ]
    }

    /// Drops a test's schema once the test is over (in the background: clean-up is synchronous).
    static func drop(_ location: PostgresLocation) {
        Task.detached { try? await PostgresAdministration.execute(["DROP SCHEMA \(location.schema) CASCADE"], at: location) }
    }
}

/// The PostgreSQL cases of the conformance suite run only with a test server; without one this test is reported
/// as skipped, so that a run without PostgreSQL never looks as if the engine had passed. On CI it must run.
struct PostgresAvailability {
    @Test(.enabled(if: PostgresTestServer.url != nil || ProcessInfo.processInfo.environment["CI"] == "true",
                   "CHUANGYE_TEST_PG is not set: the PostgreSQL conformance cases were NOT run"))
    func thePostgresConformanceCasesRun() {
        #expect(PostgresTestServer.url != nil, "CI must give CHUANGYE_TEST_PG (see .ci/run)")
        #expect(StoreEngine.allCases.contains(.postgres))
    }
}
