import TerminalUI

// Effects run off the key loop, so typing never waits for the store. This is the one place that says where a key
// must wait anyway: when what it does depends on the answer of an effect still running (or still queued), it is
// held, in order with every key typed after it, until that answer has come back as an action.

/// Whether a key (nil: a paste; a resize never waits) must wait for one of the `pending` effects (running or
/// queued) before `reduce` sees it.
public func keyWaits(_ key: Key?, in state: AppState, pending: [Effect]) -> Bool {
    guard !pending.isEmpty else { return false }
    // Nothing is open yet, so nothing is lost by quitting: a quit never waits for a server that may not answer.
    if case .loading = state.screen, let key, LoadingScreen.quits(key) { return false }
    // A save, a delete, opening a record, quitting…: the screen the next keys belong to is decided by the answer.
    if pending.contains(where: \.decidesTheNextScreen) { return true }
    if state.dialog != nil || state.isTooSmall { return false }
    switch state.screen {
    case .form(let form):
        return formKeyWaits(key, form, pending: pending)
    case .browser(let b) where b.search != nil:
        // Typing a search never waits; the keys that end it do not use the rows either.
        return false
    case .district(let d) where d.search != nil:
        return false
    case .loading, .chooseCommunity, .home, .help, .browser, .history, .checks, .score, .plan, .overview, .evaluation, .district, .statistics:
        // Outside a form a key acts on what the screen shows (a row, an item, a kept draft, the right to write):
        // it waits for the reads that are filling it.
        return pending.contains { fills(state.screen, $0) }
    }
}

/// Whether an effect reads what a screen's keys act on. The home screen's keys open forms: they need the kept
/// drafts (a form of a kind with one offers it first) and the right to write, not the figures.
private func fills(_ screen: Screen, _ effect: Effect) -> Bool {
    switch (screen, effect) {
    case (.loading, _): true
    case (.chooseCommunity, .loadCommunities), (.chooseCommunity, .loadAccess): true
    case (.home, .loadDrafts), (.home, .loadAccess), (.home, .loadLock): true
    case (.browser, .loadPage), (.browser, .searchRecords): true
    case (.history, .loadHistory): true
    case (.checks, .loadChecks): true
    case (.score, .loadFacts), (.score, .loadEvidence): true
    case (.plan, .loadFacts), (.plan, .loadPlanDetails), (.plan, .loadEvidence): true
    case (.overview, .loadOverview): true
    case (.district, .loadDistrictPage), (.district, .searchDistrict): true
    // The evaluation screen's keys act on the submission, which every request (a load or a step) answers anew.
    case (.evaluation, .evaluation): true
    case (.statistics, .loadStatistics): true
    default: false
    }
}

/// In a form, typing never waits. Saving waits for the look-ups that decide its warnings (a duplicate ID number, a
/// service repeating one saved that day),
/// and the keys that pick from a person search wait for its results.
private func formKeyWaits(_ key: Key?, _ form: FormState, pending: [Effect]) -> Bool {
    guard let key else { return false }
    switch key {
    case .function(2), .function(3), .control("s"):
        return pending.contains(where: \.isLookUp)
    case .tab, .enter, .backTab, .up, .down, .pageUp, .pageDown:
        guard case .personSearch = form.focusedField?.kind else { return false }
        return pending.contains { if case .searchPersons = $0 { true } else { false } }
    default:
        return false
    }
}

extension Effect {
    /// Effects after which the app shows another screen (or the same one changed by a write).
    var decidesTheNextScreen: Bool {
        switch self {
        case .saveRecord, .saveCommunity, .openRecord, .deleteRecord, .restoreRecord, .undoLastChange, .acceptWarnings,
             .exportWorkbook, .quit:
            true
        case .loadCommunities, .loadFacts, .loadDrafts, .storeDraft, .discardDraft, .searchPersons, .lookUpIdNumber,
             .lookUpSameDayServices, .loadServicePerson, .loadPage, .searchRecords, .loadHistory, .countServices, .loadChecks, .loadEvidence,
             .loadOverview, .loadPlanDetails, .loadAccess, .loadRole, .loadLock, .evaluation, .loadDistrictPage, .searchDistrict, .recordEntryEvent, .loadStatistics:
            false
        }
    }

    /// The look-ups made while a form is typed.
    var isLookUp: Bool {
        switch self {
        case .searchPersons, .lookUpIdNumber, .lookUpSameDayServices, .loadServicePerson: true
        case .loadCommunities, .loadFacts, .loadDrafts, .storeDraft, .discardDraft, .saveRecord, .saveCommunity, .loadPage,
             .searchRecords, .openRecord, .loadHistory, .undoLastChange, .deleteRecord, .countServices, .restoreRecord,
             .acceptWarnings, .loadChecks, .loadEvidence, .loadOverview, .loadPlanDetails, .loadAccess, .loadRole, .loadLock, .exportWorkbook, .evaluation,
             .loadDistrictPage, .searchDistrict, .recordEntryEvent, .loadStatistics, .quit:
            false
        }
    }
}
