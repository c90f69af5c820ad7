import LedgerCore
import LedgerStore
import Foundation
import Testing

/// Imports and the kept score figures, through the boundary only.
struct ImportScoreConformance {
    static func rows(_ entries: [RecordEntry]) -> [RawRecord] {
        entries.enumerated().map { RawRecord(line: $0.offset + 2, fields: $0.element.fields) }
    }

    @Test(arguments: StoreEngine.allCases)
    func anImportWithAnErrorWritesNothingOrOnlyItsGoodRows(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        var bad = Conformance.person(3, name: "王五").fields
        bad["phone"] = "12345"
        let rows = Self.rows([Conformance.person(1), Conformance.person(2, name: "李四"), RecordEntry(.survey, bad)])
        // All or nothing: the bad row on line 4 refuses the whole file
        let refused = try await store.importRows(.survey, rows, community: Conformance.code, mode: .allOrNothing,
                                                 acceptWarningsReason: nil, source: "摸底.csv")
        #expect(refused.rolledBack && refused.imported == 0)
        #expect(refused.rejected.map(\.line) == [4])
        #expect(try await store.count(.survey, community: Conformance.code) == 0)
        #expect(try await store.recentHistory(community: Conformance.code, limit: 10).allSatisfy { $0.recordTable == "community" })
        // Skipping invalid rows: the two good ones are written, with one import entry in the history
        let skipped = try await store.importRows(.survey, rows, community: Conformance.code, mode: .skipInvalid,
                                                 acceptWarningsReason: nil, source: "摸底.csv")
        #expect(!skipped.rolledBack && skipped.imported == 2 && skipped.rejected.map(\.line) == [4])
        #expect(try await store.count(.survey, community: Conformance.code) == 2)
        let history = try await store.recentHistory(community: Conformance.code, limit: 10).filter { $0.recordTable != "community" }
        #expect(history.map(\.action) == ["import"])
        // A row repeating a number already registered is refused, the register unchanged
        let again = try await store.importRows(.survey, Self.rows([Conformance.person(1)]), community: Conformance.code,
                                               mode: .allOrNothing, acceptWarningsReason: nil, source: "再次.csv")
        #expect(again.rolledBack)
        #expect(try await store.count(.survey, community: Conformance.code) == 2)
    }

    /// Whatever happens to the registers, the kept figures equal a recount from the records themselves.
    @Test(arguments: StoreEngine.allCases)
    func keptFiguresEqualAFullRecountAfterEveryKindOfChange(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        var random = SplitMix(seed: UInt64(ProcessInfo.processInfo.environment["CONFORMANCE_SEED"] ?? "") ?? 2024_12_31)
        var persons: [Int: RecordRef] = [:]
        var services: [RecordRef] = []
        for step in 0..<120 {
            switch random.next(below: 10) {
            case 0...2:
                let serial = random.next(below: 40)
                if persons[serial] == nil {
                    let saved = try await store.save(Self.variedPerson(serial, &random), community: Conformance.code, editing: nil,
                                                     acceptedWarnings: [:], action: .entry)
                    persons[serial] = try #require(saved.saved?.ref, "\(saved.findings.map(\.message))")
                }
            case 3...5:
                guard let (serial, _) = Self.pick(persons, &random) else { continue }
                let month = 1 + random.next(below: 12)
                let saved = try await store.saveNew(Conformance.service(serial, date: "2024-\(month < 10 ? "0" : "")\(month)-10"))
                services.append(try #require(saved.ref))
            case 6:
                _ = try await store.saveNew(Conformance.activity(date: "2024-0\(1 + random.next(below: 9))-01"))
            case 7:
                // A correction: the person's status and training change
                guard let (serial, ref) = Self.pick(persons, &random), let opened = try await store.open(ref) else { continue }
                let fields = Self.variedPerson(serial, &random, name: opened.fields["name"] ?? "").fields
                _ = try await store.save(RecordEntry(.survey, fields), community: Conformance.code, editing: opened.token,
                                         acceptedWarnings: opened.accepted, action: .entry)
            case 8:
                guard !services.isEmpty else { continue }
                let ref = services.remove(at: random.next(below: services.count))
                try await store.delete(ref, reason: "重复登记", confirmingServices: 0)
            default:
                // A person deleted with their services (which become errors), sometimes restored
                guard let (serial, ref) = Self.pick(persons, &random) else { continue }
                let count = try await store.activeServiceCount(person: ref.id)
                try await store.delete(ref, reason: "迁出", confirmingServices: count)
                if random.next(below: 2) == 0 { try await store.restore(ref) } else { persons[serial] = nil }
            }
            if step % 30 == 29 { try await Self.expectKeptEqualsRecount(store) }
        }
        try await Self.expectKeptEqualsRecount(store)
    }

    /// A person chosen in serial order, not the dictionary's (which changes from run to run), so that a seed
    /// replays the same steps.
    static func pick(_ persons: [Int: RecordRef], _ random: inout SplitMix) -> (Int, RecordRef)? {
        let serials = persons.keys.sorted()
        guard !serials.isEmpty else { return nil }
        let serial = serials[random.next(below: serials.count)]
        return (serial, persons[serial]!)
    }

    static func variedPerson(_ serial: Int, _ random: inout SplitMix, name: String? = nil) -> RecordEntry {
        var overrides: [String: String] = [:]
        switch random.next(below: 4) {
        case 0: overrides = ["in_training_scope": "是"]
        case 1: overrides = ["in_training_scope": "是", "trained": "是", "training_type": "SYB", "training_end": "2024-05-01",
                             "training_passed": "是", "certificate_no": "C\(serial)"]
        case 2: overrides = ["status": "已创业", "entity_name": "小店\(serial)", "entity_type": "个体工商户", "license_date": "2024-02-01",
                             "jobs_created": String(random.next(below: 6))]
        default: break
        }
        return Conformance.person(serial, name: name ?? BrowseConformance.name(serial), overrides)
    }

    /// The figures recounted from the active records read through the boundary, by the same `LedgerCore` rules
    /// the score uses, beside the kept ones.
    static func expectKeptEqualsRecount(_ store: any LedgerStorage) async throws {
        let community = try #require(try await store.community(code: Conformance.code))
        let context = ValidationContext(today: Conformance.today, communityCode: community.code, period: community.period)
        var services: [String: [(date: Day, type: String)]] = [:]
        for record in try await allRecords(store, .service) {
            guard let date = record.fields["service_date"].flatMap(Day.parse) else { continue }
            services[record.fields["id_number"] ?? "", default: []].append((date, record.fields["service_type"] ?? ""))
        }
        let servicesInPeriod = services.mapValues { Contribution.servicesCounted($0, in: community.period) }
        var recount = ScoreFacts()
        for record in try await allRecords(store, .survey) {
            let person = try #require(PersonValidator.validate(record.fields, context: context).value)
            recount = recount + Contribution.of(person, servicesInPeriod: servicesInPeriod[person.idNumber] ?? 0, period: community.period)
        }
        for record in try await allRecords(store, .activity) {
            let activity = try #require(ActivityValidator.validate(record.fields, context: context).value)
            recount = recount + Contribution.of(activity, period: community.period)
        }
        let problems = RecordFindings.problemRecords(try await store.checkAll(community: community.code))
        recount[.errorRecords] = problems.errors
        recount[.warningRecords] = problems.warnings
        recount[.labourForce] = community.labourForce
        let kept = try await store.scoreFacts(community: community.code)
        for measure in Measure.allCases {
            #expect(kept[measure] == recount[measure], "\(measure): kept \(kept[measure]), recounted \(recount[measure])")
        }
    }

    static func allRecords(_ store: any LedgerStorage, _ register: Register) async throws -> [StoredRecord] {
        var all: [StoredRecord] = []
        while true {
            let batch = try await store.records(register, community: Conformance.code, after: all.last?.ref.id, limit: 7)
            if batch.isEmpty { return all }
            all += batch
        }
    }
}

/// A small seeded generator (SplitMix64): the same steps on every run and every engine.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
