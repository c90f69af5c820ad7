import LedgerCore
import LedgerStore
import Testing

/// An import does to the ledger what saving its rows one by one would: every engine, however it writes a file
/// (PostgreSQL: COPY and set-based statements), keeps the same figures, counts and reasons.
struct ImportEffectsConformance {
    @Test(arguments: StoreEngine.allCases)
    func anImportChangesWhatEachSaveWouldChange(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // A person left with a service when deleted; another registered in the other community.
        let left = try #require(try await store.saveNew(Conformance.person(1)).ref)
        let service = try #require(try await store.saveNew(Conformance.service(1)).ref)
        try await store.delete(left, reason: "误删", confirmingServices: 1)
        let elsewhere = try #require(try await store.saveNew(Conformance.person(5, name: "李四"), in: Conformance.otherCode).ref)
        #expect(try await store.checkAll(community: Conformance.otherCode).isEmpty)

        // The survey file registers both numbers here; every warning accepted with one reason.
        let persons = try await store.importRows(.survey, ImportScoreConformance.rows([Conformance.person(1), Conformance.person(5, name: "李四"),
                                                                                     Conformance.person(6, name: "王五")]),
                                                 community: Conformance.code, mode: .allOrNothing, acceptWarningsReason: "已核实：两处登记", source: "摸底.csv")
        #expect(persons.imported == 3 && persons.warnings.map(\.line) == [3])
        let back = try #require(try await store.searchSummaries(community: Conformance.code, query: Conformance.idNumber(1), limit: 5).first)
        // The deleted namesake's service joins the person registered again, and counts for them.
        #expect(try await store.activeServiceCount(person: back.id) == 1)
        #expect(try await store.open(service) != nil)
        let moved = try #require(try await store.searchSummaries(community: Conformance.code, query: Conformance.idNumber(5), limit: 5).first)
        #expect(try await store.acceptedWarnings(of: RecordRef(.survey, id: moved.id)).values.sorted() == ["已核实：两处登记"])
        // The other community's record now warns of this one.
        let warned = try await store.checkAll(community: Conformance.otherCode)
        #expect(warned.map(\.ref) == [elsewhere] && warned.first?.findings.contains { $0.severity == .warning } == true)

        // A services file repeating a line: the later line warns; left unaccepted, it counts as a problem.
        let services = try await store.importRows(.service, ImportScoreConformance.rows([Conformance.service(5, date: "2024-06-01"),
                                                                                        Conformance.service(5, date: "2024-06-01"),
                                                                                        Conformance.service(6, date: "2024-07-01")]),
                                                  community: Conformance.code, mode: .allOrNothing, acceptWarningsReason: nil, source: "服务.csv")
        #expect(services.imported == 3 && services.warnings.map(\.line) == [3])
        #expect(try await store.activeServiceCount(person: moved.id) == 2)
        // Kept problem counts and figures are what a full check and a recount find.
        for code in [Conformance.code, Conformance.otherCode] {
            #expect(try await store.checkAndRecount(community: code).corrected == 0, "\(code)")
        }
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }
}

/// Mobile numbers as spreadsheets hold them (country code, groups) are imported as their 11 digits, each row
/// saying what was stored; a wrong number is still refused with the form's message.
struct PhoneImportConformance {
    @Test(arguments: StoreEngine.allCases)
    func writtenMobilesAreStoredNormalisedAndAWrongOneIsRefused(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let written = ["+86 139-1234-5678", "+8613912345678", "139 1234 5678", "0086 13912345678"]
        let rows = written.enumerated().map { Conformance.person($0.offset + 1, name: "张三", ["phone": $0.element]) }
            + [Conformance.person(9, name: "李四", ["phone": "+86 129-1234-5678"])]
        let report = try await store.importRows(.survey, ImportScoreConformance.rows(rows), community: Conformance.code,
                                                mode: .skipInvalid, acceptWarningsReason: nil, source: "摸底.csv")
        #expect(report.imported == 4)
        #expect(report.rejected.map(\.line) == [6])
        #expect(report.rejected.first?.findings.map(\.message)
                == ["联系电话“+86 129-1234-5678”格式不对，应为11位手机号或带区号的固定电话（如 0971-6123456）"])
        // Each row says what it stored; a notice is no warning to resolve.
        #expect(report.warnings.map(\.line) == [2, 3, 4, 5])
        #expect(report.warnings.allSatisfy { $0.findings.map(\.code) == ["phone.normalised"] })
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 0)
        for serial in 1...4 {
            let row = try #require(try await store.searchSummaries(community: Conformance.code, query: Conformance.idNumber(serial), limit: 5).first)
            #expect(try await store.open(RecordRef(.survey, id: row.id))?.fields["phone"] == "13912345678", "\(written[serial - 1])")
        }
    }
}
