import LedgerTUI

/// The effects waiting for the worker, in the order `reduce` asked for them, and the drafts waiting to be written.
///
/// Drafts are coalesced: a form's draft is written at most once per `draftInterval` while the clerk types (the
/// newest one), and at once before a save, a quit or a hang-up, so a crash loses at most that interval of typing
/// and a save never overtakes its draft. A queued search that a newer one of the same kind makes pointless is
/// dropped (its answer would be thrown away: `reduce` keeps only the answer to the text typed now).
public struct EffectQueue: Sendable {
    /// Seconds a changed draft may wait before it is written.
    public static let draftInterval = 0.3

    public private(set) var waiting: [Effect] = []
    /// Unwritten drafts by slot, with when the first unwritten change happened.
    private var drafts: [(draft: Draft, since: Double)] = []

    public init() {}

    public var isEmpty: Bool { waiting.isEmpty && drafts.isEmpty }
    public var hasUnwrittenDrafts: Bool { !drafts.isEmpty }

    /// Queues what `reduce` asked for. `running`: the effects the worker runs now (a look-up asked again while the
    /// same one runs or waits is not asked twice: every key typed after a number asks for it until it is known).
    public mutating func add(_ effects: [Effect], running: [Effect] = [], now: Double) {
        for effect in effects { add(effect, running: running, now: now) }
    }

    private mutating func add(_ effect: Effect, running: [Effect], now: Double) {
        switch effect {
        case .lookUpIdNumber, .lookUpSameDayServices, .loadServicePerson:
            if !running.contains(effect) && !waiting.contains(effect) { waiting.append(effect) }
        case .loadFacts, .loadOverview, .loadLock:
            // Read again after others' saves (live refresh): one waiting read answers them all. One running may
            // have read before the latest save, so a new one still queues behind it.
            if !waiting.contains(effect) { waiting.append(effect) }
        case .storeDraft(let draft):
            if let i = drafts.firstIndex(where: { $0.draft.slot == draft.slot }) {
                drafts[i].draft = draft
            } else {
                drafts.append((draft, now))
            }
        case .discardDraft(let slot):
            // The draft must not be written after it was discarded.
            drafts.removeAll { $0.draft.slot == slot }
            waiting.removeAll { if case .storeDraft(let d) = $0 { d.slot == slot } else { false } }
            waiting.append(effect)
        case .saveRecord, .saveCommunity, .quit:
            flushDrafts()
            waiting.append(effect)
        case .searchPersons:
            waiting.removeAll { if case .searchPersons = $0 { true } else { false } }
            waiting.append(effect)
        case .loadPage, .searchRecords:
            // The browser shows one query's rows: only the newest query is worth reading.
            waiting.removeAll {
                switch $0 {
                case .loadPage, .searchRecords: true
                default: false
                }
            }
            waiting.append(effect)
        case .loadDistrictPage:
            // Likewise the district register, and the search typed into it: only the newest of each is read.
            waiting.removeAll { if case .loadDistrictPage = $0 { true } else { false } }
            waiting.append(effect)
        case .searchDistrict:
            waiting.removeAll { if case .searchDistrict = $0 { true } else { false } }
            waiting.append(effect)
        case .loadCommunities, .loadDrafts, .openRecord, .loadHistory,
             .undoLastChange, .deleteRecord, .countServices, .restoreRecord, .acceptWarnings, .loadChecks, .loadEvidence,
             .loadPlanDetails, .loadAccess, .loadRole, .exportWorkbook, .evaluation, .recordEntryEvent, .loadStatistics:
            waiting.append(effect)
        }
    }

    /// Moves every unwritten draft to the queue (a save, quit or hang-up is coming).
    public mutating func flushDrafts() {
        waiting += drafts.map { .storeDraft($0.draft) }
        drafts = []
    }

    /// When the oldest unwritten draft is due, if there is one.
    public var nextDraftDue: Double? { drafts.map(\.since).min().map { $0 + Self.draftInterval } }

    /// The next effect of a lane to run; drafts whose interval has passed are queued first.
    public mutating func next(_ lane: EffectLane, now: Double) -> Effect? {
        if let due = nextDraftDue, due <= now { flushDrafts() }
        guard let i = waiting.firstIndex(where: { EffectLane.of($0) == lane }) else { return nil }
        return waiting.remove(at: i)
    }
}

/// Effects run one at a time per lane, in order within it. The look-ups made while a form is typed have a lane of
/// their own, so that a number's duplicate check never queues behind a draft being written; they only read, and
/// a save waits for them (KeyWaits.swift), so no write overtakes one.
public enum EffectLane: CaseIterable, Sendable {
    case lookUp, main

    public static func of(_ effect: Effect) -> EffectLane {
        switch effect {
        case .searchPersons, .lookUpIdNumber, .lookUpSameDayServices, .loadServicePerson:
            .lookUp
        case .loadCommunities, .loadFacts, .loadDrafts, .storeDraft, .discardDraft, .saveRecord, .saveCommunity, .loadPage,
             .searchRecords, .openRecord, .loadHistory, .undoLastChange, .deleteRecord, .countServices, .restoreRecord,
             .acceptWarnings, .loadChecks, .loadEvidence, .loadOverview, .loadPlanDetails, .loadAccess, .loadRole, .loadLock, .exportWorkbook, .evaluation,
             .loadDistrictPage, .searchDistrict, .recordEntryEvent, .loadStatistics, .quit:
            .main
        }
    }
}
