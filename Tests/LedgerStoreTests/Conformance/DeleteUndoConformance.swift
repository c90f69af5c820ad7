import LedgerCore
import LedgerStore
import Testing

/// Soft delete, restore and undo, through the boundary only.
struct DeleteUndoConformance {
    @Test(arguments: StoreEngine.allCases)
    func aDeletedRecordIsHiddenKeptAndRestorable(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let ref = try #require(try await store.saveNew(Conformance.person(1)).ref)
        _ = try await store.saveNew(Conformance.person(2, name: "李四"))
        // A delete needs a reason
        await #expect(throws: StoreError.self) { try await store.delete(ref, reason: "  ", confirmingServices: 0) }
        try await store.delete(ref, reason: "迁出本社区", confirmingServices: 0)
        #expect(try await store.count(.survey, community: Conformance.code) == 1)
        #expect(try await store.scoreFacts(community: Conformance.code)[.registered] == 1)
        let visible = try await store.page(PageRequest(register: .survey, community: Conformance.code, limit: 10))
        #expect(visible.map(\.fields["name"]) == ["李四"])
        let deleted = try await store.page(PageRequest(register: .survey, community: Conformance.code, limit: 10, deleted: true))
        #expect(deleted.map(\.id) == [ref.id] && deleted.first?.deletedReason == "迁出本社区")
        // Restored, it counts again, and both steps are in its history
        try await store.restore(ref)
        #expect(try await store.count(.survey, community: Conformance.code) == 2)
        #expect(try await store.scoreFacts(community: Conformance.code)[.registered] == 2)
        #expect(try await store.history(of: ref).map(\.action) == ["insert", "delete", "restore"])
    }

    @Test(arguments: StoreEngine.allCases)
    func aPersonWithServicesIsDeletedOnlyWhenTheClerkWasToldHowMany(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let person = try await store.saveNew(Conformance.person(1))
        let ref = try #require(person.ref)
        _ = try await store.saveNew(Conformance.service(1))
        _ = try await store.saveNew(Conformance.service(1, date: "2024-05-01"))
        #expect(try await store.activeServiceCount(person: ref.id) == 2)
        await #expect(throws: StoreError.self) { try await store.delete(ref, reason: "迁出", confirmingServices: 0) }
        try await store.delete(ref, reason: "迁出", confirmingServices: 2)
        // The services stay, each now an error (their person is no longer in the register)
        #expect(try await store.count(.service, community: Conformance.code) == 2)
        #expect(try await store.scoreFacts(community: Conformance.code)[.errorRecords] == 2)
    }

    /// Deleted by mistake and entered again (or restored), the person takes back their services: served again,
    /// the services no longer errors.
    @Test(arguments: StoreEngine.allCases)
    func aPersonRegisteredAgainTakesBackTheirServices(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let first = try #require(try await store.saveNew(Conformance.person(1)).ref)
        _ = try await store.saveNew(Conformance.service(1))
        try await store.delete(first, reason: "误删", confirmingServices: 1)
        #expect(try await store.scoreFacts(community: Conformance.code)[.errorRecords] == 1)
        let again = try #require(try await store.saveNew(Conformance.person(1)).ref)
        var facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.errorRecords] == 0 && facts[.served] == 1)
        #expect(try await store.activeServiceCount(person: again.id) == 1)
        // Deleted in turn, the first one restored: the service follows back
        try await store.delete(again, reason: "重复", confirmingServices: 1)
        try await store.restore(first)
        facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.errorRecords] == 0 && facts[.served] == 1)
        #expect(try await store.activeServiceCount(person: first.id) == 1)
        // And by import
        try await store.delete(first, reason: "迁出", confirmingServices: 1)
        let imported = try await store.importRows(.survey, ImportScoreConformance.rows([Conformance.person(1)]), community: Conformance.code,
                                                  mode: .allOrNothing, acceptWarningsReason: nil, source: "摸底.csv")
        #expect(imported.imported == 1)
        facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.errorRecords] == 0 && facts[.served] == 1)
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }

    @Test(arguments: StoreEngine.allCases)
    func undoStepsBackThroughTheOperatorsOwnChangesOnly(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let ref = try #require(try await store.saveNew(Conformance.person(1)).ref)
        for phone in ["13800001111", "13800002222"] {
            let opened = try #require(try await store.open(ref))
            var fields = opened.fields
            fields["phone"] = phone
            _ = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                     acceptedWarnings: opened.accepted, action: .entry)
        }
        // Each undo steps one change further back, never forward
        _ = try await store.undoLastChange(ref)
        #expect(try await store.open(ref)?.fields["phone"] == "13800001111")
        _ = try await store.undoLastChange(ref)
        #expect(try await store.open(ref)?.fields["phone"] == "13912345678")
        await #expect(throws: StoreError.self) { _ = try await store.undoLastChange(ref) }
        // Another clerk's change is not mine to undo
        let other = try ledger.session(as: "李娜")
        let opened = try #require(try await other.open(ref))
        var fields = opened.fields
        fields["address"] = "八一路2号"
        _ = try await other.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                 acceptedWarnings: [:], action: .entry)
        await #expect(throws: StoreError.self) { _ = try await store.undoLastChange(ref) }
        #expect(try await store.history(of: ref).map(\.action) == ["insert", "update", "update", "undo", "undo", "update"])
    }
}
