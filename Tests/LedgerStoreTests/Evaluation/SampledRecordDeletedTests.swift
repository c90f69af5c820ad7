import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A sampled record the community deletes is said to be deleted (not "corrected N times"), and nobody corrects a
/// deleted record: the save is refused on both engines, as the register browser refuses to open one.
struct SampledRecordDeletedTests {
    @Test(arguments: StoreEngine.allCases)
    func aDeletedSampledRecordIsSaidDeletedAndCannotBeCorrected(engine: StoreEngine) async throws {
        // Given a 初评 whose sample of all five persons has a 不属实 finding and a 属实 one
        let f = try await EvaluationFixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        let drawn = try await f.supervisor.drawSpotChecks(community: f.code, size: 5, services: 0, seed: 7, stage: .district)
        let checks = try #require(drawn.sample?.checks)
        let untrue = try #require(checks.first), confirmed = try #require(checks.dropFirst().first)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: untrue.position, result: .untrue, note: "查无此人", stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: confirmed.position, result: .confirmed, note: "", stage: .district)
        // And the supervisor opened the 不属实 person to correct it
        let person = RecordRef(.survey, id: untrue.personId)
        let opened = try #require(try await f.supervisor.open(person))
        // When the clerk deletes both persons instead
        for check in [untrue, confirmed] {
            let ref = RecordRef(.survey, id: check.personId)
            let services = try await f.clerk.activeServiceCount(person: check.personId)
            try await f.clerk.delete(ref, reason: "查无此人", confirmingServices: services)
        }
        // Then the sample says they are deleted, not corrected
        let after = try #require(try await f.supervisor.evaluation(community: f.code)?.sample?.checks)
        let flagged = try #require(after.first { $0.position == untrue.position })
        #expect(flagged.recordDeleted && flagged.correctionText(signed: false) == "记录已删除")
        #expect(flagged.correctionLongText(signed: false) == "社区已删除该记录" && flagged.changedAfterDrawText == nil)
        let other = try #require(after.first { $0.position == confirmed.position })
        #expect(other.recordDeleted && other.changedAfterDrawText == "抽样后记录已删除")
        #expect(after.filter(\.recordDeleted).count == 2)
        // And the correction the supervisor had open is refused, naming the way back
        var fields = opened.fields
        fields["remarks"] = "督导核实后修改"
        let refused = await #expect(throws: StoreError.self) {
            try await f.supervisor.saveRecord(.survey, fields, community: f.code, editing: opened.token)
        }
        #expect(refused?.message == "创业摸底统计台账第\(untrue.personId)号记录已删除，不能修改；如需修改，请先在浏览台账中按 x 找到它，按 r 恢复")
    }
}
