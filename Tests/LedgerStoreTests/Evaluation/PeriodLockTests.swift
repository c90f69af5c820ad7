import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct PeriodLockTests {
    static let lockMessage = "台账已锁定，不能修改：八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评已由督导员于2024-12-31 09:00签署。如需修改，请督导解锁（评选界面按 U，或 chuangye evaluate unlock --reason 理由）"

    /// A signed-off community, with a deleted service (to restore) and a corrected person (to undo) from before.
    static func signed(_ engine: StoreEngine) async throws -> (EvaluationFixture, deleted: RecordRef, corrected: RecordRef) {
        let f = try await EvaluationFixture(engine)
        let service = try #require(try await f.clerk.records(.service, community: f.code, after: nil, limit: 1).first)
        try await f.clerk.delete(service.ref, reason: "重复登记", confirmingServices: 0)
        let corrected = RecordRef(.survey, id: try await f.personId(serial: 2))
        let opened = try #require(try await f.clerk.open(corrected))
        var fields = opened.fields
        fields["remarks"] = "补充说明"
        try await f.clerk.saveRecord(.survey, fields, community: f.code, editing: opened.token)
        _ = try await f.submit()
        // The 初评 includes its random spot check: drawn and checked before signing
        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 1, services: 0, seed: 5, stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .district)
        let signed = try await f.supervisor.signOff(community: f.code, stage: .district)
        #expect(signed.signature == Signature(by: "督导员", at: "2024-12-31T09:00:00"))
        return (f, service.ref, corrected)
    }

    @Test(arguments: StoreEngine.allCases)
    func aSignedPeriodRefusesEveryWritePathNamingTheLock(engine: StoreEngine) async throws {
        let (f, deleted, corrected) = try await Self.signed(engine)
        defer { f.cleanup() }
        let before = try await f.clerk.recentHistory(community: f.code, limit: 100)
        let person = RecordRef(.survey, id: try await f.personId(serial: 1))
        let opened = try #require(try await f.clerk.open(person))
        var fields = opened.fields
        fields["remarks"] = "签署后修改"
        let rows = [RawRecord(line: 2, fields: intending(id: validId(serial: 77), name: "导入"))]
        var profile = community()
        profile.labourForce = 200
        let card = try await f.card()
        let writes: [(String, (any EvaluatingStore) async throws -> Void)] = [
            ("app save", { _ = try await $0.trySave(.survey, intending(id: validId(serial: 60), name: "新增"), community: f.code) }),
            ("correction", { _ = try await $0.trySave(.survey, fields, community: f.code, editing: opened.token) }),
            ("delete", { try await $0.delete(person, reason: "删除", confirmingServices: 1) }),
            ("restore", { try await $0.restore(deleted) }),
            ("undo", { _ = try await $0.undoLastChange(corrected) }),
            ("import", { _ = try await $0.importRows(.survey, rows, community: f.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "x.csv") }),
            ("accept warnings", { _ = try await $0.acceptWarning(code: "any", reason: "理由", records: [person]) }),
            ("profile", { try await $0.saveCommunity(profile) }),
            ("resubmission", { _ = try await $0.submitSelfAssessment(community: f.code, card: card) }),
        ]
        // Whoever tries — the clerk or the supervisor — each path refuses with the lock's message
        for (path, write) in writes {
            // (An undo undoes one's own change: the supervisor's is refused for that reason before the lock.)
            for who in path == "undo" ? [f.clerk] : [f.clerk, f.supervisor] {
                let error = await #expect(throws: StoreError.self, "\(path) by \(who.operatorName)") { try await write(who) }
                #expect(error?.message == Self.lockMessage, "\(path)")
            }
        }
        // And nothing was written
        #expect(try await f.clerk.recentHistory(community: f.code, limit: 100) == before)
        #expect(try await f.clerk.count(.survey, community: f.code) == 4)
        #expect(try await f.clerk.evaluation(community: f.code)?.isOutdated == false)
        // The signed 初评 itself is closed too
        let error = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "x", stage: .district)
        }
        #expect(error?.message.contains("签署锁定，不能再初评改分") == true)
    }

    @Test(arguments: StoreEngine.allCases)
    func aSupervisorUnlocksWithAReasonAuditedAndWritesWorkAgain(engine: StoreEngine) async throws {
        let (f, _, _) = try await Self.signed(engine)
        defer { f.cleanup() }
        // A clerk cannot unlock, nor anyone without a reason
        let byClerk = await #expect(throws: StoreError.self) { try await f.clerk.unlock(community: f.code, reason: "要改") }
        #expect(byClerk?.message == "只有区县督导可以解锁，王芳不是区县督导")
        await #expect(throws: StoreError.self) { try await f.supervisor.unlock(community: f.code, reason: "") }
        // When the supervisor unlocks with a reason
        try await f.supervisor.unlock(community: f.code, reason: "抽查发现错误需更正")
        // Then the unlock is audited with its reason, the signature is gone, and the clerk can save again
        let entry = try #require(try await f.clerk.recentHistory(community: f.code, limit: 10).first { $0.recordTable == "evaluation" })
        #expect(entry.action == "unlock" && entry.operatorName == "督导员")
        #expect(entry.changes == [FieldChange(field: "reason", old: nil, new: "抽查发现错误需更正")])
        let reopened = try #require(try await f.clerk.evaluation(community: f.code))
        #expect(reopened.signature == nil)
        // And the reopened 初评 says whose signature was lifted, by whom and why (not a 初评 never signed)
        let unlock = try #require(reopened.lastUnlock)
        #expect(unlock.lifted?.by == "督导员" && unlock.by == "督导员" && unlock.reason == "抽查发现错误需更正")
        #expect(unlock.at == entry.at && unlock.lifted.map { $0.at <= unlock.at } == true)
        try await f.clerk.saveRecord(.survey, intending(id: validId(serial: 60), name: "新增"), community: f.code)
        #expect(try await f.clerk.evaluation(community: f.code)?.changesSinceSubmission == 1)
        // Unlocking what is not locked says so
        await #expect(throws: StoreError.self) { try await f.supervisor.unlock(community: f.code, reason: "再解") }
    }

    @Test(arguments: StoreEngine.allCases)
    func signingNeedsASupervisorAndEverySampledPersonChecked(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        // No sample drawn: the 初评's random spot check is missing
        let undrawn = await #expect(throws: StoreError.self) { _ = try await f.supervisor.signOff(community: f.code, stage: .district) }
        #expect(undrawn?.message == "还没有随机抽样，不能签署初评：请先抽样（按 d，或 evaluate draw）")
        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 5, stage: .district)
        await #expect(throws: StoreError.self) { _ = try await f.clerk.signOff(community: f.code, stage: .district) }
        let open = await #expect(throws: StoreError.self) { _ = try await f.supervisor.signOff(community: f.code, stage: .district) }
        #expect(open?.message == "还有2条抽样未核实，不能签署初评：请先记录每条的核实结果")
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .confirmed, note: "", stage: .district)
        let one = await #expect(throws: StoreError.self) { _ = try await f.supervisor.signOff(community: f.code, stage: .district) }
        #expect(one?.message == "还有1条抽样未核实，不能签署初评：请先记录每条的核实结果")
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .unreachable, note: "", stage: .district)
        let signed = try await f.supervisor.signOff(community: f.code, stage: .district)
        #expect(signed.signature?.by == "督导员")
        // Another community stays writable
        var other = community("630102002")
        other.name = "南关社区"
        try await f.supervisor.saveCommunity(other)
        try await f.supervisor.saveRecord(.survey, intending(id: validId(serial: 90)), community: "630102002")
    }
}
