import LedgerCore
import LedgerStore
import Testing

/// The clerk's day found figures the program took on trust: a 带动就业人数 no community business has, and services
/// that disagree with their person's survey record. Both engines judge them alike, whether typed or imported.
struct SurveyCrossCheckConformance {
    static func training(_ serial: Int, date: String = "2024-04-01") -> RecordEntry {
        var fields = Conformance.service(serial, date: date).fields
        fields["service_type"] = "创业培训"
        return RecordEntry(.service, fields)
    }

    func enter(_ store: any LedgerStorage, _ entry: RecordEntry) async throws -> SaveResult<SavedRecord> {
        try await store.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
    }

    @Test(arguments: StoreEngine.allCases)
    func anImpossibleJobsFigureIsRefusedTypedOrImported(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let started = ["status": "已创业", "entity_name": "张三小吃店", "entity_type": "个体工商户", "license_date": "2023-06-01",
                       "jobs_created": "99999"]
        let typed = try await store.save(Conformance.person(1, started), community: Conformance.code, editing: nil,
                                         acceptedWarnings: ["jobs.large": "已核实"], action: .entry)
        #expect(typed.saved == nil)
        #expect(typed.findings.map(\.code) == ["jobs.impossible"])
        let file = ImportScoreConformance.rows([Conformance.person(1, started), Conformance.person(2, name: "李四")])
        let imported = try await store.importRows(.survey, file, community: Conformance.code, mode: .allOrNothing,
                                                  acceptWarningsReason: "已核实", source: "摸底.csv")
        #expect(imported.imported == 0)
        #expect(imported.rejected.map(\.line) == [2])
        #expect(try await store.scoreFacts(community: Conformance.code)[.entrepreneurJobs] == 0)
    }

    @Test(arguments: StoreEngine.allCases)
    func aServiceDisagreeingWithTheSurveyRecordWarnsUntilTheRecordIsCorrected(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let person = try #require(try await store.saveNew(Conformance.person(1)).ref)
        let training = try await enter(store, Self.training(1))
        #expect(training.findings.map(\.code) == ["service.training_not_in_survey"])
        let early = try await enter(store, Conformance.service(1, date: "2024-03-01"))
        #expect(early.findings.map(\.code) == ["service.before_survey"])
        #expect(early.findings.first?.message == "服务日期2024-03-01早于此人的摸底日期2024-03-15，请核对服务日期或摸底日期")
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 2)
        // The survey record corrected: trained, and surveyed earlier. Both services are judged again.
        let opened = try #require(try await store.open(person))
        var fields = opened.fields
        fields.merge(["trained": "是", "training_type": "SYB", "training_end": "2024-04-20", "survey_date": "2024-02-01"]) { _, new in new }
        let corrected = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                             acceptedWarnings: opened.accepted, action: .entry)
        #expect(corrected.saved != nil, "\(corrected.findings.map(\.message))")
        #expect(try await store.scoreFacts(community: Conformance.code)[.warningRecords] == 0)
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }

    @Test(arguments: StoreEngine.allCases)
    func anImportedServiceIsCheckedAgainstTheSurveyRecordToo(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        _ = try await store.saveNew(Conformance.person(1))
        _ = try await store.saveNew(Conformance.person(2, name: "李四", ["trained": "是", "training_type": "SYB", "training_end": "2024-04-20"]))
        let file = ImportScoreConformance.rows([Self.training(1), Self.training(2), Conformance.service(2, date: "2024-03-01")])
        let report = try await store.importRows(.service, file, community: Conformance.code, mode: .allOrNothing,
                                                acceptWarningsReason: nil, source: "服务.csv")
        #expect(report.imported == 3)
        #expect(report.warnings.map(\.line) == [2, 4])
        #expect(report.warnings.map { $0.findings.map(\.code) } == [["service.training_not_in_survey"], ["service.before_survey"]])
        try await ImportScoreConformance.expectKeptEqualsRecount(store)
    }
}

/// A profile saved over its labour force warnings keeps their reasons in the change's history entry.
struct LabourForceReasonConformance {
    @Test(arguments: StoreEngine.allCases)
    func theReasonsOfAcceptedProfileWarningsAreInTheHistory(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        let opened = try #require(try await store.community(code: Conformance.code))
        var typed = opened
        typed.labourForce = 10
        try await store.saveProfile(ProfileEdit(original: opened, edited: typed,
                                                acceptedWarnings: ["labour_force.tenfold": "社区拆分后重新核定"]))
        let entry = try #require(try await store.recentHistory(community: Conformance.code, limit: 5)
            .first { $0.recordTable == "community" && $0.action == "update" })
        #expect(entry.changes.contains(FieldChange(field: "labour_force", old: "100", new: "10")))
        #expect(entry.changes.contains(FieldChange(field: "accepted_warning.labour_force.tenfold", old: nil, new: "社区拆分后重新核定")))
    }
}
