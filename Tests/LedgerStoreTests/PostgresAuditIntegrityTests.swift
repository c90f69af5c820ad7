import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// The history of a record is written with the record's changes and says what they were: a clerk's login cannot
/// add an invented entry about a record it did not change in the same transaction (an entry saying a name was
/// corrected, for a record no one touched, had shown in `history` and counted in the statistics), nor with an
/// update that changed nothing, nor claim values the record did not have, nor write an entry the statistics cannot
/// read (one had stopped them for everyone); and the columns copied beside a record's text change only with it.
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
        // Nor with an update that changes nothing, nor beside a change of another field: an entry says what changed
        let untrue = "修改记录与记录的实际改动不符，未写入：person 第\(person.id)号记录的“name”在本次操作中不是这样改的"
        for change in ["UPDATE person SET fields = fields WHERE id = \(person.id)",
                       "UPDATE person SET fields = fields || '{\"phone\": \"13900000000\"}' WHERE id = \(person.id)"] {
            let error = await #expect(throws: StoreError.self, "\(change)") {
                try await PostgresAdministration.execute(["BEGIN", change, invented, "COMMIT"], at: clerk)
            }
            #expect(error?.message == untrue, "\(change)")
        }
        // Not a JSON object of changes (the statistics read every entry)
        let malformed = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"phone\": \"13900000000\"}' WHERE id = \(person.id)", """
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(Conformance.code)', 'person', '\(person.id)', 'update', '伪造：督导批准')
                """, "COMMIT"], at: clerk)
        }
        #expect(malformed?.message == "修改记录的内容格式不对（应为各字段的旧值和新值），未写入")
        // Nor old values it did not have: the name was 张三, not 王五
        await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"name\": \"张四\"}', name = '张四' WHERE id = \(person.id)", """
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(Conformance.code)', 'person', '\(person.id)', 'update', '{"name": ["王五", "张四"]}')
                """, "COMMIT"], at: clerk)
        }
        // Nor a step the app never takes on a record (it had shown as one)
        let step = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"phone\": \"13900000000\"}' WHERE id = \(person.id)", """
                INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
                VALUES ('x', 'x', '\(Conformance.code)', 'person', '\(person.id)', 'evaluate_sign', '{"phone": [null, "13900000000"]}')
                """, "COMMIT"], at: clerk)
        }
        #expect(step?.message == "修改记录的类型“evaluate_sign”不是台账记录的操作，未写入")
        #expect(try await district.history(of: person).map(\.action) == ["insert"])
        // The true account of a change made with SQL is the login's own entry
        try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"name\": \"张四\"}', name = '张四' WHERE id = \(person.id)",
                                                  invented, "COMMIT"], at: clerk)
        #expect(try await district.history(of: person).map(\.action) == ["insert", "update"])
        // The columns copied from the text follow it: a name changed alone is refused, so the lock and the audit see it
        let copied = await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["UPDATE person SET name = '张测一改' WHERE id = \(person.id)"], at: clerk)
        }
        #expect(copied?.message == "摸底台账第\(person.id)号记录的姓名与登记内容不一致，未保存：这一项只能随登记内容一起修改（在台账中修改记录）")
        await #expect(throws: StoreError.self) {
            try await PostgresAdministration.execute(["UPDATE person SET id_number = '630102199512310042' WHERE id = \(person.id)"], at: clerk)
        }
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
