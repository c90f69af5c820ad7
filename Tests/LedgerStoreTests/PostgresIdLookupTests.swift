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
}
