import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// Roles that hold: a clerk's login, connected with raw SQL (not through the app), reads and changes only its
/// communities' rows and can neither change nor forge the audit trail.
struct PostgresRolesTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL roles were NOT tested"))
    func aClerksLoginReachesOnlyItsCommunitiesAndNeverChangesTheAudit() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "roles_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "南关社区"))
        _ = try await district.saveNew(Conformance.person(1))
        let elsewhere = try #require(try await district.saveNew(Conformance.person(2, name: "李四"), in: Conformance.otherCode).ref)

        let clerkName = "clerk_\(tag)", password = "pw-\(UUID().uuidString)"
        try await PostgresSecurity.addClerk(clerkName, communities: [Conformance.code], password: password, at: admin)
        var clerk = admin
        clerk.user = clerkName
        clerk.password = password
        func asClerk(_ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: clerk) }
        func asAdmin(_ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: admin) }

        // Reads: only the clerk's community, in every register and in the audit trail
        #expect(try await asClerk("SELECT DISTINCT community_code FROM person") == [[Conformance.code]])
        #expect(try await asClerk("SELECT code FROM community") == [[Conformance.code]])
        #expect(try await asClerk("SELECT DISTINCT community_code FROM audit") == [[Conformance.code]])
        // Changes to another community: an UPDATE or DELETE reaches no row, an INSERT is refused
        _ = try await asClerk("UPDATE person SET name = '篡改' WHERE id = \(elsewhere.id) RETURNING id")
        #expect(try await asAdmin("SELECT name FROM person WHERE id = \(elsewhere.id)") == [["李四"]])
        await #expect(throws: StoreError.self) {
            _ = try await asClerk("""
                INSERT INTO person (community_code, id_number, name, name_key, initials, fields)
                VALUES ('\(Conformance.otherCode)', '\(Conformance.idNumber(9))', '王五', 'wang wu', '{ww}', '{}')
                """)
        }
        await #expect(throws: StoreError.self) {
            _ = try await asClerk("UPDATE person SET community_code = '\(Conformance.otherCode)' WHERE community_code = '\(Conformance.code)'")
        }
        // The audit trail: never updated, deleted or truncated, and an entry names the login whatever it claims
        for sql in ["UPDATE audit SET operator = 'x'", "DELETE FROM audit", "TRUNCATE audit"] {
            await #expect(throws: StoreError.self, "\(sql)") { _ = try await asClerk(sql) }
        }
        _ = try await asClerk("""
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES ('forged', '王芳', '\(Conformance.code)', 'person', '1', 'update', '{}')
            """)
        #expect(try await asAdmin("SELECT operator FROM audit WHERE at = 'forged'") == [[clerkName]])
        await #expect(throws: StoreError.self) {
            _ = try await asClerk("""
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(Conformance.otherCode)', 'person', '1', 'update', '{}')
                """)
        }
        // Through the app the clerk's login saves in its community, named by its login in the history
        let app = PostgresLedger(location: clerk, operatorName: clerkName, today: { Conformance.today }, migrating: true)
        let saved = try #require(try await app.saveNew(Conformance.person(3, name: "赵六")).ref)
        #expect(try await app.history(of: saved).map(\.operatorName) == [clerkName])
        #expect(try await app.count(.survey, community: Conformance.otherCode) == 0)
        #expect(try await district.count(.survey, community: Conformance.otherCode) == 1)

        try await PostgresAdministration.execute(["DROP SCHEMA \(admin.schema) CASCADE", "DROP ROLE \"\(clerkName)\"",
                                                  "DROP ROLE \"\(PostgresSecurity.clerkRole(admin))\"",
                                                  "REASSIGN OWNED BY \"\(PostgresSecurity.ownerRole(admin))\" TO CURRENT_USER",
                                                  "DROP ROLE \"\(PostgresSecurity.ownerRole(admin))\""], at: admin)
    }
}
