import Foundation
import LedgerResources
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// What the evaluation tests ask of a session: the registers, the evaluation procedure and the statistics.
typealias EvaluatingStore = LedgerStorage & EvaluationStore & StatisticsStore

extension EngineLedger {
    /// A session of an engine that implements the evaluation procedure (both do).
    func evaluating(as name: String) throws -> any EvaluatingStore {
        try #require(try session(as: name) as? any EvaluatingStore, "the engine lacks the evaluation procedure")
    }
}

/// A community with persons of both 创业状态, a clerk (王芳) and a supervisor (督导员), for the evaluation tests, on
/// either engine; entries are written at 2024-12-31T09:00:00.
struct EvaluationFixture {
    let engine: StoreEngine
    let ledger: EngineLedger
    let clerk: any EvaluatingStore
    let supervisor: any EvaluatingStore
    let code = "630102001"

    /// `intending` persons wanting to start and `started` early-stage entrepreneurs (serials 1…), one service for
    /// the first person.
    init(_ engine: StoreEngine, intending count: Int = 3, started: Int = 1) async throws {
        self.engine = engine
        ledger = try await engine.freshLedger(today: today, now: { "\(today)T09:00:00" })
        clerk = try ledger.evaluating(as: "王芳")
        supervisor = try ledger.evaluating(as: "督导员")
        try await clerk.saveCommunity(community())
        try await clerk.saveOperator("督导员", role: .supervisor, communities: [])
        try await supervisor.saveOperator("王芳", role: .clerk, communities: [code])
        for i in 0..<count {
            _ = try await clerk.saveRecord(.survey, intending(id: validId(serial: i + 1), name: "意愿" + Self.hanName(i)), community: code)
        }
        for i in 0..<started {
            let fields = intending(id: validId(serial: 500 + i), name: "创业" + Self.hanName(i), [
                "status": "已创业", "entity_name": "小店\(i + 1)", "entity_type": "个体工商户", "license_date": "2023-05-01",
            ])
            _ = try await clerk.saveRecord(.survey, fields, community: code)
        }
        _ = try await clerk.saveRecord(.service, service(validId(serial: 1)), community: code)
    }

    /// Another operator's session on the same ledger.
    func session(as name: String) throws -> any EvaluatingStore { try ledger.evaluating(as: name) }

    func cleanup() { ledger.cleanup() }

    /// A distinct two-character name part for the i-th person (names take Han characters, not digits).
    static func hanName(_ i: Int) -> String {
        let han = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉")
        return String(han[i % han.count]) + String(han[(i / han.count) % han.count])
    }

    /// The community's score card now, by the shipped community rubric.
    func card() async throws -> ScoreCard {
        let dir = try #require(LedgerResources.rubricsDirectory)
        let rubric = try Rubric.load(from: dir.appendingPathComponent("xining-community.json"))
        return ScoreEngine.evaluate(rubric, facts: try await clerk.scoreFacts(community: code), checklist: [:])
    }

    func submit() async throws -> Evaluation { try await clerk.submitSelfAssessment(community: code, card: try await card()) }

    func personId(serial: Int) async throws -> Int64 {
        try #require(try await clerk.personWithServices(community: code, idNumber: validId(serial: serial))?.0.id)
    }
}

extension EntryStore {
    /// A record saved from its fields (a correction when `editing`); a refusal fails the test.
    @discardableResult
    func saveRecord(_ register: Register, _ fields: [String: String], community: String, editing: EditToken? = nil,
                    acceptedWarnings: [String: String] = [:]) async throws -> SavedRecord {
        let result = try await save(RecordEntry(register, fields), community: community, editing: editing, acceptedWarnings: acceptedWarnings,
                                    action: .entry)
        return try #require(result.saved, "refused: \(result.findings.map(\.message))")
    }

    /// A save that may be refused: its result.
    func trySave(_ register: Register, _ fields: [String: String], community: String, editing: EditToken? = nil) async throws -> SaveResult<SavedRecord> {
        try await save(RecordEntry(register, fields), community: community, editing: editing, acceptedWarnings: [:], action: .entry)
    }
}
