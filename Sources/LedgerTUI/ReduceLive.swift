import LedgerCore

// Live refresh and the store's connection. Other clerks' saves are announced by the store (its change feed);
// the app reads again what the screen shows of the changed communities, without a key. A form being typed is
// never touched: only the saved figures beside it are read again.

/// What the status line says while the store's server cannot be reached.
public enum ConnectionWording {
    public static let lost = "数据库连接中断，草稿已保存，正在重连…"
    public static let back = "数据库已重新连接"
    /// A save (or another write from a form) that could not reach the server. The line below it says `lost`
    /// until the server is back: this one says only what became of the save.
    public static let notSaved = "未保存：草稿已保存，数据库重新连接后按 F2 重新保存"
}

func storeChanged(_ state: inout AppState, _ communities: Set<String>) -> [Effect] {
    let current = state.community.map { communities.isEmpty || communities.contains($0.code) } ?? false
    // The community's profile too: an administrator's correction (street, labour force) must be what the next
    // profile form opens with and what the figures are planned against.
    let facts: [Effect] = current ? state.community.map { [.loadFacts(community: $0.code), .loadCommunities] } ?? [] : []
    switch state.screen {
    case .home, .form, .score:
        return facts
    case .browser(var b):
        // A search's answer is not a page: it stays as found until the clerk searches again.
        guard current, b.search == nil, b.query.isEmpty else { return facts }
        b.keepSelected = b.rows.indices.contains(b.list.selected) ? b.rows[b.list.selected].id : nil
        state.screen = .browser(b)
        return facts + state.reloadPage(b)
    case .overview:
        return [.loadOverview]
    case .district(var d):
        guard d.search == nil, d.query.isEmpty else { return [] }
        d.browser.keepSelected = d.browser.rows.indices.contains(d.browser.list.selected) ? d.browser.rows[d.browser.list.selected].id : nil
        state.screen = .district(d)
        return state.reloadDistrictPage(d)
    case .plan(let p):
        // The plan is computed from the figures; its lists of persons are read again as a return from a form does.
        guard current, let code = state.community?.code else { return facts }
        return facts + [.loadPlanDetails(community: code)] + (p.evidenceQuery.map { [.loadEvidence(community: code, $0)] } ?? [])
    case .checks:
        // Read again without recounting: a recount writes, and its notice would make every open app recount.
        guard current, let code = state.community?.code else { return facts }
        return facts + [.loadChecks(community: code)]
    case .history(let h):
        return current ? facts + [.loadHistory(h.register, id: h.id)] : facts
    case .evaluation(let e):
        // A check, a draw or a signature made elsewhere (the command line, another app) shows at once: a sign-off
        // judged on an old list would be refused for checks already recorded.
        guard current, let code = state.community?.code else { return facts }
        return facts + [.evaluation(community: code, e.stage == .city ? .loadCity : .load)]
    case .loading, .chooseCommunity, .help, .statistics:
        // Nothing on screen follows the figures, but home does: it must be right when the clerk returns to it.
        return facts
    }
}

func connectionChanged(_ state: inout AppState, lost: Bool) -> [Effect] {
    guard lost != state.connectionLost else { return [] }
    state.connectionLost = lost
    if lost {
        // The form as it stands is written at once: the engine keeps it on this machine until the server is back.
        if case .form(let form) = state.screen { return state.autosave(form) }
        return []
    }
    state.show(ConnectionWording.back)
    // Started while the server was down: nothing was read yet.
    if case .loading = state.screen { return [.loadCommunities] }
    return []
}

/// A read that failed needs no word beyond the status line (it is read again once reconnected), except at start,
/// where the engine's message says why nothing could be opened. A write that failed is said: from a form, that
/// its draft is kept and F2 saves it once the server is back.
/// A write whose COMMIT went unanswered says so in the store's words (it may have been saved; F2 is still safe).
func effectLostConnection(_ state: inout AppState, _ message: String, writing: Bool, outcomeUnknown: Bool = false) -> [Effect] {
    state.connectionLost = true
    state.progress = nil
    switch (state.screen, writing) {
    case (.form(let form), true):
        state.show(outcomeUnknown ? message : ConnectionWording.notSaved, error: true)
        return state.autosave(form)
    case (.loading, false):
        state.startProblem = message
    case (_, true):
        state.show(message, error: true)
    case (_, false):
        break
    }
    return []
}

extension BrowserState {
    /// The row to select in a new answer: the kept record where it now is, else the same row number.
    mutating func selection(in rows: [RegisterRow]) -> Int {
        defer { keepSelected = nil }
        if let id = keepSelected, let i = rows.firstIndex(where: { $0.id == id }) { return i }
        return min(list.selected, max(0, rows.count - 1))
    }
}
