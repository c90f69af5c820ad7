import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore
import Testing

/// The evaluation procedure's roles held by the database: a clerk's login, connected with raw SQL, submits its own
/// community's self-assessment and nothing more (no adjustment, draw, check, signature, unlock or recommendation,
/// no change of a frozen item), and once its period is signed cannot change a record, the profile or the checklist
/// of its community; the district supervisor cannot lift a lock the city signed; an inspector only reads.
struct PostgresEvaluationRolesTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL evaluation roles were NOT tested"))
    func aClerksLoginSubmitsOnlyAndALockedCommunityRefusesEveryChange() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "evalroles_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "南关社区"))
        let own = try #require(try await district.saveNew(Conformance.person(1)).ref)
        _ = try await district.saveNew(Conformance.person(2, name: "李四"))
        _ = try await district.saveNew(Conformance.service(1))

        let password = "pw-\(UUID().uuidString)"
        let clerkName = "clerk_\(tag)", supervisorName = "super_\(tag)", cityName = "city_\(tag)", inspectorName = "insp_\(tag)"
        try await PostgresSecurity.addOperator(clerkName, role: .clerk, communities: [Conformance.code], password: password, at: admin)
        try await PostgresSecurity.addOperator(supervisorName, role: .supervisor, password: password, at: admin)
        try await PostgresSecurity.addOperator(cityName, role: .city, password: password, at: admin)
        try await PostgresSecurity.addOperator(inspectorName, role: .inspector, password: password, at: admin)
        func login(_ name: String) -> PostgresLocation {
            var l = admin
            l.user = name
            l.password = password
            return l
        }
        func run(_ name: String, _ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: login(name)) }
        func app(_ name: String) -> PostgresLedger { PostgresLedger(location: login(name), operatorName: name, today: { Conformance.today }) }
        let clerk = app(clerkName), supervisor = app(supervisorName), city = app(cityName)

        // The clerk submits through the app; the submission names its login
        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let card = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: Conformance.code), checklist: [:])
        let submitted = try await clerk.submitSelfAssessment(community: Conformance.code, card: card)
        #expect(submitted.submittedBy == clerkName)
        let id = submitted.id
        #expect(try await run(clerkName, "SELECT submitted_by FROM evaluation") == [[clerkName]])

        // With raw SQL the clerk takes no supervisor's step, changes no frozen item, submits for no other community
        let guardMessage = "只有督导可以初评改分、抽样、记录抽查结果、签署、解锁或推荐，\(clerkName)不是督导"
        for sql in ["INSERT INTO evaluation_adjustment VALUES (\(id), 'survey_register', 0, '自己改', 'x', 'x')",
                    "UPDATE evaluation SET sample_seed = 1, drawn_by = 'x' WHERE id = \(id)",
                    "UPDATE evaluation SET recommended_by = 'x' WHERE id = \(id)",
                    "INSERT INTO spot_check (evaluation_id, position, person_id, stratum, result) VALUES (\(id), 1, \(own.id), '有创业意愿', '属实')",
                    "INSERT INTO evaluation_lock VALUES ('\(Conformance.code)', \(id), 'x', 'x')",
                    "DELETE FROM evaluation_lock"] {
            let error = await #expect(throws: StoreError.self, "\(sql)") { _ = try await run(clerkName, sql) }
            #expect(error?.message == guardMessage, "\(sql): \(error?.message ?? "")")
        }
        for sql in ["UPDATE evaluation_item SET points_hundredths = 9999 WHERE evaluation_id = \(id)",
                    "DELETE FROM evaluation_item WHERE evaluation_id = \(id)", "DELETE FROM evaluation WHERE id = \(id)",
                    """
                    INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                            checksum, audit_mark, import_mark, sample_seed)
                    VALUES ('\(Conformance.code)', '2024-01-01', '2024-12-31', 'r', 'r', 'x', 'x', 'x', 0, 0, 42)
                    """,
                    """
                    INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                            checksum, audit_mark, import_mark)
                    VALUES ('\(Conformance.otherCode)', '2024-01-01', '2024-12-31', 'r', 'r', 'x', 'x', 'x', 0, 0)
                    """] {
            await #expect(throws: StoreError.self, "\(sql)") { _ = try await run(clerkName, sql) }
        }
        #expect(try await district.evaluation(community: Conformance.code)?.items == submitted.items)
        // Through the app the same refusals, in the SQLite engine's words
        let byClerk = await #expect(throws: StoreError.self) {
            _ = try await clerk.adjust(community: Conformance.code, item: "survey_register", points: .zero, reason: "x", stage: .district)
        }
        #expect(byClerk?.message == "只有区县督导可以初评改分，\(clerkName)不是区县督导")

        // The district supervisor draws, checks and signs: the community is locked
        let drawn = try await supervisor.drawSpotChecks(community: Conformance.code, size: 2, services: 0, seed: 7, stage: .district)
        for check in drawn.sample?.checks ?? [] {
            _ = try await supervisor.recordSpotCheck(community: Conformance.code, position: check.position, result: .confirmed, note: "",
                                                     stage: .district)
        }
        // Once the 初评 has begun, the clerk's raw resubmission is refused too
        let resubmit = await #expect(throws: StoreError.self) {
            _ = try await run(clerkName, """
                INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                        checksum, audit_mark, import_mark)
                VALUES ('\(Conformance.code)', '2024-01-01', '2024-12-31', 'r', 'r', 'x', 'x', 'x', 0, 0)
                """)
        }
        #expect(resubmit?.message == "只有督导可以在初评开始后（已抽样或已改分）重新提交自评，\(clerkName)不是督导")
        _ = try await supervisor.signOff(community: Conformance.code, stage: .district)
        let lock = try #require(try await clerk.periodLock(community: Conformance.code))
        let lockMessage = PeriodLockRefusal(communityName: "八一路社区", communityCode: Conformance.code, periodStart: "2024-01-01",
                                            periodEnd: "2024-12-31", lockedBy: lock.by, lockedAt: lock.at, cityBy: nil, cityAt: nil).message

        // Every change of the locked community's content, with the clerk's login or the supervisor's, is refused by
        // the database in the app's words, and so is a change of the score contributions kept beside them; the
        // problem counts the app keeps may still move
        for name in [clerkName, supervisorName] {
            for sql in ["UPDATE person SET fields = fields || '{\"remarks\": \"签署后改\"}' WHERE id = \(own.id)",
                        "UPDATE person SET deleted_at = 'x', deleted_reason = 'x' WHERE id = \(own.id)",
                        """
                        INSERT INTO person (community_code, id_number, name, name_key, initials, fields)
                        VALUES ('\(Conformance.code)', '\(Conformance.idNumber(9))', '王五', 'wang wu', '{ww}',
                                '{"id_number": "\(Conformance.idNumber(9))", "name": "王五"}')
                        """,
                        "UPDATE service SET fields = fields || '{\"content\": \"改过的服务内容\"}'",
                        // The kept score contributions too: a signed score rests on them
                        "UPDATE person SET facts = '{\"participants\": 500, \"entrepreneur_jobs\": 300}' WHERE id = \(own.id)",
                        "UPDATE person SET services_in_period = 9 WHERE id = \(own.id)",
                        "UPDATE community SET labour_force = 1 WHERE code = '\(Conformance.code)'",
                        "INSERT INTO checklist_answer VALUES ('\(Conformance.code)', 'work_plan', 250)",
                        "INSERT INTO accepted_warning VALUES ('person', \(own.id), 'x', '理由', 'x', 'x')"] {
                let error = await #expect(throws: StoreError.self, "\(name): \(sql)") { _ = try await run(name, sql) }
                #expect(error?.message == lockMessage, "\(name): \(sql): \(error?.message ?? "")")
            }
        }
        _ = try await run(clerkName, "UPDATE person SET error_count = error_count, version = version + 1 WHERE id = \(own.id)")
        // The app says the same before sending anything; the clerk cannot unlock there either
        let save = await #expect(throws: StoreError.self) { _ = try await clerk.saveNew(Conformance.person(3, name: "赵六")) }
        #expect(save?.message == lockMessage)
        let unlock = await #expect(throws: StoreError.self) { try await clerk.unlock(community: Conformance.code, reason: "要改") }
        #expect(unlock?.message == "只有区县督导可以解锁，\(clerkName)不是区县督导")
        #expect(try await clerk.periodLock(community: Conformance.code) != nil)
        // The other community is not locked
        _ = try await district.saveNew(Conformance.person(4, name: "孙八"), in: Conformance.otherCode)

        // The city reviews the recommended candidate; once it signed, the district's supervisor cannot lift the
        // lock (its raw DELETE reaches no row), the city's can
        _ = try await supervisor.recommendToCity(community: Conformance.code)
        let cityDraw = try await city.drawSpotChecks(community: Conformance.code, size: 1, services: 0, seed: 3, stage: .city)
        _ = try await city.recordSpotCheck(community: Conformance.code, position: 1, result: .confirmed, note: "", stage: .city)
        #expect(cityDraw.sample?.drawnBy == cityName)
        _ = try await city.signOff(community: Conformance.code, stage: .city)
        #expect(try await city.cityCandidates().map(\.communityCode) == [Conformance.code])
        _ = try await run(supervisorName, "DELETE FROM evaluation_lock")
        #expect(try await clerk.periodLock(community: Conformance.code) != nil)
        await #expect(throws: StoreError.self) { try await supervisor.unlock(community: Conformance.code, reason: "更正") }
        // A city supervisor reads every community and writes no register (an UPDATE reaches no row)
        #expect(try await run(cityName, "UPDATE person SET name = name WHERE id = \(own.id) RETURNING id").isEmpty)
        try await city.unlock(community: Conformance.code, reason: "市级抽查需更正")
        #expect(try await district.recentHistory(community: Conformance.code, limit: 1).first.map { [$0.action, $0.operatorName] }
                == ["city_unlock", cityName])
        _ = try await clerk.saveNew(Conformance.person(3, name: "赵六"))

        // An inspector reads the evaluation and changes none of it
        #expect(try await run(inspectorName, "SELECT count(*)::text FROM evaluation") == [["2"]])
        for sql in ["DELETE FROM evaluation_lock", "UPDATE evaluation SET signed_by = 'x'",
                    "INSERT INTO evaluation_adjustment VALUES (\(id), 'survey_register', 0, 'x', 'x', 'x')"] {
            await #expect(throws: StoreError.self, "\(sql)") { _ = try await run(inspectorName, sql) }
        }
        // Entry events: each login appends its own only, and reads its own (a supervisor everyone's)
        await #expect(throws: StoreError.self) {
            _ = try await run(clerkName, """
                INSERT INTO entry_event (operator, community_code, record_table, outcome, opened_at, closed_at, errors_shown)
                VALUES ('\(supervisorName)', '\(Conformance.code)', 'person', 'abandoned', '2024-12-31T09:00:00', '2024-12-31T09:01:00', 0)
                """)
        }
        try await clerk.recordEntryEvent(EntryEvent(register: .survey, community: Conformance.code, recordId: nil, outcome: .abandoned,
                                                    openedAt: "2024-12-31T09:00:00", closedAt: "2024-12-31T09:01:00", errorsShown: 3))
        let clerkStats = try await clerk.operatorStatistics(StatisticsFilter())
        #expect(Set(clerkStats.days.map(\.operatorName)) == [clerkName])
        #expect(clerkStats.days.reduce(0) { $0 + $1.errorsCaught } == 3)
        #expect(try await supervisor.operatorStatistics(StatisticsFilter()).days.map(\.operatorName).contains(admin.user))

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, supervisorName, cityName, inspectorName]),
                                                 at: admin)
    }
}
