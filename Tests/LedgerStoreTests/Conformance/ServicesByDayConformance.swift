import Foundation
import LedgerCore
import LedgerStore
import Testing

/// A person's services count each day and type once towards 获得2次以上服务 (Contribution.servicesCounted): the same
/// 创业指导 entered twice on one day had made a person "served twice" (a fresh-eyes tester's 张伟, with only two
/// same-day duplicates, counted 1/5 towards the item).
struct ServicesByDayConformance {
    @Test(arguments: StoreEngine.allCases)
    func theSameServiceTwiceOnOneDayCountsOnce(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        _ = try await store.saveNew(Conformance.person(1))
        let twice = ["service.duplicate": "当天确有两次"]
        for _ in 0..<2 {
            _ = try await store.save(Conformance.service(1, date: "2024-04-01"), community: Conformance.code, editing: nil,
                                     acceptedWarnings: twice, action: .entry)
        }
        var facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.served] == 1 && facts[.servedTwice] == 0)
        // Another day, or another type the same day, is a second service
        _ = try await store.saveNew(Conformance.service(1, date: "2024-04-02"))
        facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.servedTwice] == facts[.serviceTargets] && facts[.servedTwice] == 1)
    }

    @Test func theRuleCountsEachDayAndTypeOnce() {
        let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!)
        let d1 = Day(year: 2024, month: 4, day: 1)!, d2 = Day(year: 2024, month: 4, day: 2)!, before = Day(year: 2023, month: 12, day: 31)!
        #expect(Contribution.servicesCounted([(d1, "创业指导"), (d1, "创业指导")], in: period) == 1)
        #expect(Contribution.servicesCounted([(d1, "创业指导"), (d1, "政策咨询"), (d2, "创业指导")], in: period) == 3)
        #expect(Contribution.servicesCounted([(before, "创业指导"), (d1, "创业指导")], in: period) == 1)
    }
}
