import Foundation
import LedgerResources
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A community with persons of both 创业状态, a clerk (王芳) and a supervisor (督导员), for the evaluation tests.
struct EvaluationFixture {
    let clerk: AppDatabase
    let supervisor: AppDatabase
    let code = "630102001"

    /// `intending` persons wanting to start and `started` early-stage entrepreneurs (serials 1…), one service for
    /// the first person.
    init(intending count: Int = 3, started: Int = 1) throws {
        let db = try emptyDatabase()
        try db.saveOperator("督导员", role: .supervisor, communities: [])
        supervisor = AppDatabase(sharing: db, operatorName: "督导员")
        try supervisor.saveOperator("王芳", role: .clerk, communities: [code])
        clerk = db
        for i in 0..<count {
            _ = try #require(try clerk.savePerson(intending(id: validId(serial: i + 1), name: "意愿" + Self.hanName(i)), community: code).saved)
        }
        for i in 0..<started {
            let fields = intending(id: validId(serial: 500 + i), name: "创业" + Self.hanName(i), [
                "status": "已创业", "entity_name": "小店\(i + 1)", "entity_type": "个体工商户", "license_date": "2023-05-01",
            ])
            _ = try #require(try clerk.savePerson(fields, community: code).saved)
        }
        _ = try #require(try clerk.recordService(service(validId(serial: 1)), community: code).saved)
    }

    /// A distinct two-character name part for the i-th person (names take Han characters, not digits).
    static func hanName(_ i: Int) -> String {
        let han = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉")
        return String(han[i % han.count]) + String(han[(i / han.count) % han.count])
    }

    /// The community's score card now, by the shipped community rubric.
    func card() throws -> ScoreCard {
        let dir = try #require(LedgerResources.rubricsDirectory)
        let rubric = try Rubric.load(from: dir.appendingPathComponent("xining-community.json"))
        return ScoreEngine.evaluate(rubric, facts: try clerk.scoreFacts(community: code), checklist: [:])
    }

    func submit() throws -> Evaluation { try clerk.submitSelfAssessment(community: code, card: try card()) }

    func personId(serial: Int) throws -> Int64 {
        try #require(try clerk.personWithServices(community: code, idNumber: validId(serial: serial))?.0.id)
    }
}
