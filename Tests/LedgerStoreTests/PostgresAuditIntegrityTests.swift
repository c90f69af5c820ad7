import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// The history of a record is written with the record's changes: a clerk's login cannot add an invented entry
/// about a record it did not change in the same transaction (an entry saying a name was corrected, for a record
/// no one touched, had shown in `history` and counted in the statistics).
struct PostgresAuditIntegrityTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the audit's integrity was NOT tested"))
    func aLoginCannotWriteHistoryForARecordItDidNotChange() async throws {
        let (admin, district, tag) = try await PostgresTestServer.securedLedger("auditok")
        try await district.saveCommunity(Conformance.community())
        let person = try #require(try await district.saveNew(Conformance.person(1)).ref)
        let clerkName = "clerk_\(tag)"
        let clerk = try await PostgresTestServer.clerkLogin(clerkName, of: [Conformance.code], at: admin)
        let invented = """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES ('x', 'x', '\(Conformance.code)', 'person', '\(person.id)', 'update', '{"name": ["张三", "张四"]}')
            """
        // An invented entry alone is refused, in Chinese
        do {
            try await PostgresAdministration.execute([invented], at: clerk)
            Issue.record("an invented history entry was written")
        } catch let error as StoreError {
            #expect(error.message == "修改记录只能随记录本身的修改一起写入：person 第\(person.id)号记录在本次操作中没有改动")
        }
        #expect(try await district.history(of: person).map(\.action) == ["insert"])
        // With a change of the record in the same transaction, the entry is the login's own account of it
        try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"phone\": \"13900000000\"}' WHERE id = \(person.id)",
                                                  invented, "COMMIT"], at: clerk)
        #expect(try await district.history(of: person).map(\.action) == ["insert", "update"])
        // The app's own saves, deletes and restores as the clerk's login are written with their history
        let app = PostgresLedger(location: clerk, operatorName: clerkName, today: { Conformance.today })
        let saved = try #require(try await app.saveNew(Conformance.person(2, name: "李四")).ref)
        try await app.delete(saved, reason: "重复登记", confirmingServices: 0)
        try await app.restore(saved)
        #expect(try await district.history(of: saved).map(\.action) == ["insert", "delete", "restore"])
        #expect(try await district.history(of: saved).allSatisfy { $0.operatorName == clerkName })

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerkName]), at: admin)
    }
}
