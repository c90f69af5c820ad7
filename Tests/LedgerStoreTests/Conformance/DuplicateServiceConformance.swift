import LedgerCore
import LedgerStore
import Testing

/// A service entered twice (the same person, day and type) is flagged on the later one, whichever way it came in,
/// and the kept figures follow when the first one goes.
struct DuplicateServiceConformance {
    @Test(arguments: StoreEngine.withoutPostgresYet)
    func aSecondServiceOfTheSameDayAndTypeWarnsUntilTheFirstIsGone(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        _ = try await store.saveNew(Conformance.person(1))
        let first = try await enter(store, Conformance.service(1))
        #expect(first.findings.isEmpty)
        let second = try await enter(store, Conformance.service(1))
        #expect(second.findings.map(\.code) == ["service.duplicate"])
        #expect(second.findings.first?.message.contains("第\(try #require(first.saved?.ref).id)号") == true)
        // Another day is no duplicate
        #expect(try await enter(store, Conformance.service(1, date: "2024-04-02")).findings.isEmpty)
        var facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.warningRecords] == 1)
        // The first one deleted: the second no longer repeats anything
        try await store.delete(try #require(first.saved?.ref), reason: "重复登记", confirmingServices: 0)
        facts = try await store.scoreFacts(community: Conformance.code)
        #expect(facts[.warningRecords] == 0)
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
        // Restored, it is the first again and the second warns again
        try await store.restore(try #require(first.saved?.ref))
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 1)
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }

    func enter(_ store: any LedgerStorage, _ entry: RecordEntry) async throws -> SaveResult<SavedRecord> {
        try await store.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
    }

    @Test(arguments: StoreEngine.withoutPostgresYet)
    func aServicesFileImportedTwiceOrRepeatingARowWarns(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        _ = try await store.saveNew(Conformance.person(1))
        _ = try await store.saveNew(Conformance.person(2, name: "李四"))
        let file = ImportScoreConformance.rows([Conformance.service(1), Conformance.service(2), Conformance.service(1)])
        let once = try await store.importRows(.service, file, community: Conformance.code, mode: .allOrNothing,
                                              acceptWarningsReason: nil, source: "服务.csv")
        #expect(once.imported == 3)
        #expect(once.warnings.map(\.line) == [4])
        #expect(once.warnings.first?.findings.first?.message.contains("第2行") == true)
        let twice = try await store.importRows(.service, file, community: Conformance.code, mode: .allOrNothing,
                                               acceptWarningsReason: nil, source: "服务.csv")
        #expect(twice.imported == 3)
        #expect(twice.warnings.map(\.line) == [2, 3, 4])
        #expect(twice.warnings.allSatisfy { $0.findings.map(\.code) == ["service.duplicate"] })
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 4)
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }
}
