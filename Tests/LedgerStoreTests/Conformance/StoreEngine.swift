import Foundation
import GRDB
import LedgerCore
import LedgerPostgres
import Testing
@testable import LedgerStore

/// An engine the conformance suite holds to the store's behaviour. Every test of the suite runs once per case;
/// a new engine (PostgreSQL) adds a case here and how to open a fresh ledger of it, and nothing else changes.
enum StoreEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The engines the suite runs against here: PostgreSQL only when a test server is given (`CHUANGYE_TEST_PG`);
    /// otherwise its cases are not run, and `PostgresAvailability` reports them as skipped, never as passed.
    static var allCases: [StoreEngine] { PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// A fresh, empty ledger of this engine, opened by the operators a test names. `now`: the time its entries
    /// are written at (a test's clock), else the local clock.
    func freshLedger(today: Day, now: (@Sendable () -> String)? = nil) async throws -> EngineLedger {
        switch self {
        case .sqlite:
            if let now {
                SQLiteSetup.once
                let base = try AppDatabase(writer: try DatabaseQueue(), operatorName: "管理员", today: { today }, now: now)
                return EngineLedger(today: today, cleanup: {}, rawSQL: { sql in try base.writer.write { try $0.execute(sql: sql) } }) { name, _ in
                    AppDatabase(sharing: base, operatorName: name)
                }
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("ledger.sqlite").path
            return EngineLedger(today: today, cleanup: { try? FileManager.default.removeItem(at: folder) }, rawSQL: { sql in
                try AppDatabase.open(path: path, operatorName: "管理员", today: { today }).writer.write { try $0.execute(sql: sql) }
            }) { name, today in
                try AppDatabase.open(path: path, operatorName: name, today: { today })
            }
        case .postgres:
            // A schema of its own per test: tests run in parallel on one server.
            let location = try await PostgresTestServer.freshSchema()
            return EngineLedger(today: today, cleanup: { PostgresTestServer.drop(location) }, rawSQL: { sql in
                try await PostgresAdministration.execute([sql], at: location)
            }) { name, today in
                PostgresLedger(location: location, operatorName: name, today: { today }, now: now)
            }
        }
    }
}

/// One ledger of an engine: sessions of several operators on the same data (another clerk's concurrent change,
/// rights), and its removal when the test ends.
struct EngineLedger: Sendable {
    let today: Day
    let cleanup: @Sendable () -> Void
    /// One statement sent to the database without the program (an edit made with sqlite3 or psql).
    let rawSQL: @Sendable (String) async throws -> Void
    let opener: @Sendable (_ operatorName: String, _ today: Day) throws -> any LedgerStorage

    func session(as operatorName: String) throws -> any LedgerStorage { try opener(operatorName, today) }
}

/// The facts every conformance test starts from: one community of a street (and a second one for rights and
/// other-community rules), the year 2024, judged on 2024-12-31.
enum Conformance {
    static let today = Day(year: 2024, month: 12, day: 31)!
    static let code = "630102001"
    static let otherCode = "630102002"
    static let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: today)

    static func community(_ code: String = code, name: String = "八一路社区") -> Community {
        Community(code: code, name: name, street: "八一路街道", district: "城东区", labourForce: 100, period: period)
    }

    /// A ledger with both communities, its first session (王芳), and the clean-up to defer.
    static func ledger(_ engine: StoreEngine) async throws -> (EngineLedger, any LedgerStorage) {
        let ledger = try await engine.freshLedger(today: today)
        let store = try ledger.session(as: "王芳")
        try await store.saveCommunity(community())
        try await store.saveCommunity(community(otherCode, name: "南关社区"))
        return (ledger, store)
    }

    /// A valid 18-digit ID number born 1990-03-07 in 630102 with the given serial (0…999).
    static func idNumber(_ serial: Int) -> String {
        let s = String(serial % 1000)
        let body = "63010219900307" + String(repeating: "0", count: 3 - s.count) + s
        return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
    }

    static func person(_ serial: Int, name: String = "张三", _ overrides: [String: String] = [:]) -> RecordEntry {
        var fields = ["name": name, "id_number": idNumber(serial), "education": "大专", "hukou": "城镇", "phone": "13912345678",
                      "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
        fields.merge(overrides) { _, new in new }
        return RecordEntry(.survey, fields)
    }

    static func service(_ serial: Int, date: String = "2024-04-01") -> RecordEntry {
        RecordEntry(.service, ["service_date": date, "id_number": idNumber(serial), "service_type": "创业指导", "method": "窗口",
                               "content": "讲解开业流程和补贴政策"])
    }

    static func activity(date: String = "2024-05-01") -> RecordEntry {
        RecordEntry(.activity, ["date": date, "kind": "宣传活动", "title": "创业政策进社区", "participants": "30"])
    }
}

extension EntryStore {
    /// A new record saved with no accepted warnings: the saved record (a refusal fails the test).
    func saveNew(_ entry: RecordEntry, in community: String = Conformance.code) async throws -> SavedRecord {
        let result = try await save(entry, community: community, editing: nil, acceptedWarnings: [:], action: .entry)
        return try #require(result.saved, "refused: \(result.findings.map(\.message))")
    }
}
