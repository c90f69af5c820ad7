import LedgerCore
import LedgerStore
import Testing

/// Communities as saved: every field and the checklist's answers, read one by one and all at once.
struct CommunityConformance {
    @Test(arguments: StoreEngine.allCases)
    func communitiesReadBackAsSavedWithTheirChecklists(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // Given a community with a leader, a phone and checklist answers, and another without
        var first = Conformance.community()
        first.leader = "李主任"
        first.phone = "0971-1234567"
        first.checklist = ["work_plan": Points(hundredths: 250), "service_window": Points(hundredths: 200)]
        try await store.saveCommunity(first)
        var third = Conformance.community("630102003", name: "东关社区")
        third.checklist = ["work_plan": Points(hundredths: 100)]
        try await store.saveCommunity(third)
        // Then each reads back as saved, one by one and in the list (by code), each with its own checklist
        let second = Conformance.community(Conformance.otherCode, name: "南关社区")
        #expect(try await store.community(code: Conformance.code) == first)
        #expect(try await store.communities() == [first, second, third])
    }
}
