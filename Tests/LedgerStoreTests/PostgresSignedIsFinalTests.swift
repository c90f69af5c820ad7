import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore
import Testing

/// What a signature covers is final in the database (PG v7-signed-is-final): with raw SQL, the district
/// supervisor's login cannot rewrite its signed 初评 (results, list, adjustments, the submission, the signature)
/// nor the city's login its signed 市级考评; an unlock needs an audited reason; only the app's unlock lifts what it
/// lifts, and a change the rules still allow, made outside the app, is audited as `直接改库`.
struct PostgresSignedIsFinalTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the PostgreSQL signed-is-final rules were NOT tested"))
    func aSignedStageRefusesEveryRawRewriteAndOnlyTheAuditedUnlockLiftsIt() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "signedfinal_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        try await district.saveCommunity(Conformance.community())
        let own = try #require(try await district.saveNew(Conformance.person(1)).ref)
        _ = try await district.saveNew(Conformance.person(2, name: "李四"))
        _ = try await district.saveNew(Conformance.person(3, name: "王五"))

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
        func app(_ name: String) -> PostgresLedger { PostgresLedger(location: login(name), operatorName: name, today: { Conformance.today }) }
        func refused(_ name: String, _ sql: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) async {
            let error = await #expect(throws: StoreError.self, "\(name): \(sql)", sourceLocation: sourceLocation) { _ = try await run(name, sql) }
            #expect(error?.message == message, "\(name): \(sql)", sourceLocation: sourceLocation)
        }
        let clerk = app(clerkName), supervisor = app(supervisorName), city = app(cityName)
        let code = Conformance.code

        // The clerk submits; the district supervisor adjusts, draws three, finds one 不属实, and signs
        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let card = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: code), checklist: [:])
        let id = try await clerk.submitSelfAssessment(community: code, card: card).id
        _ = try await supervisor.adjust(community: code, item: "survey_register", points: .zero, reason: "台账缺少签字", stage: .district)
        let drawn = try await supervisor.drawSpotChecks(community: code, size: 3, services: 0, seed: 7, stage: .district)
        for check in drawn.sample?.checks ?? [] {
            _ = try await supervisor.recordSpotCheck(community: code, position: check.position, result: check.position == 2 ? .untrue : .confirmed,
                                                     note: check.position == 2 ? "本人称未参加培训" : "", stage: .district)
        }
        let signed = try await supervisor.signOff(community: code, stage: .district)
        let lock = try #require(signed.signature)
        let districtSigned = "初评已由\(supervisorName)于\(TimeText.shown(lock.at))签署，"
        let districtUnlock = "如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）"
        let seedText = "抽样已于\(TimeText.shown(try #require(drawn.sample).drawnAt))由\(supervisorName)完成（种子 7），抽样记录不能修改：同一份考评只抽一次"
        let unlockNeedsReason = "解锁必须填写理由并记入修改记录：请在评选界面按 U，或用 chuangye evaluate unlock --reason 理由"

        // The district supervisor's own login cannot rewrite what its signature covers
        let rewrites: [(String, String)] = [
            ("UPDATE spot_check SET result = '属实', note = NULL WHERE evaluation_id = \(id) AND position = 2", districtSigned + "抽样核实结果不能再修改。" + districtUnlock),
            ("UPDATE spot_check SET stratum = '已创业', person_id = \(own.id) WHERE evaluation_id = \(id) AND position = 1", "抽样名单（抽中的人员、服务和分层）不能修改"),
            ("DELETE FROM spot_check WHERE evaluation_id = \(id) AND position = 2", "抽样名单不能删减：同一份考评只抽一次，抽中的名单可向社区出示"),
            ("INSERT INTO spot_check (evaluation_id, position, person_id, stratum) VALUES (\(id), 9, \(own.id), '有创业意愿')", "抽样已完成，名单不能增加：同一份考评只抽一次"),
            ("UPDATE evaluation_adjustment SET points_hundredths = 200, reason = '改回' WHERE evaluation_id = \(id)", districtSigned + "改分不能再修改。" + districtUnlock),
            ("DELETE FROM evaluation_adjustment WHERE evaluation_id = \(id)", districtSigned + "改分不能再修改。" + districtUnlock),
            ("INSERT INTO evaluation_adjustment VALUES (\(id), 'work_plan', 300, '补', 'x', 'x')", districtSigned + "改分不能再修改。" + districtUnlock),
            ("UPDATE evaluation SET submitted_by = 'x' WHERE id = \(id)", "已提交的自评不能修改：提交人、提交时间、台账校验码、考核期和评分表在提交时已固定"),
            ("UPDATE evaluation SET checksum = 'x', submitted_at = 'x' WHERE id = \(id)", "已提交的自评不能修改：提交人、提交时间、台账校验码、考核期和评分表在提交时已固定"),
            ("UPDATE evaluation SET sample_seed = 8 WHERE id = \(id)", seedText),
            ("UPDATE evaluation SET signed_by = 'x', signed_at = 'x' WHERE id = \(id)", "初评的签署记在台账锁定中，不能在此修改"),
            ("DELETE FROM evaluation_lock", unlockNeedsReason),
        ]
        for (sql, message) in rewrites { await refused(supervisorName, sql, message) }
        // (The signature's row and the submission are not even granted to change: refused before the rules.)
        for sql in ["UPDATE evaluation_lock SET locked_by = 'x'", "DELETE FROM evaluation WHERE id = \(id)"] {
            await #expect(throws: StoreError.self, "\(sql)") { _ = try await run(supervisorName, sql) }
        }
        // Nothing changed: the rate, the list, the 初评, the signature
        let after = try #require(try await clerk.evaluation(community: code))
        #expect(after.sample == signed.sample && after.adjustments == signed.adjustments && after.signature == signed.signature)
        #expect(after.submittedBy == clerkName && after.checksum == signed.checksum && after.sample?.discrepancyRate == Rational(1, 3))

        // The city reviews and signs; its login cannot rewrite its signed review, nor lift the lock without a reason
        _ = try await supervisor.recommendToCity(community: code)
        let cityDrawn = try await city.drawSpotChecks(community: code, size: 1, services: 0, seed: 3, stage: .city)
        _ = try await city.recordSpotCheck(community: code, position: 1, result: .confirmed, note: "", stage: .city)
        let citySigned = try await city.signOff(community: code, stage: .city)
        let cityId = citySigned.id
        let citySignature = try #require(citySigned.signature)
        let cityUnlock = "如需修改，请市级督导解锁（chuangye evaluate unlock --reason 理由）"
        let cityRewrites: [(String, String)] = [
            ("UPDATE spot_check SET result = '不属实', note = '改' WHERE evaluation_id = \(cityId)",
             "市级考评已由\(cityName)于\(TimeText.shown(citySignature.at))签署，抽样核实结果不能再修改。" + cityUnlock),
            ("UPDATE evaluation SET signed_by = NULL, signed_at = NULL WHERE id = \(cityId)",
             "市级考评已由\(cityName)于\(TimeText.shown(citySignature.at))签署，签署记录不能修改。" + cityUnlock),
            ("UPDATE evaluation SET signed_by = 'x' WHERE id = \(cityId)",
             "市级考评已由\(cityName)于\(TimeText.shown(citySignature.at))签署，签署记录不能修改。" + cityUnlock),
            ("INSERT INTO evaluation_adjustment VALUES (\(cityId), 'work_plan', 300, '补', 'x', 'x')",
             "市级考评已由\(cityName)于\(TimeText.shown(citySignature.at))签署，改分不能再修改。" + cityUnlock),
            ("UPDATE evaluation SET checksum = 'x' WHERE id = \(cityId)", "已提交的自评不能修改：提交人、提交时间、台账校验码、考核期和评分表在提交时已固定"),
            ("DELETE FROM evaluation_lock", unlockNeedsReason),
        ]
        for (sql, message) in cityRewrites { await refused(cityName, sql, message) }
        // Once the city signed, the district's signed 初评 says who may unlock
        await refused(supervisorName, "UPDATE spot_check SET note = '补' WHERE evaluation_id = \(id) AND position = 1",
                      districtSigned + "抽样核实结果不能再修改。" + cityUnlock)
        #expect(try await city.cityReview(community: code)?.city == citySigned)
        #expect(cityDrawn.sample?.seed == 3)

        // The app's unlock lifts the lock and reopens the city's review, audited with its reason
        try await city.unlock(community: code, reason: "市级抽查需更正")
        #expect(try await clerk.periodLock(community: code) == nil)
        #expect(try await district.recentHistory(community: code, limit: 1).first.map { [$0.action, $0.operatorName] } == ["city_unlock", cityName])
        // A change the rules still allow (the reopened review's note), made with raw SQL, is audited as 直接改库
        _ = try await run(cityName, "UPDATE spot_check SET note = '电话复核' WHERE evaluation_id = \(cityId) AND position = 1")
        let entry = try #require(try await district.recentHistory(community: code, limit: 1).first)
        #expect(entry.action == "sql" && entry.operatorName == cityName && entry.recordTable == "evaluation" && entry.recordId == String(cityId))
        #expect(entry.changes == [FieldChange(field: "spot_check.1.note", old: nil, new: "电话复核")])
        // Signed again, the district's lock is lifted with raw SQL only together with an entry giving the reason
        _ = try await supervisor.signOff(community: code, stage: .district)
        try await PostgresAdministration.execute([
            "BEGIN",
            """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES ('x', 'x', '\(code)', 'evaluation', '\(id)', 'unlock', '{"reason":[null,"补录服务记录"]}')
            """,
            "DELETE FROM evaluation_lock",
            "COMMIT",
        ], at: login(supervisorName))
        #expect(try await clerk.periodLock(community: code) == nil)
        let unlocked = try #require(try await district.recentHistory(community: code, limit: 1).first)
        #expect(unlocked.action == "unlock" && unlocked.operatorName == supervisorName)

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, supervisorName, cityName]), at: admin)
    }
}
