import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore
import Testing

/// An evaluation's steps taken with raw SQL hold to the app's rules (PostgresEvaluationSecurity): the names on them
/// are the logins that took them (`signer_is_login`: a supervisor's login cannot record an adjustment, a check, a
/// signature or a recommendation in another person's name, nor a city supervisor sign the 市级考评 as someone
/// else), and a stage is signed only once its sample was drawn and checked (`signed_only_when_checked`).
struct PostgresRawSigningTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL signer names were NOT tested"))
    func stepsTakenWithSQLNameTheLoginAndSignOnlyACheckedSample() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "signer_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())
        for (n, name) in [(1, "张三"), (2, "李四"), (3, "王五")] { _ = try await district.saveNew(Conformance.person(n, name: name)) }

        let password = "pw-\(UUID().uuidString)"
        let clerkName = "clerk_\(tag)", supervisorName = "super_\(tag)", cityName = "city_\(tag)"
        try await PostgresSecurity.addOperator(clerkName, role: .clerk, communities: [Conformance.code], password: password, at: admin)
        try await PostgresSecurity.addOperator(supervisorName, role: .supervisor, password: password, at: admin)
        try await PostgresSecurity.addOperator(cityName, role: .city, password: password, at: admin)
        func login(_ name: String) -> PostgresLocation {
            var l = admin
            l.user = name
            l.password = password
            return l
        }
        func run(_ name: String, _ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: login(name)) }
        func refused(_ name: String, _ sql: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) async {
            let error = await #expect(throws: StoreError.self, "\(name): \(sql)", sourceLocation: sourceLocation) { _ = try await run(name, sql) }
            #expect(error?.message == message, "\(name): \(sql)", sourceLocation: sourceLocation)
        }
        func app(_ name: String) -> PostgresLedger { PostgresLedger(location: login(name), operatorName: name, today: { Conformance.today }) }
        let clerk = app(clerkName), supervisor = app(supervisorName), city = app(cityName)
        let code = Conformance.code

        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let card = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: code), checklist: [:])
        let id = try await clerk.submitSelfAssessment(community: code, card: card).id

        // The district supervisor's raw SQL names someone else; what is kept is the login
        _ = try await run(supervisorName, "INSERT INTO evaluation_adjustment VALUES (\(id), 'work_plan', 300, '补', '张局长', '2026-05-01T09:00:00')")
        #expect(try await run(supervisorName, "SELECT adjusted_by FROM evaluation_adjustment WHERE evaluation_id = \(id)") == [[supervisorName]])
        let lockNow = "INSERT INTO evaluation_lock VALUES ('\(code)', \(id), '张局长', '2026-05-02T09:00:00')"
        await refused(supervisorName, lockNow, "还没有随机抽样，不能签署初评：请先抽样（按 d，或 evaluate draw）")
        _ = try await supervisor.drawSpotChecks(community: code, size: 3, services: 0, seed: 7, stage: .district)
        await refused(supervisorName, lockNow, "还有3条抽样未核实，不能签署初评：请先记录每条的核实结果")
        _ = try await run(supervisorName, """
            UPDATE spot_check SET result = '属实', checked_by = '张局长', checked_at = '2026-05-01T09:00:00' WHERE evaluation_id = \(id)
            """)
        #expect(try await run(supervisorName, "SELECT DISTINCT checked_by FROM spot_check WHERE evaluation_id = \(id)") == [[supervisorName]])
        // The app's own steps keep the login's name as they always did
        _ = try await supervisor.recordSpotCheck(community: code, position: 2, result: .untrue, note: "本人称未参加培训", stage: .district)
        #expect(try await run(supervisorName, "SELECT checked_by FROM spot_check WHERE evaluation_id = \(id) AND position = 2") == [[supervisorName]])
        _ = try await run(supervisorName, lockNow)
        #expect(try await run(supervisorName, "SELECT locked_by FROM evaluation_lock WHERE evaluation_id = \(id)") == [[supervisorName]])
        #expect(try await clerk.evaluation(community: code)?.signature?.by == supervisorName)
        _ = try await run(supervisorName, "UPDATE evaluation SET recommended_by = '张局长', recommended_at = '2026-05-03T09:00:00' WHERE id = \(id)")
        #expect(try await run(supervisorName, "SELECT recommended_by FROM evaluation WHERE id = \(id)") == [[supervisorName]])

        // The city's review: signed with raw SQL in another name, kept in the city supervisor's
        _ = try await city.drawSpotChecks(community: code, size: 1, services: 0, seed: 3, stage: .city)
        let citySigns = "UPDATE evaluation SET signed_by = '李处长', signed_at = '2026-05-04T09:00:00' WHERE review_of = \(id)"
        await refused(cityName, citySigns, "还有1条抽样未核实，不能签署市级考评：请先记录每条的核实结果")
        _ = try await city.recordSpotCheck(community: code, position: 1, result: .confirmed, note: "", stage: .city)
        _ = try await run(cityName, citySigns)
        #expect(try await run(cityName, "SELECT signed_by FROM evaluation WHERE review_of = \(id)") == [[cityName]])
        #expect(try await city.cityReview(community: code)?.city?.signature?.by == cityName)

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, supervisorName, cityName]), at: admin)
    }
}
