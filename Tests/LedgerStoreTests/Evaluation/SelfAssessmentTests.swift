import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct SelfAssessmentTests {
    @Test(arguments: StoreEngine.allCases)
    func aSubmissionFreezesEveryItemAndCountsTheChangesMadeSince(engine: StoreEngine) async throws {
        // Given a community whose clerk submits its self-assessment
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let card = try await f.card()
        let submitted = try await f.submit()
        // Then every item is frozen with its points and figures, with who and when, and nothing has changed yet
        #expect(submitted.items.map(\.id) == card.items.map(\.id))
        #expect(submitted.items.map(\.points) == card.items.map(\.points))
        #expect(submitted.items.map(\.measured) == card.items.map(\.measured))
        #expect(submitted.selfTotal == card.total && submitted.rubricId == "xining-community")
        #expect(submitted.submittedBy == "王芳" && submitted.submittedAt == "2024-12-31T09:00:00")
        #expect(submitted.changesSinceSubmission == 0 && !submitted.isOutdated && submitted.outdatedNotice == nil)
        #expect(submitted.checksum.count == 16 && submitted.checksum == submitted.currentChecksum)

        // When the registers change in five places: a new person, a correction, a deleted service, two imported rows
        try await f.clerk.saveRecord(.survey, intending(id: validId(serial: 40), name: "新人"), community: f.code)
        let opened = try #require(try await f.clerk.open(RecordRef(.survey, id: try await f.personId(serial: 2))))
        var fields = opened.fields
        fields["phone"] = "13800001111"
        try await f.clerk.saveRecord(.survey, fields, community: f.code, editing: opened.token)
        let service = try #require(try await f.clerk.records(.service, community: f.code, after: nil, limit: 1).first)
        try await f.clerk.delete(service.ref, reason: "重复登记", confirmingServices: 0)
        let rows = [41, 42].enumerated().map { RawRecord(line: $0.offset + 2, fields: intending(id: validId(serial: $0.element), name: "导入")) }
        let report = try await f.clerk.importRows(.survey, rows, community: f.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "补录.csv")
        #expect(report.imported == 2)

        // Then the snapshot is outdated by exactly those changes, and its items are what was submitted
        let later = try #require(try await f.clerk.evaluation(community: f.code))
        #expect(later.changesSinceSubmission == 5)
        #expect(later.outdatedNotice == "自评提交后台账又修改了 5 处（摸底台账 4、服务台账 1）")
        #expect(later.changesByTable == ["person": 4, "service": 1])
        #expect(later.checksum == submitted.checksum && later.currentChecksum != submitted.checksum)
        #expect(later.items == submitted.items)
    }

    /// A self-assessment keeps the points it was submitted with: the items are stored, never scored again. One
    /// submitted before the empty-denominator rule (三项补贴 6 with nobody eligible) stays 6 beside today's 0.
    @Test(arguments: StoreEngine.allCases)
    func aSubmissionKeepsThePointsOfTheRuleItWasSubmittedUnder(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let current = try await f.card()
        #expect(current.item("subsidies")?.points == .zero)
        let earlier = ScoreCard(rubricId: current.rubricId, rubricTitle: current.rubricTitle, total: current.total + Points(6), max: current.max,
                                items: current.items.map { item in
                                    guard item.id == "subsidies" else { return item }
                                    return ItemScore(id: item.id, title: item.title, group: item.group, source: item.source, max: item.max,
                                                     points: Points(6), measured: item.measured, threshold: item.threshold,
                                                     explanation: "已享受/符合条件：0/0，0/0，0/0；符合条件的人员均已享受，得满分", evidence: nil,
                                                     progress: 1, reachable: item.reachable)
                                })
        let submitted = try await f.clerk.submitSelfAssessment(community: f.code, card: earlier)
        let read = try #require(try await f.supervisor.evaluation(community: f.code))
        #expect(read.items == submitted.items)
        #expect(read.items.first { $0.id == "subsidies" }?.points == Points(6))
        #expect(read.items.first { $0.id == "subsidies" }?.explanation == "已享受/符合条件：0/0，0/0，0/0；符合条件的人员均已享受，得满分")
        #expect(read.selfTotal == current.total + Points(6))
    }

    @Test(arguments: StoreEngine.allCases)
    func aChangeMadeOutsideTheProgramShowsThroughTheChecksum(engine: StoreEngine) async throws {
        // Given a submitted self-assessment
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let submitted = try await f.submit()
        let person = try await f.personId(serial: 1)
        // When the database is edited without the program, and derived figures are recomputed
        try await f.ledger.rawSQL(engine == .sqlite ? "UPDATE person SET phone = '13700000000' WHERE id = \(person)"
                                                    : "UPDATE person SET fields = fields || '{\"phone\": \"13700000000\"}' WHERE id = \(person)")
        _ = try await f.clerk.checkAndRecount(community: f.code)
        // Then the checksum tells. SQLite cannot know who changed its file: no change was audited. PostgreSQL
        // records the change itself (直接改库, v4), so it is counted as well.
        let later = try #require(try await f.clerk.evaluation(community: f.code))
        #expect(later.currentChecksum != submitted.checksum)
        switch engine {
        case .sqlite:
            #expect(later.changesSinceSubmission == 0)
            #expect(later.outdatedNotice == "自评提交后台账内容已变化（校验码不符，未经本程序修改）")
        case .postgres:
            #expect(later.changesSinceSubmission == 1)
            #expect(later.outdatedNotice == "自评提交后台账又修改了 1 处（摸底台账 1）")
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func recomputingDerivedFiguresLeavesTheChecksumAlone(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let submitted = try await f.submit()
        try await f.ledger.rawSQL("UPDATE person SET warning_count = warning_count + 3, version = version + 1")
        #expect(try await f.clerk.evaluation(community: f.code)?.currentChecksum == submitted.checksum)
    }

    @Test(arguments: StoreEngine.allCases)
    func onlyTheCommunitysClerkOrASupervisorSubmits(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        let stranger = try f.session(as: "路人")
        await #expect(throws: StoreError.self) { try await stranger.submitSelfAssessment(community: f.code, card: try await f.card()) }
        #expect(try await f.clerk.evaluation(community: f.code) == nil)
        // A new submission before sign-off replaces the previous one as the current
        let first = try await f.submit()
        let second = try await f.supervisor.submitSelfAssessment(community: f.code, card: try await f.card())
        #expect(second.id != first.id && second.submittedBy == "督导员")
        #expect(try await f.clerk.evaluation(community: f.code)?.id == second.id)
    }
}
