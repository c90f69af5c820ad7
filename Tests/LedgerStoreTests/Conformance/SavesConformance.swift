import LedgerCore
import LedgerStore
import Testing

/// Saves, corrections and concurrent changes, through the boundary only.
struct SavesConformance {
    @Test(arguments: StoreEngine.allCases)
    func aSavedRecordOpensWithItsFieldsAndItsAudit(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // When a person, a service and an activity are saved
        let person = try await store.saveNew(Conformance.person(1))
        let service = try await store.saveNew(Conformance.service(1))
        let activity = try await store.saveNew(Conformance.activity())
        // Then each opens with its fields as saved, and its history starts with its insertion by the operator
        for saved in [person, service, activity] {
            let ref = try #require(saved.ref)
            let opened = try #require(try await store.open(ref))
            #expect(opened.fields == saved.fields)
            let history = try await store.history(of: ref)
            #expect(history.map(\.action) == ["insert"])
            #expect(history.first?.operatorName == "王芳")
        }
        #expect(try await store.count(.survey, community: Conformance.code) == 1)
        #expect(try await store.count(.service, community: Conformance.code) == 1)
        #expect(try await store.count(.activity, community: Conformance.code) == 1)
        // and the 经办人 of the service defaults to the operator
        #expect(service.service?.staff == "王芳")
    }

    @Test(arguments: StoreEngine.allCases)
    func aRefusedSaveWritesNothing(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        var fields = Conformance.person(1).fields
        fields["id_number"] = "630102199003070117" // wrong check digit
        let result = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: nil,
                                          acceptedWarnings: [:], action: .entry)
        #expect(result.saved == nil)
        #expect(result.findings.contains { $0.severity == .error && $0.field == "id_number" })
        #expect(try await store.count(.survey, community: Conformance.code) == 0)
        #expect(try await store.recentHistory(community: Conformance.code, limit: 10).allSatisfy { $0.recordTable == "community" })
        // A service for a person not in the register is refused too
        let orphan = try await store.save(Conformance.service(9), community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
        #expect(orphan.saved == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func aCorrectionIsAuditedFieldByField(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let ref = try #require(try await store.saveNew(Conformance.person(1)).ref)
        let opened = try #require(try await store.open(ref))
        var fields = opened.fields
        fields["phone"] = "13800001111"
        let corrected = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                             acceptedWarnings: opened.accepted, action: .entry)
        #expect(corrected.saved?.person?.phone == "13800001111")
        let last = try #require(try await store.history(of: ref).last)
        #expect(last.action == "update")
        #expect(last.changes == [FieldChange(field: "phone", old: "13912345678", new: "13800001111")])
        #expect(try await store.count(.survey, community: Conformance.code) == 1)
    }

    @Test(arguments: StoreEngine.allCases)
    func aChangeMadeMeanwhileIsNeverOverwritten(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let other = try ledger.session(as: "李娜")
        let ref = try #require(try await store.saveNew(Conformance.person(1)).ref)
        // Both clerks open the record
        let mine = try #require(try await store.open(ref))
        let theirs = try #require(try await other.open(ref))
        // The other clerk saves first
        var theirFields = theirs.fields
        theirFields["phone"] = "13800002222"
        _ = try await other.save(RecordEntry(.survey, theirFields), community: Conformance.code, editing: theirs.token,
                                 acceptedWarnings: [:], action: .entry)
        // Then my save, from the record as I opened it, is refused and names the field that changed
        var myFields = mine.fields
        myFields["address"] = "八一路1号"
        await #expect(throws: EditConflict.self) {
            _ = try await store.save(RecordEntry(.survey, myFields), community: Conformance.code, editing: mine.token,
                                     acceptedWarnings: [:], action: .entry)
        }
        do {
            _ = try await store.save(RecordEntry(.survey, myFields), community: Conformance.code, editing: mine.token,
                                     acceptedWarnings: [:], action: .entry)
        } catch let conflict as EditConflict {
            #expect(conflict.ref == ref)
            #expect(conflict.changedMeanwhile == [FieldChange(field: "phone", old: "13912345678", new: "13800002222")])
        }
        // and the record keeps the other clerk's change
        #expect(try await store.open(ref)?.fields["phone"] == "13800002222")
        #expect(try await store.open(ref)?.fields["address"] == nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func warningsAreSavedCountedAndAcceptedWithAReason(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        // The same person in two communities: each record warns of the other
        _ = try await store.saveNew(Conformance.person(1), in: Conformance.otherCode)
        let result = try await store.save(Conformance.person(1), community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
        let ref = try #require(result.saved?.ref)
        let warning = try #require(result.findings.first { $0.severity == .warning })
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 1)
        // Accepted with a reason, it no longer counts, and the reason is kept and audited
        #expect(try await store.acceptWarning(code: warning.code, reason: "已核实：两处均有登记", records: [ref]) == 1)
        #expect(try await store.acceptedWarnings(of: ref)[warning.code] == "已核实：两处均有登记")
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 0)
        #expect(try await store.history(of: ref).last?.action == "accept")
    }
}
