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
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("roles")
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "南关社区"))
        let own = try #require(try await district.saveNew(Conformance.person(1)).ref)
        let elsewhere = try #require(try await district.saveNew(Conformance.person(2, name: "李四"), in: Conformance.otherCode).ref)

        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
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
        // (an entry goes with a change of its record in the same transaction: PostgresAuditIntegrityTests)
        try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"forged\": \"b\"}' WHERE id = \(own.id)", """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES ('2026-01-01T08:00:00', '王芳', '\(Conformance.code)', 'person', '\(own.id)', 'update', '{"forged": [null, "b"]}')
            """, "COMMIT"], at: clerk)
        // The entry names the login and the server's time, whatever the client wrote
        let forged = try await asAdmin("SELECT operator, at FROM audit WHERE changes LIKE '%forged%'")
        #expect(forged.count == 1 && forged.first?.first == clerkName && forged.first?.last != "2026-01-01T08:00:00", "\(forged)")
        // A change made with the clerk's login outside the app is recorded all the same, by the database
        _ = try await asClerk("""
            UPDATE person SET fields = fields || '{"name": "篡改"}', name = '篡改' WHERE id = \(own.id)
            """)
        let entry = try #require(try await district.history(of: own).last)
        #expect(entry.action == "sql" && entry.operatorName == clerkName
                && entry.changes == [FieldChange(field: "name", old: "张三", new: "篡改")], "\(entry)")
        _ = try await asClerk("UPDATE community SET labour_force = 1 WHERE code = '\(Conformance.code)'")
        #expect(try await asAdmin("SELECT operator, changes FROM audit WHERE record_table = 'community' AND action = 'sql'")
                == [[clerkName, #"{"labour_force": ["100", "1"]}"#]])
        _ = try await asClerk("INSERT INTO checklist_answer VALUES ('\(Conformance.code)', 'work_plan', 250)")
        #expect(try await asAdmin("SELECT changes FROM audit WHERE record_table = 'community' AND action = 'sql' ORDER BY id DESC LIMIT 1")
                == [[#"{"checklist.work_plan": [null, "2.5"]}"#]])
        // Only the figures the app keeps (not the text): no entry
        _ = try await asClerk("UPDATE person SET error_count = error_count WHERE id = \(own.id)")
        #expect(try await asAdmin("SELECT count(*)::text FROM audit WHERE action = 'sql'") == [["3"]])
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
        // A number registered in a community the clerk cannot read still brings its warning (as for the district's
        // own login), so that a clerk's check and the district's count the same problems.
        let twin = try await app.save(Conformance.person(2, name: "李四"), community: Conformance.code, editing: nil,
                                      acceptedWarnings: [:], action: .entry)
        #expect(twin.saved != nil && twin.findings.contains { $0.severity == .warning && $0.message.contains("南关社区") },
                "\(twin.findings.map(\.message))")
        #expect(try await app.checkAndRecount(community: Conformance.code).corrected == 0)
        #expect(try await asClerk("SELECT count(*)::text FROM person WHERE community_code = '\(Conformance.otherCode)'") == [["0"]])
        #expect(try await district.count(.survey, community: Conformance.otherCode) == 1)

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }

    /// A street supervisor's login reads the communities of its street only, an inspector's reads every
    /// community, and neither changes a row or the audit trail, whatever raw SQL it sends.
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL roles were NOT tested"))
    func streetSupervisorsAndInspectorsOnlyRead() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "readers_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())                       // 八一路街道
        var far = Conformance.community(Conformance.otherCode, name: "凤凰山社区")
        far.street = "南山街道"
        try await district.saveCommunity(far)
        let near = try #require(try await district.saveNew(Conformance.person(1)).ref)
        _ = try await district.saveNew(Conformance.person(2, name: "李四"), in: Conformance.otherCode)

        let password = "pw-\(UUID().uuidString)"
        let street = "street_\(tag)", inspector = "inspector_\(tag)"
        await #expect(throws: StoreError.self) {
            try await PostgresSecurity.addOperator(street, role: .streetSupervisor, streets: ["八一街道"], password: password, at: admin)
        }
        try await PostgresSecurity.addOperator(street, role: .streetSupervisor, streets: ["八一路街道"], password: password, at: admin)
        try await PostgresSecurity.addOperator(inspector, role: .inspector, password: password, at: admin)
        func login(_ name: String) -> PostgresLocation {
            var l = admin
            l.user = name
            l.password = password
            return l
        }
        func run(_ name: String, _ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: login(name)) }

        #expect(try await run(street, "SELECT code FROM community ORDER BY code") == [[Conformance.code]])
        #expect(try await run(street, "SELECT community_code FROM person") == [[Conformance.code]])
        #expect(try await run(inspector, "SELECT code FROM community ORDER BY code") == [Conformance.code, Conformance.otherCode].sorted().map { [$0] })
        #expect(try await run(inspector, "SELECT count(*)::text FROM person") == [["2"]])
        #expect(try await run(street, "SELECT DISTINCT community_code FROM audit") == [[Conformance.code]])
        // A community moved onto the street is read at once; moved off, no longer.
        far.street = "八一路街道"
        try await district.saveCommunity(far)
        #expect(try await run(street, "SELECT count(*)::text FROM person") == [["2"]])
        far.street = "南山街道"
        try await district.saveCommunity(far)
        #expect(try await run(street, "SELECT count(*)::text FROM person") == [["1"]])

        for name in [street, inspector] {
            for sql in ["UPDATE person SET name = '篡改' WHERE id = \(near.id)",
                        "DELETE FROM person WHERE id = \(near.id)",
                        """
                        INSERT INTO person (community_code, id_number, name, name_key, initials, fields)
                        VALUES ('\(Conformance.code)', '\(Conformance.idNumber(9))', '王五', 'wang wu', '{ww}', '{}')
                        """,
                        "UPDATE community SET name = '篡改'",
                        "INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes) VALUES ('x', 'x', '\(Conformance.code)', 'person', '1', 'update', '{}')",
                        "UPDATE audit SET operator = 'x'", "DELETE FROM audit",
                        "INSERT INTO operator_street (operator, street) VALUES ('\(name)', '南山街道')"] {
                await #expect(throws: StoreError.self, "\(name): \(sql)") { _ = try await run(name, sql) }
            }
        }
        #expect(try await district.count(.survey, community: Conformance.code) == 1)
        // Through the app: the street supervisor sees its street's community and may change nothing.
        let app = PostgresLedger(location: login(street), operatorName: street, today: { Conformance.today })
        #expect(try await app.communities().map(\.code) == [Conformance.code])
        #expect(try await app.writableCommunities() == [])
        await #expect(throws: StoreError.self) { _ = try await app.saveNew(Conformance.person(5, name: "周七")) }
        #expect(try await district.operators().first { $0.name == street }?.streets == ["八一路街道"])

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [street, inspector]), at: admin)
    }
}
