import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// A profile's street, district, level and period are the district's, whatever SQL a clerk's login sends; the
/// labour force, the leader and the phone stay the community's.
struct PostgresProfileRightsTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the profile's rights were NOT tested"))
    func aClerksLoginCannotMoveItsCommunityToAnotherStreet() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("profile")
        try await district.saveCommunity(Conformance.community())
        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        func asClerk(_ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: clerk) }

        for (sql, fields) in [("UPDATE community SET street = '大众街街道'", "所属街道"),
                              ("UPDATE community SET period_start = '2024-06-01', level = '街道'", "级别、考核期")] {
            do {
                _ = try await asClerk(sql)
                Issue.record("\(sql) was let through")
            } catch let error as StoreError {
                #expect(error.message == "社区档案的\(fields)只能由区县督导修改，\(clerkName)不是督导（其余项目可以修改）", "\(sql)")
            }
        }
        #expect(try await district.community(code: Conformance.code) == Conformance.community())
        // The labour force is the community's, and its change is in the history
        _ = try await asClerk("UPDATE community SET labour_force = 150")
        #expect(try await district.community(code: Conformance.code)?.labourForce == 150)
        // The district's own login moves it
        _ = try await PostgresAdministration.rows("UPDATE community SET street = '大众街街道'", at: admin)
        #expect(try await district.community(code: Conformance.code)?.street == "大众街街道")

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }
}
