import LedgerCore
import LedgerStore
import Testing

/// Pages, sorts, searches, history and drafts, through the boundary only.
struct BrowseConformance {
    static let surnames = ["张", "李", "王", "赵", "欧阳", "曾", "安", "白", "陈", "邓"]
    static let givenNames = ["明", "晨", "雪", "然", "丽"]
    /// Distinct names for serials 0…49.
    static func name(_ serial: Int) -> String { surnames[serial % 10] + givenNames[serial / 10 % 5] }

    @Test(arguments: StoreEngine.allCases)
    func pagesVisitEveryRecordOnceInEitherDirection(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        for serial in 0..<45 { _ = try await store.saveNew(Conformance.person(serial, name: Self.name(serial))) }
        // Forward by id, 20 at a time
        var seen: [Int64] = []
        var page = try await store.page(PageRequest(register: .survey, community: Conformance.code, limit: 20))
        while !page.isEmpty {
            seen += page.map(\.id)
            guard let last = page.last else { break }
            page = try await store.page(PageRequest(register: .survey, community: Conformance.code, after: (last.sortKey, last.id), limit: 20))
        }
        #expect(seen.count == 45 && seen == seen.sorted() && Set(seen).count == 45)
        // Sorted by name (pinyin, surname readings): forward pages give one non-decreasing order of keys
        var sorted: [RegisterRow] = []
        page = try await store.page(PageRequest(register: .survey, community: Conformance.code, sortColumn: "name", limit: 20))
        while let last = page.last {
            sorted += page
            page = try await store.page(PageRequest(register: .survey, community: Conformance.code, sortColumn: "name",
                                                    after: (last.sortKey, last.id), limit: 20))
        }
        #expect(sorted.count == 45)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) })
        #expect(sorted.first?.fields["name"]?.hasPrefix("安") == true)
        // and the page before the last one is the one read before it
        let back = try await store.page(PageRequest(register: .survey, community: Conformance.code, sortColumn: "name",
                                                    before: (sorted[40].sortKey, sorted[40].id), limit: 20))
        #expect(back.map(\.id) == sorted[20..<40].map(\.id))
    }

    @Test(arguments: StoreEngine.allCases)
    func personsAreFoundByNameInitialsAndIdDigitsInTheirCommunityOnly(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        _ = try await store.saveNew(Conformance.person(1, name: "曾小明"))
        _ = try await store.saveNew(Conformance.person(2, name: "张三"))
        _ = try await store.saveNew(Conformance.person(3, name: "曾小明"), in: Conformance.otherCode)
        let tail = String(Conformance.idNumber(1).suffix(4))
        for query in ["曾小", "zxm", tail, String(Conformance.idNumber(1).prefix(17))] {
            let found = try await store.searchPersons(community: Conformance.code, query: query, limit: 8)
            #expect(found.map(\.name) == ["曾小明"], "\(query)")
        }
        #expect(try await store.searchPersons(community: Conformance.code, query: "zs", limit: 8).map(\.name) == ["张三"])
        #expect(try await store.personsWithIdNumber(Conformance.idNumber(3)).map(\.communityCode) == [Conformance.otherCode])
        let withServices = try await store.personWithServices(community: Conformance.code, idNumber: Conformance.idNumber(2))
        #expect(withServices?.0.name == "张三" && withServices?.1 == 0)
    }

    /// A deleted person's services stay in the register (the data check lists them); the clerk finds them as any
    /// other services, though the person search of a form no longer offers the person.
    @Test(arguments: StoreEngine.allCases)
    func aDeletedPersonsServicesAreFoundByTheirName(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let person = try #require(try await store.saveNew(Conformance.person(1, name: "曾小明")).ref)
        _ = try await store.saveNew(Conformance.person(2, name: "张三"))
        _ = try await store.saveNew(Conformance.service(1))
        _ = try await store.saveNew(Conformance.service(2))
        func found(_ query: String) async throws -> [String] {
            try await store.searchRecords(.service, community: Conformance.code, query: query, limit: 10).compactMap { $0.fields["name"] }
        }
        #expect(try await found("曾小明") == ["曾小明"])
        try await store.delete(person, reason: "迁出", confirmingServices: 1)
        #expect(try await store.searchPersons(community: Conformance.code, query: "曾小明", limit: 8).isEmpty)
        // By the name it was saved with, and by the person search's own forms (initials, ID digits).
        for query in ["曾小明", "曾小", "zxm", String(Conformance.idNumber(1).suffix(4)), String(Conformance.idNumber(1).prefix(17))] {
            #expect(try await found(query) == ["曾小明"], "\(query)")
        }
        #expect(try await found("张三") == ["张三"])
    }

    @Test(arguments: StoreEngine.allCases)
    func aDraftIsKeptUntilItIsDiscarded(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        try await store.storeDraft(slot: "survey-1", content: "{\"name\":\"张\"}")
        try await store.storeDraft(slot: "survey-1", content: "{\"name\":\"张三\"}")
        try await store.storeDraft(slot: "service-1", content: "{}")
        // A draft is the operator's own: another clerk does not see it
        #expect(try await ledger.session(as: "李娜").keptDrafts().isEmpty)
        let kept = try await store.keptDrafts()
        #expect(Set(kept.map(\.slot)) == ["survey-1", "service-1"])
        #expect(kept.first { $0.slot == "survey-1" }?.content == "{\"name\":\"张三\"}")
        try await store.discardDraft(slot: "survey-1")
        #expect(try await store.keptDrafts().map(\.slot) == ["service-1"])
    }

    @Test(arguments: StoreEngine.allCases)
    func theCommunitysHistoryIsNewestFirst(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let ref = try #require(try await store.saveNew(Conformance.person(1)).ref)
        try await store.delete(ref, reason: "迁出", confirmingServices: 0)
        let recent = try await store.recentHistory(community: Conformance.code, limit: 10).filter { $0.recordTable != "community" }
        #expect(recent.map(\.action) == ["delete", "insert"])
        #expect(try await store.recentHistory(community: Conformance.otherCode, limit: 10).allSatisfy { $0.recordTable == "community" })
    }
}
