import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Which records a spot check drew is kept from whoever may not check it until the 初评 is signed
/// (SampleDisclosure), and the supervisor sees every sampled record changed after the draw; on both engines.
struct SampleDisclosureTests {
    @Test(arguments: StoreEngine.allCases)
    func aClerkLearnsHowManyWereDrawnButNotWhichUntilTheInitialEvaluationIsSigned(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 4, started: 2)
        defer { f.cleanup() }
        _ = try await f.submit()
        let drawn = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 3, services: 0, seed: 5, stage: .district).sample)
        #expect(!drawn.concealed && drawn.seed == 5 && drawn.checks.allSatisfy { !$0.concealed && $0.personId > 0 })

        // The clerk: the size, the strata and who drew, but no name, number, person or seed
        let seen = try #require(try await f.clerk.evaluation(community: f.code)?.sample)
        #expect(seen.concealed && seen.seed == 0 && seen.checks.count == 3 && seen.strata == drawn.strata && seen.drawnBy == "督导员")
        #expect(seen.checks.allSatisfy { $0.concealed && $0.personId == 0 && $0.idNumber.isEmpty && $0.name == SampleDisclosure.withheldName })

        // A 不属实 finding is shown to the community, with its note, so that it can correct the record; the others not
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: "本人称未参加培训", stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 2, result: .confirmed, note: "", stage: .district)
        let checked = try #require(try await f.clerk.evaluation(community: f.code)?.sample)
        #expect(checked.checks[0] == drawn.checks[0].with(result: .untrue, note: "本人称未参加培训", from: checked.checks[0]))
        #expect(checked.checks[1].concealed && checked.checks[1].result == .confirmed && checked.checks[2].concealed)
        #expect(checked.progressText == "核实进度 2/3：属实 1，不属实 1，联系不上 0；不符率 50%")

        // Signed: the whole list
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 3, result: .confirmed, note: "", stage: .district)
        let signed = try await f.supervisor.signOff(community: f.code, stage: .district)
        let after = try #require(try await f.clerk.evaluation(community: f.code))
        #expect(after.sample == signed.sample && after.sample?.concealed == false && after.sample?.seed == 5)
    }

    @Test(arguments: StoreEngine.allCases)
    func theSupervisorSeesWhichSampledRecordsChangedAfterTheDrawAndWhere(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 4, started: 2)
        defer { f.cleanup() }
        _ = try await f.submit()
        let drawn = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 9, stage: .district).sample)
        // The clerk changes a sampled person's phone before the visit
        let target = drawn.checks[1]
        let opened = try #require(try await f.clerk.open(RecordRef(.survey, id: target.personId)))
        var fields = opened.fields
        fields["phone"] = "13800138000"
        try await f.clerk.saveRecord(.survey, fields, community: f.code, editing: opened.token)
        // The visit confirms it: the change stays marked, as made after the draw (the check does not explain it)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: target.position, result: .confirmed, note: "", stage: .district)
        let e = try #require(try await f.supervisor.evaluation(community: f.code))
        let marked = try #require(e.sample?.checks.first { $0.position == target.position })
        #expect(marked.changesSinceDraw == 1 && marked.changesSinceCheck == 0 && marked.changedAfterDrawText == "抽样后已修改1处")
        #expect(e.sample?.checks.first { $0.position != target.position }?.changedAfterDraw == 0)
        // The notice says where the registers changed and that a sampled record is among them
        #expect(e.changesByTable == ["person": 1])
        #expect(e.outdatedNotice == "自评提交后台账又修改了 1 处（摸底台账 1、抽样记录 1 条）")
        // The clerk's notice does not tell which (nor that a sampled one) changed
        #expect(try await f.clerk.evaluation(community: f.code)?.outdatedNotice == "自评提交后台账又修改了 1 处（摸底台账 1）")
    }

    @Test(arguments: StoreEngine.allCases)
    func anUntrueFindingNotCorrectedBeforeSigningReadsSoOnceSigned(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 2, started: 1)
        defer { f.cleanup() }
        _ = try await f.submit()
        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 1, services: 0, seed: 3, stage: .district)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: "电话不符", stage: .district)
        let open = try #require(try await f.supervisor.evaluation(community: f.code)?.sample)
        #expect(open.uncorrected == 1 && open.checks[0].correctionText(signed: false) == "待更正")
        let signed = try #require(try await f.supervisor.signOff(community: f.code, stage: .district).sample)
        #expect(signed.uncorrected == 1 && signed.checks[0].correctionText(signed: true) == "签署时未更正")
    }
}

extension SpotCheck {
    /// This row as a later read shows it once checked: `from` supplies who checked and when.
    func with(result: SpotCheckResult, note: String, from later: SpotCheck) -> SpotCheck {
        SpotCheck(position: position, personId: personId, name: name, idNumber: idNumber, stratum: stratum, result: result, note: note,
                  checkedBy: later.checkedBy, checkedAt: later.checkedAt, changesSinceCheck: 0, service: service, forService: forService,
                  changesSinceDraw: 0, concealed: false)
    }
}
