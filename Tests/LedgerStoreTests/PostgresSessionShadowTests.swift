import Foundation
import LedgerCore
import LedgerResources
import LedgerPostgres
import LedgerStore
import Testing

/// What a login's own session can set does not change what the ledger's functions read: PostgreSQL searches a
/// session's temporary tables first unless the search path names them, and a reviewer's temporary
/// `operator_account` (the login as a supervisor) had made every function that runs as the owner act for the
/// district. And an audit entry is filed under its record's community.
struct PostgresSessionShadowTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: temporary-table shadowing was NOT tested"))
    func aLoginsTemporaryTablesDoNotReachTheLedgersFunctions() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("shadow")
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "东关社区"))
        let theirs = try #require(try await district.saveNew(Conformance.person(1, name: "古丽"), in: Conformance.otherCode).id)
        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)

        // Every function of the ledger searches its schema first and the session's temporary tables last.
        let unpinned = try await PostgresAdministration.rows("""
            SELECT p.proname FROM pg_proc p WHERE p.pronamespace = '\(admin.schema)'::regnamespace AND p.prokind = 'f'
              AND NOT coalesce('search_path=\(admin.schema), pg_temp' = ANY(p.proconfig), false) ORDER BY 1
            """, at: admin)
        #expect(unpinned == [])
        // A temporary operator table naming the clerk a supervisor: the other community stays unread.
        let seen = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["""
                DO $$ DECLARE n int; BEGIN
                    CREATE TEMP TABLE operator_account AS SELECT session_user::text AS name, 'supervisor'::text AS role;
                    GRANT SELECT ON operator_account TO PUBLIC;
                    SELECT count(*) INTO n FROM person WHERE community_code = '\(Conformance.otherCode)';
                    RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = 'seen ' || n;
                END $$
                """], at: clerk)
        }
        #expect(seen?.message == "seen 0")
        // An entry about the other community's record, filed under the clerk's own community: refused.
        let filed = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["""
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('2024-01-01T00:00:00', 'x', '\(Conformance.code)', 'person', '\(theirs)', 'update', '{}')
                """], at: clerk)
        }
        #expect(filed?.message == "修改记录的社区与记录所在的社区不符，未写入：person 第\(theirs)号记录")
        // Filed under the other community: refused before anything is compared, in one message whatever it claims
        // (the comparison's message had told a right guess of a value from a wrong one).
        var refusals: Set<String> = []
        for phone in ["13900000000", "13800001111"] {
            let refused = await #expect(throws: StoreError.self) {
                try await PostgresAdministration.execute(["""
                    INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                    VALUES ('x', 'x', '\(Conformance.otherCode)', 'person', '\(theirs)', 'insert', '{"phone": [null, "\(phone)"]}')
                    """], at: clerk)
            }
            refusals.insert(refused?.message ?? "")
        }
        #expect(refusals == ["数据未保存：当前数据库用户无权访问这些数据。请联系区县管理员授权"])
        // A record keeps its id (a row given a new id had escaped the count of numbers written)
        let mine = try #require(try await district.saveNew(Conformance.person(2, name: "买买提")).id)
        let renumbered = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["UPDATE person SET id = id + 1000000 WHERE id = \(mine)"], at: clerk)
        }
        #expect(renumbered?.message == "记录编号不能修改：person 第\(mine)号记录")
        // No function waits on an advisory lock, whose key any login could hold
        #expect(try await PostgresAdministration.rows("""
            SELECT proname FROM pg_proc WHERE pronamespace = '\(admin.schema)'::regnamespace AND prosrc LIKE '%advisory%'
            """, at: admin) == [])
        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }

    /// The rows a draw or a check references do not stand out by their lock marker (`xmax`, which any reader sees):
    /// a reviewer had read a concealed sample from it before the signature. And an evaluation entry naming no
    /// evaluation is refused (one such entry had made every login's read of the audit table fail).
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the sample's lock markers were NOT tested"))
    func aConcealedSampleDoesNotShowInTheRowsLockMarkers() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("xmax")
        let code = Conformance.code
        try await district.saveCommunity(Conformance.community())
        for serial in 1...8 { _ = try await district.saveNew(Conformance.person(serial)) }
        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let card = ScoreEngine.evaluate(rubric, facts: try await district.scoreFacts(community: code), checklist: [:])
        _ = try await district.submitSelfAssessment(community: code, card: card)
        _ = try await district.drawSpotChecks(community: code, size: 3, services: 0, seed: 3, stage: .district)
        _ = try await district.recordSpotCheck(community: code, position: 1, result: .confirmed, note: "", stage: .district)
        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [code], at: admin)
        let markers = try await PostgresAdministration.rows("""
            SELECT count(DISTINCT xmax::text) FROM person WHERE community_code = '\(code)'
            """, at: clerk)
        #expect(markers == [["1"]])
        let poisoned = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["""
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(code)', 'evaluation', 'not-a-number', 'draw', '{}')
                """], at: clerk)
        }
        #expect(poisoned?.message == "修改记录所指的评选不存在，未写入：not-a-number")
        // Nor may a clerk add a supervisor's step to its own evaluation's history
        let evaluation = try #require(try await PostgresAdministration.rows("SELECT max(id) FROM evaluation", at: admin).first?.first ?? nil)
        let invented = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["""
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(code)', 'evaluation', '\(evaluation)', 'sign', '{}')
                """], at: clerk)
        }
        #expect(invented?.message == "只有督导可以记录评选的这一步，未写入：sign")
        #expect(try await PostgresAdministration.rows("SELECT count(*) > 0 FROM audit", at: clerk) == [["t"]])
        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }
}
