import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// A reason or note is a sentence: the store keeps up to `WrittenReason.longest` characters and refuses more, on
/// every engine and whatever wrote it (the app's dialogs stop at the same bound; a command line used to store any
/// length).
struct WrittenReasonTests {
    @Test(arguments: StoreEngine.allCases)
    func aReasonOrNoteLongerThanTheBoundIsRefusedAndNothingIsWritten(engine: StoreEngine) async throws {
        let f = try await EvaluationFixture(engine, intending: 3, started: 0)
        defer { f.cleanup() }
        _ = try await f.submit()
        _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 7, stage: .district)
        let longest = String(repeating: "查", count: WrittenReason.longest)
        let tooLong = longest + "实"
        let refused = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: tooLong, stage: .district)
        }
        #expect(refused?.message == "核实说明最多200个字，现有201个字：请精简后再记录")
        #expect(try await f.supervisor.evaluation(community: f.code)?.sample?.checks.first?.result == nil)
        // At the bound it is kept whole
        let kept = try await f.supervisor.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: longest, stage: .district)
        #expect(kept.sample?.checks.first?.note == longest)

        let adjust = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: tooLong, stage: .district)
        }
        #expect(adjust?.message == "改分理由最多200个字，现有201个字：请精简后再记录")
        let person = try #require(try await f.clerk.records(.survey, community: f.code, after: nil, limit: 1).first)
        let delete = await #expect(throws: StoreError.self) {
            try await f.clerk.delete(person.ref, reason: tooLong, confirmingServices: 0)
        }
        #expect(delete?.message == "删除理由最多200个字，现有201个字：请精简后再记录")
        #expect(try await f.clerk.records(.survey, community: f.code, after: nil, limit: 1).first?.ref == person.ref)
    }
}
