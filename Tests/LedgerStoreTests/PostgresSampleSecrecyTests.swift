import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore
import Testing

/// SampleDisclosure held by the database: a clerk's login, connected with raw SQL, cannot learn which records a spot
/// check drew until the 初评 is signed — not from the sample's rows, the evaluation's seed, nor the draw's and the
/// checks' audit entries — while it still reads the progress and the 不属实 findings; the supervisor reads all
/// (the seed too, through `disclosed_seed`: the column itself is no login's to read).
struct PostgresSampleSecrecyTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL sample secrecy was NOT tested"))
    func aClerksLoginReadsNeitherTheSampleNorItsSeedUntilSigned() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "secrecy_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())
        for n in 1...4 { _ = try await district.saveNew(Conformance.person(n, name: ["张三", "李四", "王五", "赵六"][n - 1])) }

        let password = "pw-\(UUID().uuidString)"
        let clerkName = "clerk_\(tag)", supervisorName = "super_\(tag)", inspectorName = "insp_\(tag)"
        try await PostgresSecurity.addOperator(clerkName, role: .clerk, communities: [Conformance.code], password: password, at: admin)
        try await PostgresSecurity.addOperator(supervisorName, role: .supervisor, password: password, at: admin)
        try await PostgresSecurity.addOperator(inspectorName, role: .inspector, password: password, at: admin)
        func login(_ name: String) -> PostgresLocation {
            var l = admin
            l.user = name
            l.password = password
            return l
        }
        func run(_ name: String, _ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: login(name)) }
        func app(_ name: String) -> PostgresLedger { PostgresLedger(location: login(name), operatorName: name, today: { Conformance.today }) }
        let clerk = app(clerkName), supervisor = app(supervisorName)

        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let card = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: Conformance.code), checklist: [:])
        let id = try await clerk.submitSelfAssessment(community: Conformance.code, card: card).id
        let drawn = try #require(try await supervisor.drawSpotChecks(community: Conformance.code, size: 3, services: 0, seed: 11,
                                                                      stage: .district).sample)
        _ = try await supervisor.recordSpotCheck(community: Conformance.code, position: 1, result: .untrue, note: "本人称未创业", stage: .district)
        _ = try await supervisor.recordSpotCheck(community: Conformance.code, position: 2, result: .confirmed, note: "", stage: .district)
        let untrue = drawn.checks[0].personId

        // The supervisor reads the whole sample, its seed and the entries
        #expect(try await run(supervisorName, "SELECT count(*)::text FROM spot_check") == [["3"]])
        #expect(try await run(supervisorName, "SELECT disclosed_seed(\(id))::text") == [["11"]])
        #expect(try await run(supervisorName, "SELECT count(*)::text FROM audit WHERE record_table = 'evaluation' AND action IN ('draw', 'check')")
                == [["3"]])

        // The clerk and the inspector: only the 不属实 finding's row; the seed column refused; no draw or check entry
        for name in [clerkName, inspectorName] {
            #expect(try await run(name, "SELECT position::text, person_id::text, note FROM spot_check")
                    == [["1", String(untrue), "本人称未创业"]], "\(name)")
            let seed = await #expect(throws: StoreError.self, "\(name)") {
                _ = try await run(name, "SELECT sample_seed FROM evaluation WHERE id = \(id)")
            }
            #expect(seed?.message.contains("当前数据库用户无权访问这些数据") == true, "\(name): \(seed?.message ?? "")")
            await #expect(throws: StoreError.self, "\(name)") { _ = try await run(name, "SELECT * FROM evaluation") }
            #expect(try await run(name, "SELECT disclosed_seed(\(id))") == [[nil]], "\(name)")
            #expect(try await run(name, "SELECT count(*)::text FROM audit WHERE record_table = 'evaluation' AND action IN ('draw', 'check')")
                    == [["0"]], "\(name)")
            // The operators' statistics count every recorded check, naming no record
            #expect(try await run(name, "SELECT count(*)::text FROM spot_check_results()") == [["2"]], "\(name)")
            // What the app shows it stays readable: every place's result and checker, nothing of the record
            #expect(try await run(name, "SELECT place::text, result, checked_by FROM spot_check_progress(\(id))")
                    == [["1", "不属实", supervisorName], ["2", "属实", supervisorName], ["3", nil, nil]], "\(name)")
        }
        // Through the app the clerk sees the same as on SQLite (SampleDisclosureTests): three places, one named
        let seen = try #require(try await clerk.evaluation(community: Conformance.code)?.sample)
        #expect(seen.concealed && seen.seed == 0 && seen.checks.map(\.position) == [1, 2, 3])
        #expect(seen.checks.map(\.concealed) == [false, true, true] && seen.checks[0].personId == untrue)
        #expect(seen.checks.map(\.result) == [.untrue, .confirmed, nil])
        #expect(try await clerk.evaluation(community: Conformance.code)?.sample?.progressText
                == (try await supervisor.evaluation(community: Conformance.code)?.sample?.progressText))

        // Signed: the clerk reads the whole list, the seed and the entries
        _ = try await supervisor.recordSpotCheck(community: Conformance.code, position: 3, result: .confirmed, note: "", stage: .district)
        _ = try await supervisor.signOff(community: Conformance.code, stage: .district)
        #expect(try await run(clerkName, "SELECT count(*)::text FROM spot_check") == [["3"]])
        #expect(try await run(clerkName, "SELECT disclosed_seed(\(id))::text") == [["11"]])
        #expect(try await run(clerkName, "SELECT count(*)::text FROM audit WHERE record_table = 'evaluation' AND action IN ('draw', 'check')")
                == [["4"]])
        let after = try #require(try await clerk.evaluation(community: Conformance.code)?.sample)
        #expect(!after.concealed && after.seed == 11 && after.checks.map(\.personId) == drawn.checks.map(\.personId))

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, supervisorName, inspectorName]), at: admin)
    }
}
