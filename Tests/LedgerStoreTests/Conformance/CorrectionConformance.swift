import LedgerCore
import LedgerStore
import Testing

/// A person's corrected ID number reaches every record that names them: services (deleted ones too, so that a
/// restored one is still theirs) and the role model (创业典型) naming the person.
struct CorrectionConformance {
    @Test(arguments: StoreEngine.withoutPostgresYet)
    func aCorrectedNumberReachesServicesDeletedOnesAndTheRoleModel(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let person = try #require(try await store.saveNew(Conformance.person(1)).ref)
        _ = try await store.saveNew(Conformance.service(1))
        let deleted = try #require(try await store.saveNew(Conformance.service(1, date: "2024-05-01")).ref)
        try await store.delete(deleted, reason: "录入有误", confirmingServices: 0)
        var roleModel = Conformance.activity().fields
        roleModel["kind"] = "创业典型"
        roleModel["person_id"] = Conformance.idNumber(1)
        let activity = try #require(try await store.saveNew(RecordEntry(.activity, roleModel)).ref)
        // The number corrected in the survey register
        let opened = try #require(try await store.open(person))
        var fields = opened.fields
        fields["id_number"] = Conformance.idNumber(7)
        let saved = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                         acceptedWarnings: opened.accepted, action: .entry)
        #expect(saved.saved != nil)
        #expect(try await store.open(activity)?.fields["person_id"] == Conformance.idNumber(7))
        try await store.restore(deleted)
        #expect(try await store.open(deleted)?.fields["id_number"] == Conformance.idNumber(7))
        let problems = try await store.checkAll(community: Conformance.code).filter { $0.ref == deleted || $0.ref == activity }
        #expect(problems.allSatisfy { !$0.findings.hasErrors && !$0.findings.contains { $0.code.hasPrefix("activity.") && $0.severity == .warning && $0.field == "person_id" } },
                "\(problems.map { $0.findings.map(\.message) })")
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }
}
