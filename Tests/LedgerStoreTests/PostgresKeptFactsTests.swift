import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore
import Testing

/// A clerk's login may write its community's records, so it could also write their kept score contributions
/// (`facts`) with raw SQL and lift the community's score. The database audits such a change at once as `直接改库`
/// (v9); the district's `check` recomputes them from the fields, restores the score, and leaves a `recount` entry
/// in each record's history.
struct PostgresKeptFactsTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the kept figures' recount was NOT tested"))
    func figuresWrittenWithRawSQLAreRecomputedByTheDistrictsCheck() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("facts")
        try await district.saveCommunity(Conformance.community())
        let person = try #require(try await district.saveNew(Conformance.person(1)).ref)
        _ = try await district.saveNew(Conformance.service(1))
        let activity = try #require(try await district.saveNew(Conformance.activity()).ref)
        let honest = try await district.scoreFacts(community: Conformance.code)

        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        // Given the clerk's login lifting the figures with raw SQL (allowed: the app writes them as that login)
        _ = try await PostgresAdministration.rows("""
            UPDATE person SET facts = '{"registered": 40, "entrepreneurs": 40}', services_in_period = 9 WHERE id = \(person.id)
            """, at: clerk)
        _ = try await PostgresAdministration.rows("UPDATE activity SET facts = '{\"participants\": 500}' WHERE id = \(activity.id)", at: clerk)
        let lifted = try await district.scoreFacts(community: Conformance.code)
        #expect(lifted != honest)
        // and the database audits the lift at once as a change made outside the app, naming the clerk's login
        let outside = try #require(try await district.history(of: person).last)
        #expect(outside.action == "sql" && outside.operatorName == clerkName && outside.changes.map(\.field) == ["facts", "services_in_period"],
                "\(outside)")
        #expect(try await district.history(of: activity).last?.action == "sql")
        #expect(lifted[.registered] == honest[.registered] + 39)

        // When the district checks the community
        let checked = try await district.checkAndRecount(community: Conformance.code)
        // Then both records' figures are recomputed from their fields, and the score is the honest one again
        #expect(checked.corrected == 2)
        #expect(try await district.scoreFacts(community: Conformance.code) == honest)
        // and each record's history names the figures found and who recomputed them
        let entry = try #require(try await district.history(of: person).last)
        #expect(entry.action == "recount")
        #expect(entry.operatorName == admin.user)
        #expect(entry.changes.map(\.field) == ["facts", "services_in_period"])
        #expect(entry.changes.first?.old?.contains("40") == true)
        #expect(entry.changes.last.map { [$0.old, $0.new] } == ["9", "1"])
        #expect(try await district.history(of: activity).last?.action == "recount")
        // A second check finds nothing more to recompute
        #expect(try await district.checkAndRecount(community: Conformance.code).corrected == 0)

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }

    /// The same figures lifted before the 自评 is submitted: the submission recomputes them first and is refused
    /// once, naming what it corrected, so that the score frozen is the registers' (a tester's lifted score had been
    /// submitted, drawn, checked and signed); lifted between the submission and the signature, the same at signing.
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the recount before submitting was NOT tested"))
    func submittingAndSigningRecomputeTheFiguresFirst() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("factsub")
        try await district.saveCommunity(Conformance.community())
        let person = try #require(try await district.saveNew(Conformance.person(1)).ref)
        _ = try await district.saveNew(Conformance.person(2, name: "李四"))
        let honest = try await district.scoreFacts(community: Conformance.code)
        let clerkName = "clerk_\(tag)"
        let clerkLogin = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        let clerk = PostgresLedger(location: clerkLogin, operatorName: clerkName, today: { Conformance.today })
        let lift = "UPDATE person SET facts = '{\"registered\": 40, \"entrepreneurs\": 40}' WHERE id = \(person.id)"
        _ = try await PostgresAdministration.rows(lift, at: clerkLogin)
        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("xining-community.json"))
        let liftedCard = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: Conformance.code), checklist: [:])

        let refused = await #expect(throws: StoreError.self) {
            _ = try await clerk.submitSelfAssessment(community: Conformance.code, card: liftedCard)
        }
        #expect(refused?.message == FiguresRecounted.refusal(corrected: 1, doing: "提交自评"))
        #expect(try await clerk.evaluation(community: Conformance.code) == nil)
        #expect(try await district.scoreFacts(community: Conformance.code) == honest)
        #expect(try await district.history(of: person).last?.action == "recount")
        let card = ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: Conformance.code), checklist: [:])
        _ = try await clerk.submitSelfAssessment(community: Conformance.code, card: card)

        // Lifted again after the submission: the supervisor's signature recomputes them first too
        _ = try await PostgresAdministration.rows(lift, at: clerkLogin)
        _ = try await district.drawSpotChecks(community: Conformance.code, size: 1, services: 0, seed: 1, stage: .district)
        _ = try await district.recordSpotCheck(community: Conformance.code, position: 1, result: .confirmed, note: "", stage: .district)
        let notSigned = await #expect(throws: StoreError.self) { _ = try await district.signOff(community: Conformance.code, stage: .district) }
        #expect(notSigned?.message == FiguresRecounted.refusal(corrected: 1, doing: "签署初评"))
        #expect(try await district.scoreFacts(community: Conformance.code) == honest)
        #expect(try await district.signOff(community: Conformance.code, stage: .district).signature != nil)

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }
}
