import Foundation
import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct SelfAssessmentTests {
    @Test func aSubmissionFreezesEveryItemAndCountsTheChangesMadeSince() throws {
        // Given a community whose clerk submits its self-assessment
        let f = try EvaluationFixture()
        let card = try f.card()
        let submitted = try f.submit()
        // Then every item is frozen with its points and figures, with who and when, and nothing has changed yet
        #expect(submitted.items.map(\.id) == card.items.map(\.id))
        #expect(submitted.items.map(\.points) == card.items.map(\.points))
        #expect(submitted.items.map(\.measured) == card.items.map(\.measured))
        #expect(submitted.selfTotal == card.total && submitted.rubricId == "xining-community")
        #expect(submitted.submittedBy == "王芳" && submitted.submittedAt == "2024-12-31T09:00:00")
        #expect(submitted.changesSinceSubmission == 0 && !submitted.isOutdated && submitted.outdatedNotice == nil)
        #expect(submitted.checksum.count == 16 && submitted.checksum == submitted.currentChecksum)

        // When the registers change in five places: a new person, a correction, a deleted service, two imported rows
        _ = try #require(try f.clerk.savePerson(intending(id: validId(serial: 40), name: "新人"), community: f.code).saved)
        let opened = try #require(try f.clerk.open(RecordRef(.survey, id: try f.personId(serial: 2))))
        var fields = opened.fields
        fields["phone"] = "13800001111"
        _ = try #require(try f.clerk.save(RecordEntry(.survey, fields), community: f.code, editing: opened.token).saved)
        let service = try #require(try f.clerk.records(.service, community: f.code, after: nil, limit: 1).first)
        try f.clerk.delete(service.ref, reason: "重复登记")
        let rows = [41, 42].enumerated().map { RawRecord(line: $0.offset + 2, fields: intending(id: validId(serial: $0.element), name: "导入")) }
        let report = try f.clerk.importRows(.survey, rows, community: f.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "补录.csv")
        #expect(report.imported == 2)

        // Then the snapshot is outdated by exactly those changes, and its items are what was submitted
        let later = try #require(try f.clerk.evaluation(community: f.code))
        #expect(later.changesSinceSubmission == 5)
        #expect(later.outdatedNotice == "自评提交后台账又修改了 5 处")
        #expect(later.checksum == submitted.checksum && later.currentChecksum != submitted.checksum)
        #expect(later.items == submitted.items)
    }

    @Test func aChangeMadeOutsideTheProgramShowsThroughTheChecksum() throws {
        // Given a submitted self-assessment
        let f = try EvaluationFixture()
        let submitted = try f.submit()
        // When the file is edited without the program (no audit entry), and derived figures are recomputed
        try f.clerk.writer.write { db in try db.execute(sql: "UPDATE person SET phone = '13700000000' WHERE id = 1") }
        _ = try f.clerk.checkAndRecount(community: f.code)
        // Then the checksum tells, though no change was audited
        let later = try #require(try f.clerk.evaluation(community: f.code))
        #expect(later.changesSinceSubmission == 0 && later.currentChecksum != submitted.checksum)
        #expect(later.outdatedNotice == "自评提交后台账内容已变化（校验码不符，未经本程序修改）")
    }

    @Test func recomputingDerivedFiguresLeavesTheChecksumAlone() throws {
        let f = try EvaluationFixture()
        let submitted = try f.submit()
        try f.clerk.writer.write { db in try db.execute(sql: "UPDATE person SET warning_count = warning_count + 3, version = version + 1") }
        #expect(try f.clerk.evaluation(community: f.code)?.currentChecksum == submitted.checksum)
    }

    @Test func onlyTheCommunitysClerkOrASupervisorSubmits() throws {
        let f = try EvaluationFixture()
        let stranger = AppDatabase(sharing: f.clerk, operatorName: "路人")
        #expect(throws: StoreError.self) { try stranger.submitSelfAssessment(community: f.code, card: try f.card()) }
        #expect(try f.clerk.evaluation(community: f.code) == nil)
        // A new submission before sign-off replaces the previous one as the current
        let first = try f.submit()
        let second = try f.supervisor.submitSelfAssessment(community: f.code, card: try f.card())
        #expect(second.id != first.id && second.submittedBy == "督导员")
        #expect(try f.clerk.evaluation(community: f.code)?.id == second.id)
    }
}
