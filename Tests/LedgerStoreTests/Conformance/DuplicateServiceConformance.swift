import LedgerCore
import LedgerStore
import Testing

/// A service entered twice (the same person, day and type) is flagged on the later one, whichever way it came in,
/// and the kept figures follow when the first one goes.
struct DuplicateServiceConformance {
    @Test(arguments: StoreEngine.allCases)
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

    /// The look-up a form makes while a service is typed answers what saving judges by: the active services of
    /// the person, day and type, so the form warns before F2 as the save would after it.
    @Test(arguments: StoreEngine.allCases)
    func theSameDayLookUpAnswersWhatSavingJudges(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        guard case .person(let person) = try await store.saveNew(Conformance.person(1)), let personId = person.id else {
            Issue.record("no person"); return
        }
        let day = try #require(Day.parse("2024-04-01"))
        let key = SameDayServiceKey(person: personId, date: day, type: .guidance)
        #expect(try await store.sameDayServices(key).isEmpty)
        let first = try #require(try await enter(store, Conformance.service(1)).saved?.ref)
        #expect(try await store.sameDayServices(key) == [first.id])
        // Another day or another type is no twin
        #expect(try await store.sameDayServices(SameDayServiceKey(person: personId, date: day.adding(days: 1), type: .guidance)).isEmpty)
        #expect(try await store.sameDayServices(SameDayServiceKey(person: personId, date: day, type: .policy)).isEmpty)
        // Saving judges by the same answer: the second service names the first
        let second = try await enter(store, Conformance.service(1))
        #expect(second.findings.map(\.message) == ["此人当天已有一条“创业指导”服务记录（第\(first.id)号），可能重复登记"])
        let secondId = try #require(second.saved?.ref?.id)
        #expect(try await store.sameDayServices(key) == [first.id, secondId])
        // A deleted one is gone from the answer
        try await store.delete(first, reason: "重复登记", confirmingServices: 0)
        #expect(try await store.sameDayServices(key) == [secondId])
    }

    func enter(_ store: any LedgerStorage, _ entry: RecordEntry) async throws -> SaveResult<SavedRecord> {
        try await store.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
    }

    @Test(arguments: StoreEngine.allCases)
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
