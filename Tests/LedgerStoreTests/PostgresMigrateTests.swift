import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// `admin migrate`: a community's SQLite ledger moves into the district's PostgreSQL ledger whole (deleted
/// records, corrections, accepted warnings, imports, the audit trail with its operators), its figures recomputed
/// there equal to the file's, once (again changes nothing), and never merged into a community already there.
struct PostgresMigrateTests {
    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: the migration into PostgreSQL was NOT tested"))
    func aSQLiteLedgerMovesInWholeOnceWithItsHistory() async throws {
        let file = try await StoreEngine.sqlite.freshLedger(today: Conformance.today)
        defer { file.cleanup() }
        let lite = try #require(try file.session(as: "王芳") as? AppDatabase)
        try await lite.saveCommunity(Conformance.community())
        try await lite.saveCommunity(Conformance.community(Conformance.otherCode, name: "南关社区"))
        let kept = try #require(try await lite.saveNew(Conformance.person(1)).ref)
        let corrected = try #require(try await lite.saveNew(Conformance.person(2, name: "李四")).ref)
        let opened = try #require(try await lite.open(corrected))
        var fields = opened.fields
        fields["status"] = "已创业"
        fields["entity_name"] = "李四小吃店"
        fields["entity_type"] = "个体工商户"
        fields["license_date"] = "2024-06-01"
        let correction = try await lite.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                             acceptedWarnings: [:], action: .entry)
        #expect(correction.saved != nil)
        let leaving = try #require(try await lite.saveNew(Conformance.person(3, name: "王五")).ref)
        try await lite.delete(leaving, reason: "搬离本社区", confirmingServices: 0)
        _ = try await lite.saveNew(Conformance.service(1))
        let twin = try await lite.save(Conformance.service(1), community: Conformance.code, editing: nil,
                                       acceptedWarnings: ["service.duplicate": "上午咨询、下午办理，两次服务"], action: .entry)
        #expect(twin.findings.contains { $0.code == "service.duplicate" })
        let twinRef = try #require(twin.saved?.ref)
        let dropped = try #require(try await lite.saveNew(Conformance.service(2, date: "2024-05-02")).ref)
        try await lite.delete(dropped, reason: "录错了人", confirmingServices: 0)
        _ = try await lite.saveNew(Conformance.activity())
        let report = try await lite.importRows(.survey, [RawRecord(line: 2, fields: Conformance.person(10, name: "赵六").fields),
                                                         RawRecord(line: 3, fields: Conformance.person(11, name: "钱七").fields)],
                                               community: Conformance.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "名单.csv")
        #expect(report.imported == 2)
        _ = try await lite.saveNew(Conformance.person(20, name: "孙八"), in: Conformance.otherCode)

        var admin = try PostgresLocation(url: try #require(PostgresTestServer.url))
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        admin.schema = "migrate_\(tag)"
        try await PostgresSecurity.initialize(admin)
        let district = PostgresLedger(location: admin, operatorName: admin.user, today: { Conformance.today })
        func pg(_ sql: String) async throws -> [[String?]] { try await PostgresAdministration.rows(sql, at: admin) }

        let dump = try lite.dump(community: Conformance.code)
        let moved = try await district.receive(dump, source: "ledger.sqlite")
        let audited = try await lite.recentHistory(community: Conformance.code, limit: 1000).filter { $0.action != "import" }.count
        #expect(moved.outcome == .moved(persons: 5, services: 3, activities: 1, auditEntries: audited))

        // The figures, recomputed by the district's engine, are the file's; so are the counts of active records.
        #expect(try await district.scoreFacts(community: Conformance.code) == (try await lite.scoreFacts(community: Conformance.code)))
        for register in Register.allCases {
            #expect(try await district.count(register, community: Conformance.code) == (try await lite.count(register, community: Conformance.code)))
        }
        // Deleted records stay deleted with their reasons; the accepted warning keeps its reason.
        #expect(try await pg("SELECT name, deleted_reason FROM person WHERE deleted_at IS NOT NULL") == [["王五", "搬离本社区"]])
        #expect(try await pg("SELECT deleted_reason FROM service WHERE deleted_at IS NOT NULL") == [["录错了人"]])
        let twinId = try #require(try await pg("SELECT id::text FROM service WHERE deleted_at IS NULL ORDER BY id").last?.first ?? nil)
        #expect(try await district.acceptedWarnings(of: RecordRef(.service, id: try #require(Int64(twinId))))
                == (try await lite.acceptedWarnings(of: twinRef)))
        // Histories follow the records to their new ids, with the operators and times the file recorded.
        func story(_ entries: [AuditEntry]) -> [String] {
            entries.map { "\($0.at) \($0.operatorName) \($0.action) " + $0.changes.map { "\($0.field):\($0.old ?? "")→\($0.new ?? "")" }.joined(separator: ",") }
        }
        for (ref, name) in [(corrected, "李四"), (kept, "张三"), (leaving, "王五")] {
            let id = try #require(try await pg("SELECT id::text FROM person WHERE name = '\(name)'").first?.first ?? nil)
            let history = try await district.history(of: RecordRef(.survey, id: try #require(Int64(id))))
            #expect(story(history) == story(try await lite.history(of: ref)), "\(name)")
            #expect(history.allSatisfy { $0.operatorName == "王芳" })
        }
        let importedId = try #require(try await pg("SELECT id::text FROM person WHERE name = '赵六'").first?.first ?? nil)
        let imported = try await district.history(of: RecordRef(.survey, id: try #require(Int64(importedId))))
        #expect(imported.map(\.action) == ["import"] && imported.first?.changes.first?.new == "名单.csv")

        // Again: nothing changes.
        let again = try await district.receive(try lite.dump(community: Conformance.code), source: "ledger.sqlite")
        guard case .movedBefore(let source, _) = again.outcome else { Issue.record("moved twice: \(again)"); return }
        #expect(source == "ledger.sqlite")
        #expect(try await pg("SELECT count(*)::text FROM person") == [["5"]])
        #expect(try await pg("SELECT count(*)::text FROM audit WHERE migrated_from IS NOT NULL") == [[String(audited)]])
        // A community the district already keeps is not merged with a file's.
        try await district.saveCommunity(Conformance.community(Conformance.otherCode, name: "南关社区"))
        await #expect(throws: StoreError.self) { _ = try await district.receive(try lite.dump(community: Conformance.otherCode), source: "x.sqlite") }
        #expect(try await district.count(.survey, community: Conformance.otherCode) == 0)

        // A clerk's login cannot pass an entry off as migrated to name another operator.
        let clerk = "clerk_\(tag)", password = "pw-\(UUID().uuidString)"
        try await PostgresSecurity.addOperator(clerk, role: .clerk, communities: [Conformance.code], password: password, at: admin)
        var asClerk = admin
        asClerk.user = clerk
        asClerk.password = password
        // (with a change of the record it names: an entry alone is refused, PostgresAuditIntegrityTests)
        let first = try #require(try await pg("SELECT min(id)::text FROM person").first?.first ?? nil)
        try await PostgresAdministration.execute(["BEGIN", "UPDATE person SET fields = fields || '{\"forged\": \"b\"}' WHERE id = \(first)", """
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes, migrated_from)
            VALUES ('2020-01-01T00:00:00', '王芳', '\(Conformance.code)', 'person', '\(first)', 'update', '{"forged": [null, "b"]}', 'old.sqlite')
            """, "COMMIT"], at: asClerk)
        let forged = try await pg("SELECT operator, migrated_from, at FROM audit WHERE changes LIKE '%forged%'")
        #expect(forged.count == 1 && forged.first?[0] == clerk && forged.first?[1] == nil && forged.first?[2] != "2020-01-01T00:00:00",
                "\(forged)")
        await #expect(throws: StoreError.self) { _ = try await PostgresLedger(location: asClerk, operatorName: clerk).receive(dump, source: "x") }

        try await PostgresAdministration.execute(PostgresTestServer.teardown(admin, logins: [clerk]), at: admin)
    }
}
