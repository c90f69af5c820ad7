import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// Live refresh under the district's roles: a clerk's login (row-level security, not the tables' owner) saves in
/// its community and the district's open app hears of it; the clerk's own feed hears the district's writes.
struct PostgresLiveRolesTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: live refresh under roles was NOT tested"))
    func aClerksSaveIsHeardByTheDistrictsApp() async throws {
        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "liveroles_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let clerkName = "clerk_\(tag)", password = "pw-\(UUID().uuidString)"
        defer {
            let cleanup = PostgresTestServer.teardown(admin, logins: [clerkName])
            let at = admin
            Task.detached { try? await PostgresAdministration.execute(cleanup, at: at) }
        }
        let spill = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(tag).json").path
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today }, draftSpill: spill)
        try await district.saveCommunity(Conformance.community())
        try await PostgresSecurity.addOperator(clerkName, role: .clerk, communities: [Conformance.code], password: password, at: admin)
        var clerkLocation = admin
        clerkLocation.user = clerkName
        clerkLocation.password = password
        let clerk = PostgresLedger(location: clerkLocation, operatorName: clerkName, today: { Conformance.today }, draftSpill: spill)

        let districtHears = FeedRecorder(district.storeEvents())
        let clerkHears = FeedRecorder(clerk.storeEvents())
        defer { districtHears.stop(); clerkHears.stop() }
        // The district's listener is seen listening; the clerk's session is not visible to the district's login
        // (pg_stat_activity hides another role's queries): it is waited for by writing until it hears one
        try await PostgresReconnectTests.waitForListener(admin, count: 1)
        var tries = 0
        repeat {
            tries += 1
            try await district.saveCommunity(Conformance.community(name: "八一路社区\(tries)"))
        } while await clerkHears.next(within: 0.5) == nil && tries < 20
        #expect(tries < 20, "the clerk's feed heard nothing")
        while await districtHears.next(within: 0.3) != nil {}
        while await clerkHears.next(within: 0.1) != nil {}
        // When the clerk saves a person, the district's app hears of the community within a second
        _ = try await clerk.saveNew(Conformance.person(1))
        #expect(await districtHears.next(within: 1) == .changed([Conformance.code]))
        // and when the district corrects the profile, the clerk's app hears of it
        while await clerkHears.next(within: 0.2) != nil {}
        try await district.saveCommunity(Conformance.community(name: "八一路东社区"))
        #expect(await clerkHears.next(within: 1) == .changed([Conformance.code]))
    }
}
