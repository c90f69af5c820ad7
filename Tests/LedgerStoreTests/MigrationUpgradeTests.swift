import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// A ledger created by any earlier version, with records in it, upgrades to the latest schema: the same schema a new
/// ledger gets, the records kept, their search keys computed, and the store usable.
struct MigrationUpgradeTests {
    static let migrationNames = Migrations.migrator().migrations

    @Test(arguments: migrationNames.dropLast())
    func aLedgerOfAnEarlierVersionUpgradesToTheLatest(version: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: old)
            try Migrations.migrator().migrate(queue, upTo: version)
            try queue.write(Self.insertRecordsOfVersion1)
            try queue.write(Self.insertOperators)
        }
        let upgraded = try AppDatabase.open(path: old, operatorName: "王芳", today: { Conformance.today })
        let fresh = try AppDatabase.open(path: folder.appendingPathComponent("new.sqlite").path, operatorName: "王芳",
                                         today: { Conformance.today })
        #expect(try Self.schema(upgraded) == Self.schema(fresh))
        // The records are there, with the keys the app computes (the v8 backfill no longer runs app code)
        let persons = try upgraded.read { db in
            try Row.fetchAll(db, sql: "SELECT name, pinyin, name_key FROM person ORDER BY id")
        }
        #expect(persons.map { $0["name"] as String } == ["张三", "李四", "张三"])
        #expect(persons.allSatisfy { !($0["name_key"] as String).isEmpty && !($0["pinyin"] as String).isEmpty })
        // The number is found in both communities (the plain ID index, since v15)
        let found = try upgraded.personsWithIdNumber(Conformance.idNumber(1)).map(\.communityCode).sorted()
        #expect(found == [Conformance.code, Conformance.otherCode])
        // And the store writes: a person entered after the upgrade sees the one of the other community
        let saved = try upgraded.savePerson(Conformance.person(2, name: "王五").fields, community: Conformance.otherCode)
        #expect(saved.saved != nil && saved.findings.isEmpty)
        let again = try upgraded.savePerson(Conformance.person(2, name: "王五").fields, community: Conformance.code)
        #expect(again.findings.map(\.code).contains("id.other_community"))
        // Operators registered before v17 keep their roles and communities through the rebuilt table, and the
        // city's role (v17) can be given
        let operators = try AppDatabase(sharing: upgraded, operatorName: "督导员").operators()
        if Self.hasOperators(version) {
            #expect(operators == [OperatorAccount(name: "王芳", role: .clerk, communities: [Conformance.code, Conformance.otherCode].sorted()),
                                  OperatorAccount(name: "督导员", role: .supervisor, communities: [])])
            try AppDatabase(sharing: upgraded, operatorName: "督导员").saveOperator("市督导", role: .city, communities: [])
            #expect(try upgraded.operators().map(\.role) == [.city, .clerk, .supervisor])  // by name: 市督导, 王芳, 督导员
        } else {
            #expect(operators.isEmpty)
        }
    }

    /// v19: a ledger whose persons were counted as served twice for the same service entered twice on one day (the
    /// figures the app wrote before) is counted again by day and type, totals included.
    @Test func sameDayRepeatsAreCountedOnceAfterTheUpgrade() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let ledger = try AppDatabase.open(path: path, operatorName: "王芳", today: { Conformance.today })
            try ledger.saveCommunity(Conformance.community())
            _ = try ledger.savePerson(Conformance.person(1).fields, community: Conformance.code)
            for _ in 0..<2 {
                _ = try ledger.save(Conformance.service(1), community: Conformance.code, editing: nil,
                                    acceptedWarnings: ["service.duplicate": "当天确有两次"], action: .entry)
            }
            #expect(try ledger.scoreFacts(community: Conformance.code)[.servedTwice] == 0)
            // As the app before v19 kept it: two services, served twice; and v19 not yet run
            try ledger.write { db in
                try db.execute(sql: "UPDATE person SET services_in_period = 2, m_served_twice = 1")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v19-services-by-day'")
            }
            #expect(try ledger.scoreFacts(community: Conformance.code)[.servedTwice] == 1)
        }
        let upgraded = try AppDatabase.open(path: path, operatorName: "王芳", today: { Conformance.today })
        #expect(try upgraded.scoreFacts(community: Conformance.code)[.servedTwice] == 0)
        #expect(try upgraded.read { db in try Int.fetchOne(db, sql: "SELECT services_in_period FROM person") } == 1)
    }

    /// Whether the schema of `version` has the operators' tables (v6 on).
    static func hasOperators(_ version: String) -> Bool {
        guard let index = migrationNames.firstIndex(of: version), let v6 = migrationNames.firstIndex(of: "v6") else { return false }
        return index >= v6
    }

    /// A supervisor and a clerk of both communities (who writes after the upgrade), where the version has the tables.
    static func insertOperators(_ db: Database) throws {
        guard try db.tableExists("operator_account") else { return }
        try db.execute(sql: """
            INSERT INTO operator_account (name, role, created_at) VALUES ('督导员', 'supervisor', '2024-01-02T08:00:00'),
                                                                     ('王芳', 'clerk', '2024-01-02T08:01:00');
            INSERT INTO operator_community (operator, community_code) VALUES ('王芳', ?), ('王芳', ?);
            """, arguments: [Conformance.code, Conformance.otherCode])
    }

    /// Every table, index and trigger with its SQL.
    static func schema(_ database: AppDatabase) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
                .map { "\($0["type"] as String) \($0["name"] as String): \(($0["sql"] as String?) ?? "")" }
        }
    }

    /// Two communities and three persons written with the columns of v1 (every later migration keeps them).
    static func insertRecordsOfVersion1(_ db: Database) throws {
        for (code, name) in [(Conformance.code, "八一路社区"), (Conformance.otherCode, "东关社区")] {
            try db.execute(sql: """
                INSERT INTO community (code, name, street, district, level, labour_force, period_start, period_end)
                VALUES (?, ?, '八一路街道', '城东区', '社区', 1000, '2024-01-01', '2024-12-31')
                """, arguments: [code, name])
        }
        for (code, serial, name) in [(Conformance.code, 1, "张三"), (Conformance.code, 3, "李四"), (Conformance.otherCode, 1, "张三")] {
            try db.execute(sql: """
                INSERT INTO person (community_code, name, id_number, gender, birth_date, education, hukou, phone, categories,
                    status, survey_date, in_training_scope, trained, training_passed, jobs_created, subsidy_first_eligible,
                    subsidy_first_received, subsidy_reward_eligible, subsidy_reward_received, subsidy_jobs_eligible,
                    subsidy_jobs_received, pinyin)
                VALUES (?, ?, ?, '男', '1990-03-07', '大专', '城镇', '13912345678', '登记失业人员', '有创业意愿', '2024-03-15',
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')
                """, arguments: [code, name, Conformance.idNumber(serial)])
        }
    }
}
