import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// The look-up behind the "registered in another community" warning runs as the owner, so what it returns is all a
/// login learns of other communities: a clerk learns that a number is registered elsewhere and where, with the
/// name's first character only (a tester fed it 2.2 million candidate numbers and read back every name of the
/// district); a read-only login learns only of what it reads anyway.
struct PostgresIdLookupTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the ID look-up's reach was NOT tested"))
    func aClerkLearnsWhereANumberIsRegisteredButNotTheNameOfAnotherCommunitysPerson() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("idlookup")
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "东关社区"))
        _ = try await district.saveNew(Conformance.person(1, name: "买买提"))
        _ = try await district.save(Conformance.person(1, name: "买买提"), community: Conformance.otherCode, editing: nil,
                                    acceptedWarnings: [:], action: .entry)
        let number = Conformance.idNumber(1)
        let lookUp = "SELECT name, community_code FROM persons_with_id_numbers(ARRAY['\(number)']) ORDER BY community_code"

        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        #expect(try await PostgresAdministration.rows(lookUp, at: clerk) == [["买买提", Conformance.code], ["买**", Conformance.otherCode]])
        // A street supervisor of another street learns nothing it does not read
        let streetName = "street_\(tag)"
        try await district.saveCommunity(Community(code: "630102101", name: "南川社区", street: "南川街道", district: "城东区",
                                                   labourForce: 100, period: Conformance.period))
        try await PostgresSecurity.addOperator(streetName, role: .streetSupervisor, streets: ["南川街道"], password: "pw-\(tag)", at: admin)
        var street = admin
        street.user = streetName
        street.password = "pw-\(tag)"
        #expect(try await PostgresAdministration.rows(lookUp, at: street) == [])
        // The district reads every name
        #expect(try await PostgresAdministration.rows(lookUp, at: admin) == [["买买提", Conformance.code], ["买买提", Conformance.otherCode]])

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, streetName]), at: admin)
    }

    /// What a clerk's login may ask of numbers it does not read is counted per day, and a rolled-back transaction
    /// does not take the count back (a sequence keeps it); its own persons cost nothing; the counter is no login's.
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the ID look-up budget was NOT tested"))
    func aClerksLookUpsBeyondItsCommunitiesAreBudgetedPerDayEvenWhenRolledBack() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("idbudget")
        try await district.saveCommunity(Conformance.community())
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "东关社区"))
        _ = try await district.saveNew(Conformance.person(1, name: "买买提"))
        _ = try await district.save(Conformance.person(2, name: "古丽"), community: Conformance.otherCode, editing: nil,
                                    acceptedWarnings: [:], action: .entry)
        let own = Conformance.idNumber(1), elsewhere = Conformance.idNumber(2)
        let perDay = PostgresIdLookupBudget.numbersPerDay
        func ask(_ numbers: [String]) -> String {
            "SELECT name, community_code FROM persons_with_id_numbers(ARRAY[" + numbers.map { "'\($0)'" }.joined(separator: ",") + "]::text[])"
        }
        let clerkName = "clerk_\(tag)", otherName = "other_\(tag)"
        func counterOf(_ login: String) async throws -> String {
            try #require(try await PostgresAdministration.rows("SELECT 'id_lookup_count_' || md5('\(login)')", at: admin).first?.first ?? nil)
        }
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        let other = try await PostgresTestServer.clerkLogin(otherName, of: [Conformance.code], at: admin)

        // A number asked three times counts once; the clerk's own person costs nothing.
        #expect(try await PostgresAdministration.rows(ask(["X1", "X1", "X1", own]), at: clerk) == [["买买提", Conformance.code]])
        // Asked inside a transaction that is rolled back: still counted.
        try await PostgresAdministration.execute(["BEGIN", ask((0..<(perDay - 11)).map { "U\($0)" }), "ROLLBACK"], at: clerk)
        let refused = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.rows(ask((0..<11).map { "V\($0)" }), at: clerk)
        }
        #expect(refused?.message == "身份证号核对超过每日上限：本账号今天已核对或登记本社区以外的身份证号\(perDay - 10)个，这次还需11个，每天最多\(perDay)个。请明天再试；较大的文件请区县管理员导入")
        // Up to the budget exactly; then the clerk's own persons still, and nothing else.
        #expect(try await PostgresAdministration.rows(ask((0..<10).map { "V\($0)" }), at: clerk) == [])
        #expect(try await PostgresAdministration.rows(ask([own]), at: clerk) == [["买买提", Conformance.code]])
        let asTheApp = PostgresLedger(location: clerk, operatorName: clerkName, today: { Conformance.today })
        let refusedInApp = await #expect(throws: StoreError.self) { try await asTheApp.personsWithIdNumber(elsewhere) }
        #expect(refusedInApp?.message.hasPrefix("身份证号核对超过每日上限：本账号今天已核对或登记本社区以外的身份证号\(perDay)个，这次还需1个") == true)
        // Numbers written into its community count too (a clerk's psql had inserted candidates, asked about them
        // as its own for free, and rolled back): with the day used up, a new person is refused.
        let refusedSave = await #expect(throws: StoreError.self) { try await asTheApp.saveNew(Conformance.person(3, name: "新人")) }
        #expect(refusedSave?.message.hasPrefix("身份证号核对超过每日上限") == true, "\(String(describing: refusedSave))")
        // Nothing a session sets changes that: a temporary counter (searched first, unless named) standing in for
        // the real one, a temporary operator table making the login a supervisor, a time zone days ahead.
        let counter = try await counterOf(clerkName)
        for trick in ["CREATE TEMP SEQUENCE \"\(counter)\"; GRANT ALL ON SEQUENCE pg_temp.\"\(counter)\" TO PUBLIC",
                      "CREATE TEMP TABLE operator_account AS SELECT session_user::text AS name, 'supervisor'::text AS role; GRANT SELECT ON operator_account TO PUBLIC",
                      "CREATE TEMP TABLE operator_community (operator text, community_code text); GRANT SELECT ON operator_community TO PUBLIC",
                      "PERFORM set_config('TimeZone', 'XXX-167', true)"] {
            let refusedAnyway = await #expect(throws: StoreError.self, "\(trick)") {
                try await PostgresAdministration.execute(["""
                    DO $$ BEGIN \(trick); PERFORM * FROM persons_with_id_numbers(ARRAY['W1']);
                        RAISE EXCEPTION USING ERRCODE = 'CY002', MESSAGE = 'answered'; END $$
                    """], at: clerk)
            }
            #expect(refusedAnyway?.message.hasPrefix("身份证号核对超过每日上限") == true, "\(trick): \(String(describing: refusedAnyway))")
        }

        // Another clerk has a budget of its own; a day fully used yesterday leaves today's whole.
        let yesterdayFull = "((now() AT TIME ZONE 'Asia/Shanghai')::date - 1 - date '2000-01-01')::bigint * \(perDay) + \(perDay)"
        try await PostgresAdministration.execute(["SELECT setval(('id_lookup_count_' || md5('\(otherName)'))::regclass, \(yesterdayFull))"], at: admin)
        #expect(try await PostgresAdministration.rows(ask([elsewhere]), at: other) == [["古*", Conformance.otherCode]])

        // No login may read, reset or spend a counter.
        for statement in ["SELECT last_value FROM \"\(counter)\"", "SELECT setval('\(counter)', 1)",
                          "SELECT nextval(('id_lookup_count_' || md5('\(otherName)'))::regclass)"] {
            await #expect(throws: StoreError.self, "\(statement)") { try await PostgresAdministration.execute([statement], at: clerk) }
        }
        // The district reads every number, uncounted.
        #expect(try await PostgresAdministration.rows(ask([elsewhere, "Y1"]), at: admin) == [["古丽", Conformance.otherCode]])

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName, otherName]), at: admin)
    }
}
