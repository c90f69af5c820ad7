import LedgerCore
import LedgerStore
import Testing

/// Who may change what: the operators' rights, through the boundary only.
struct RightsConformance {
    @Test(arguments: StoreEngine.allCases)
    func aClerkChangesOnlyTheirOwnCommunities(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let other = try await store.saveNew(Conformance.person(2, name: "李四"), in: Conformance.otherCode)
        // The first operator is a supervisor; then a clerk of the first community
        try await store.saveOperator("王芳", role: .supervisor, communities: [])
        try await store.saveOperator("李娜", role: .clerk, communities: [Conformance.code])
        let clerk = try ledger.session(as: "李娜")
        #expect(try await clerk.writableCommunities() == [Conformance.code])
        _ = try await clerk.saveNew(Conformance.person(1))
        // Another community's records can be neither added, corrected nor deleted
        await #expect(throws: StoreError.self) {
            _ = try await clerk.save(Conformance.person(3), community: Conformance.otherCode, editing: nil, acceptedWarnings: [:], action: .entry)
        }
        let ref = try #require(other.ref)
        await #expect(throws: StoreError.self) { try await clerk.delete(ref, reason: "误删", confirmingServices: 0) }
        #expect(try await store.count(.survey, community: Conformance.otherCode) == 1)
        // A clerk manages no operators, and the last supervisor cannot be removed
        await #expect(throws: StoreError.self) { try await clerk.saveOperator("赵六", role: .supervisor, communities: []) }
        await #expect(throws: StoreError.self) { try await store.removeOperator("王芳") }
        #expect(try await store.operators().map(\.name).sorted() == ["李娜", "王芳"].sorted())
    }
}
