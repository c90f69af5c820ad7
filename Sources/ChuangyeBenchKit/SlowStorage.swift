import Foundation
import Synchronization
import LedgerCore
import LedgerStore

/// A store that answers every call `delay` late (an async sleep, no thread held), around a real engine: a
/// network database on a bad day. The key loop must stay as quick to draw as with SQLite on a local disk.
public struct SlowStorage: LedgerStorage {
    public let engine: any LedgerStorage
    public let delay: Duration
    /// How many drafts were written through this store (the coalescing test counts them).
    public let draftWrites = Counter()

    public final class Counter: Sendable {
        private let count = Mutex(0)
        public init() {}
        public var value: Int { count.withLock { $0 } }
        func add() { count.withLock { $0 += 1 } }
    }

    /// Each call's own time (the engine's answer, without the added delay), by method, in milliseconds: what a held
    /// key waited for.
    public let callTimes = CallTimes()

    public final class CallTimes: Sendable {
        private let times = Mutex<[String: [Double]]>([:])
        public init() {}
        public var byCall: [String: [Double]] { times.withLock { $0 } }
        func add(_ name: String, _ ms: Double) { times.withLock { $0[name, default: []].append(ms) } }
    }

    public init(_ engine: any LedgerStorage, delay: Duration = .milliseconds(200)) {
        self.engine = engine
        self.delay = delay
    }

    public var operatorName: String { engine.operatorName }
    public var today: @Sendable () -> Day { engine.today }

    private func late<T>(_ name: String = #function, _ call: () async throws -> T) async throws -> T {
        try await Task.sleep(for: delay)
        let start = ContinuousClock.now
        defer { callTimes.add(String(name.prefix { $0 != "(" }), (ContinuousClock.now - start).milliseconds) }
        return try await call()
    }

    // AdminStore
    public func communities() async throws -> [Community] { try await late { try await engine.communities() } }
    public func community(code: String) async throws -> Community? { try await late { try await engine.community(code: code) } }
    public func saveCommunity(_ c: Community) async throws { try await late { try await engine.saveCommunity(c) } }
    public func saveProfile(_ edit: ProfileEdit) async throws { try await late { try await engine.saveProfile(edit) } }
    public func operators() async throws -> [OperatorAccount] { try await late { try await engine.operators() } }
    public func saveOperator(_ name: String, role: OperatorAccount.Role, communities: [String]) async throws {
        try await late { try await engine.saveOperator(name, role: role, communities: communities) }
    }
    public func removeOperator(_ name: String) async throws { try await late { try await engine.removeOperator(name) } }
    public func writableCommunities() async throws -> Set<String>? { try await late { try await engine.writableCommunities() } }
    public func integrityCheck() async throws -> String { try await late { try await engine.integrityCheck() } }
    public func requireSound() async throws { try await late { try await engine.requireSound() } }
    public func backup(to path: String) async throws { try await late { try await engine.backup(to: path) } }

    // EntryStore
    public func save(_ entry: RecordEntry, community: String, editing: EditToken?, acceptedWarnings: [String: String],
                     action: SaveAction) async throws -> SaveResult<SavedRecord> {
        try await late { try await engine.save(entry, community: community, editing: editing, acceptedWarnings: acceptedWarnings, action: action) }
    }
    public func open(_ ref: RecordRef) async throws -> OpenedRecord? { try await late { try await engine.open(ref) } }
    public func delete(_ ref: RecordRef, reason: String, confirmingServices: Int) async throws {
        try await late { try await engine.delete(ref, reason: reason, confirmingServices: confirmingServices) }
    }
    public func restore(_ ref: RecordRef) async throws { try await late { try await engine.restore(ref) } }
    public func undoLastChange(_ ref: RecordRef) async throws -> SaveResult<SavedRecord> {
        try await late { try await engine.undoLastChange(ref) }
    }
    public func acceptWarning(code: String, reason: String, records: [RecordRef]) async throws -> Int {
        try await late { try await engine.acceptWarning(code: code, reason: reason, records: records) }
    }
    public func activeServiceCount(person id: Int64) async throws -> Int { try await late { try await engine.activeServiceCount(person: id) } }
    public func searchPersons(community: String, query: String, limit: Int) async throws -> [PersonMatch] {
        try await late { try await engine.searchPersons(community: community, query: query, limit: limit) }
    }
    public func personsWithIdNumber(_ idNumber: String) async throws -> [ValidationContext.ExistingPerson] {
        try await late { try await engine.personsWithIdNumber(idNumber) }
    }
    public func personWithServices(community: String, idNumber: String) async throws -> (Person, Int)? {
        try await late { try await engine.personWithServices(community: community, idNumber: idNumber) }
    }
    public func sameDayServices(_ key: SameDayServiceKey) async throws -> [Int64] {
        try await late { try await engine.sameDayServices(key) }
    }
    public func storeDraft(slot: String, content: String) async throws {
        draftWrites.add()
        try await late { try await engine.storeDraft(slot: slot, content: content) }
    }
    public func discardDraft(slot: String) async throws { try await late { try await engine.discardDraft(slot: slot) } }
    public func keptDrafts() async throws -> [KeptDraft] { try await late { try await engine.keptDrafts() } }

    // BrowseStore
    public func page(_ q: PageRequest) async throws -> [RegisterRow] { try await late { try await engine.page(q) } }
    public func searchSummaries(community: String, query: String, limit: Int) async throws -> [RegisterRow] {
        try await late { try await engine.searchSummaries(community: community, query: query, limit: limit) }
    }
    public func searchRecords(_ register: Register, community: String, query: String, limit: Int) async throws -> [RegisterRow] {
        try await late { try await engine.searchRecords(register, community: community, query: query, limit: limit) }
    }
    public func districtAccess() async throws -> DistrictAccess { try await late { try await engine.districtAccess() } }
    public func districtPage(_ q: DistrictPageRequest) async throws -> [RegisterRow] { try await late { try await engine.districtPage(q) } }
    public func searchDistrict(_ query: String, scope: DistrictScope, limit: Int) async throws -> DistrictSearchResult {
        try await late { try await engine.searchDistrict(query, scope: scope, limit: limit) }
    }
    public func count(_ register: Register, community: String) async throws -> Int {
        try await late { try await engine.count(register, community: community) }
    }
    public func records(_ register: Register, community: String, after: Int64?, limit: Int) async throws -> [StoredRecord] {
        try await late { try await engine.records(register, community: community, after: after, limit: limit) }
    }
    public func acceptedWarnings(of ref: RecordRef) async throws -> [String: String] { try await late { try await engine.acceptedWarnings(of: ref) } }
    public func history(of ref: RecordRef) async throws -> [AuditEntry] { try await late { try await engine.history(of: ref) } }
    public func recentHistory(community: String?, limit: Int) async throws -> [AuditEntry] {
        try await late { try await engine.recentHistory(community: community, limit: limit) }
    }
    public func evidenceSummaries(_ e: Evidence, community: String, limit: Int) async throws -> (register: Register, rows: [RegisterRow]) {
        try await late { try await engine.evidenceSummaries(e, community: community, limit: limit) }
    }

    // ImportStore
    public func importRows<Rows: Sequence<RawRecord>>(_ register: Register, _ rows: Rows, community: String, mode: ImportMode,
                                                      acceptWarningsReason: String?, source: String) async throws -> ImportReport {
        try await Task.sleep(for: delay)
        return try await engine.importRows(register, rows, community: community, mode: mode, acceptWarningsReason: acceptWarningsReason,
                                           source: source)
    }

    // SuperviseStore
    public func scoreFacts(community code: String) async throws -> ScoreFacts { try await late { try await engine.scoreFacts(community: code) } }
    public func scoreFacts(street: String) async throws -> ScoreFacts { try await late { try await engine.scoreFacts(street: street) } }
    public func scoreFactsByCommunity() async throws -> [String: ScoreFacts] { try await late { try await engine.scoreFactsByCommunity() } }
    public func planDetails(community code: String, period: Period) async throws -> PlanDetails {
        try await late { try await engine.planDetails(community: code, period: period) }
    }
    public func countsByCommunity() async throws -> [String: RecordCounts] { try await late { try await engine.countsByCommunity() } }
    public func checkAll(community: String) async throws -> [CheckedRecord] { try await late { try await engine.checkAll(community: community) } }
    public func checkAndRecount(community: String) async throws -> (results: [CheckedRecord], corrected: Int) {
        try await late { try await engine.checkAndRecount(community: community) }
    }
}

extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
