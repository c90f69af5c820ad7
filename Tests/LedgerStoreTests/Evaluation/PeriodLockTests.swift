import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct PeriodLockTests {
    static let lockMessage = "台账已锁定，不能修改：八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评已由督导员于2024-12-31 09:00签署。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）"

    /// A signed-off community, with a deleted service (to restore) and a corrected person (to undo) from before.
    static func signed() throws -> (EvaluationFixture, deleted: RecordRef, corrected: RecordRef) {
        let f = try EvaluationFixture()
        let service = try #require(try f.clerk.records(.service, community: f.code, after: nil, limit: 1).first)
        try f.clerk.delete(service.ref, reason: "重复登记")
        let corrected = RecordRef(.survey, id: try f.personId(serial: 2))
        let opened = try #require(try f.clerk.open(corrected))
        var fields = opened.fields
        fields["remarks"] = "补充说明"
        _ = try #require(try f.clerk.save(RecordEntry(.survey, fields), community: f.code, editing: opened.token).saved)
        _ = try f.submit()
        let signed = try f.supervisor.signOff(community: f.code)
        #expect(signed.signature == Signature(by: "督导员", at: "2024-12-31T09:00:00"))
        return (f, service.ref, corrected)
    }

    @Test func aSignedPeriodRefusesEveryWritePathNamingTheLock() throws {
        let (f, deleted, corrected) = try Self.signed()
        let before = try f.clerk.recentHistory(community: f.code, limit: 100)
        let person = RecordRef(.survey, id: try f.personId(serial: 1))
        let opened = try #require(try f.clerk.open(person))
        var fields = opened.fields
        fields["remarks"] = "签署后修改"
        let rows = [RawRecord(line: 2, fields: intending(id: validId(serial: 77), name: "导入"))]
        var profile = community()
        profile.labourForce = 200
        let writes: [(String, (AppDatabase) throws -> Void)] = [
            ("app save", { _ = try $0.savePerson(intending(id: validId(serial: 60), name: "新增"), community: f.code) }),
            ("correction", { _ = try $0.save(RecordEntry(.survey, fields), community: f.code, editing: opened.token) }),
            ("delete", { try $0.delete(person, reason: "删除", confirmingServices: 1) }),
            ("restore", { try $0.restore(deleted) }),
            ("undo", { _ = try $0.undoLastChange(corrected) }),
            ("import", { _ = try $0.importRows(.survey, rows, community: f.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "x.csv") }),
            ("accept warnings", { _ = try $0.acceptWarning(code: "any", reason: "理由", records: [person]) }),
            ("profile", { try $0.saveCommunity(profile) }),
            ("resubmission", { _ = try $0.submitSelfAssessment(community: f.code, card: try f.card()) }),
        ]
        // Whoever tries — the clerk or the supervisor — each path refuses with the lock's message
        for (path, write) in writes {
            // (An undo undoes one's own change: the supervisor's is refused for that reason before the lock.)
            for who in path == "undo" ? [f.clerk] : [f.clerk, f.supervisor] {
                let error = #expect(throws: StoreError.self, "\(path) by \(who.operatorName)") { try write(who) }
                #expect(error?.message == Self.lockMessage, "\(path)")
            }
        }
        // And nothing was written
        #expect(try f.clerk.recentHistory(community: f.code, limit: 100) == before)
        #expect(try f.clerk.count(.survey, community: f.code) == 4)
        #expect(try f.clerk.evaluation(community: f.code)?.isOutdated == false)
        // The signed 初评 itself is closed too
        let error = #expect(throws: StoreError.self) { _ = try f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "x") }
        #expect(error?.message.contains("签署锁定，不能再初评改分") == true)
    }

    @Test func aSupervisorUnlocksWithAReasonAuditedAndWritesWorkAgain() throws {
        let (f, _, _) = try Self.signed()
        // A clerk cannot unlock, nor anyone without a reason
        let byClerk = #expect(throws: StoreError.self) { try f.clerk.unlock(community: f.code, reason: "要改") }
        #expect(byClerk?.message == "只有督导可以解锁，王芳不是督导")
        #expect(throws: StoreError.self) { try f.supervisor.unlock(community: f.code, reason: "") }
        // When the supervisor unlocks with a reason
        try f.supervisor.unlock(community: f.code, reason: "抽查发现错误需更正")
        // Then the unlock is audited with its reason, the signature is gone, and the clerk can save again
        let entry = try #require(try f.clerk.recentHistory(community: f.code, limit: 10).first { $0.recordTable == "evaluation" })
        #expect(entry.action == "unlock" && entry.operatorName == "督导员")
        #expect(entry.changes == [FieldChange(field: "reason", old: nil, new: "抽查发现错误需更正")])
        #expect(try f.clerk.evaluation(community: f.code)?.signature == nil)
        _ = try #require(try f.clerk.savePerson(intending(id: validId(serial: 60), name: "新增"), community: f.code).saved)
        #expect(try f.clerk.evaluation(community: f.code)?.changesSinceSubmission == 1)
        // Unlocking what is not locked says so
        #expect(throws: StoreError.self) { try f.supervisor.unlock(community: f.code, reason: "再解") }
    }

    @Test func signingNeedsASupervisorAndEverySampledPersonChecked() throws {
        let f = try EvaluationFixture()
        _ = try f.submit()
        _ = try f.supervisor.drawSpotChecks(community: f.code, size: 2, seed: 5)
        #expect(throws: StoreError.self) { _ = try f.clerk.signOff(community: f.code) }
        let open = #expect(throws: StoreError.self) { _ = try f.supervisor.signOff(community: f.code) }
        #expect(open?.message == "抽样名单中还有2条未记录核实结果，不能签署初评")
        _ = try f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "")
        _ = try f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .unreachable, note: "")
        let signed = try f.supervisor.signOff(community: f.code)
        #expect(signed.signature?.by == "督导员")
        // Another community stays writable
        try addCommunity(f.supervisor, "630102002", name: "南关社区")
        _ = try #require(try f.supervisor.savePerson(intending(id: validId(serial: 90)), community: "630102002").saved)
    }
}
