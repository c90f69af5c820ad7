import Testing
@testable import ChuangyeCLI
import LedgerCore
import LedgerTUI

/// The queue between `reduce` and the effect worker: drafts coalesced, never written after a discard or after a
/// save that follows them, pointless searches dropped, a look-up asked once.
struct EffectQueueTests {
    static func draft(_ slot: String, _ name: String) -> Draft {
        Draft(kind: .survey, communityCode: "630102001", values: ["name": name], focus: "name", slot: slot)
    }

    static func save() -> Effect {
        .saveRecord(kind: .survey, community: "630102001", fields: ["name": "王五"], acceptedWarnings: [:], keepForNext: false)
    }

    @Test func typingWritesTheNewestDraftOncePerInterval() {
        var queue = EffectQueue()
        for (i, name) in ["王", "王五", "王五六"].enumerated() { queue.add([.storeDraft(Self.draft("s-1", name))], now: 10 + Double(i) * 0.1) }
        #expect(queue.next(.main, now: 10.25) == nil)
        #expect(queue.next(.main, now: 10.3) == .storeDraft(Self.draft("s-1", "王五六")))
        #expect(queue.next(.main, now: 10.4) == nil)
        #expect(queue.isEmpty)
    }

    @Test func rereadsAskedByLiveRefreshWaitOnceButQueueBehindOneRunning() {
        var queue = EffectQueue()
        let facts = Effect.loadFacts(community: "630102001")
        // Three saves of others announced while one read of the figures runs: one more read waits, not three
        queue.add([facts, .loadOverview], running: [facts], now: 0)
        queue.add([facts, .loadOverview], running: [facts], now: 0.1)
        queue.add([facts], running: [facts], now: 0.2)
        #expect(queue.waiting == [facts, .loadOverview])
    }

    @Test func aSaveIsQueuedAfterTheDraftItFollows() {
        var queue = EffectQueue()
        queue.add([.storeDraft(Self.draft("s-1", "王五")), Self.save()], now: 0)
        #expect(queue.waiting == [.storeDraft(Self.draft("s-1", "王五")), Self.save()])
    }

    @Test func aDiscardedDraftIsNeverWritten() {
        var queue = EffectQueue()
        queue.add([.storeDraft(Self.draft("s-1", "王五")), .storeDraft(Self.draft("s-2", "李四"))], now: 0)
        queue.add([.discardDraft(slot: "s-1")], now: 0.1)
        #expect(queue.next(.main, now: 0.1) == .discardDraft(slot: "s-1"))
        #expect(queue.next(.main, now: 1) == .storeDraft(Self.draft("s-2", "李四")))
        #expect(queue.next(.main, now: 2) == nil)
    }

    @Test func onlyTheNewestSearchWaitsAndALookUpIsAskedOnce() {
        var queue = EffectQueue()
        queue.add([.searchPersons(community: "630102001", query: "z"), .searchPersons(community: "630102001", query: "zs")], now: 0)
        #expect(queue.waiting == [.searchPersons(community: "630102001", query: "zs")])
        let lookUp = Effect.lookUpIdNumber("630102199003070116")
        queue.add([lookUp], running: [lookUp], now: 0)
        #expect(!queue.waiting.contains(lookUp))
        queue.add([lookUp, lookUp], now: 0)
        #expect(queue.waiting.filter { $0 == lookUp }.count == 1)
        // Look-ups have their own lane: they never wait behind a draft being written.
        queue.add([.storeDraft(Self.draft("s-1", "王五")), Self.save()], now: 0)
        #expect(queue.next(.lookUp, now: 0) == .searchPersons(community: "630102001", query: "zs"))
        #expect(queue.next(.lookUp, now: 0) == lookUp)
        #expect(queue.next(.main, now: 0) == .storeDraft(Self.draft("s-1", "王五")))
    }
}
