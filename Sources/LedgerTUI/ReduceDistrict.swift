import LedgerCore
import TerminalUI

// The supervisor's district register: keys, its effects and their answers.

/// Opens the register of a scope (a street, a community, or every community) on the survey register.
func openDistrict(_ state: inout AppState, _ scope: DistrictScopeQuery, fromOverview: Bool = true) -> [Effect] {
    var d = DistrictState(scope: scope, fromOverview: fromOverview)
    if case .overview(let o) = state.screen { d.overview = o }
    return state.newDistrictQuery(&d)
}

extension AppState {
    /// The district register's page (a new query, or with a boundary the page after or before it).
    func loadDistrictPage(_ d: DistrictState, after: PageQuery.Boundary? = nil, before: PageQuery.Boundary? = nil) -> [Effect] {
        let b = d.browser
        return [.loadDistrictPage(DistrictPageQuery(scope: d.scope, page: PageQuery(
            register: b.register, community: "", sort: b.sort, after: after, before: before, limit: pageSize, deleted: b.showDeleted,
            problemsOnly: b.problemsOnly, status: b.statusFilter, trained: b.trainedFilter, category: b.categoryFilter,
            dates: b.dateFilter)))]
    }

    /// The same page again (after a resize or a form), from its first row: the boundary just below that row.
    func reloadDistrictPage(_ d: DistrictState) -> [Effect] {
        guard !d.browser.rowsOfEarlierQuery, let first = d.browser.rows.first else { return loadDistrictPage(d) }
        return loadDistrictPage(d, after: PageQuery.Boundary(value: d.browser.boundary(first).value, id: first.id - 1))
    }

    /// Starts a new query of the district register's rows; a reload before its answer starts it from the top
    /// (`newQuery`).
    mutating func newDistrictQuery(_ d: inout DistrictState) -> [Effect] {
        d.browser.rowsOfEarlierQuery = true
        screen = .district(d)
        return loadDistrictPage(d)
    }

    /// The streets of the known communities, each once, in community order.
    var streets: [String] {
        var seen = Set<String>()
        return communities.map(\.street).filter { seen.insert($0).inserted }
    }
}

// Answers of the district effects (each called from `reduce`'s one switch over actions).

func districtPageLoaded(_ state: inout AppState, _ q: DistrictPageQuery, _ rows: [RegisterRow]) -> [Effect] {
    guard case .district(var d) = state.screen, d.expects(q) else { return [] }
    let turning = d.browser.turning
    d.browser.turning = nil
    if rows.isEmpty, let turning, !d.browser.rows.isEmpty {
        let count = d.browser.rows.count
        d.browser.list.move(turning == .forward ? count : -count, count: count, visibleRows: state.pageSize)
        state.screen = .district(d)
        state.show(turning == .forward ? "已到末页" : "已到首页")
        return []
    }
    d.browser.list = ListState(selected: d.browser.selection(in: rows))
    d.browser.rows = rows
    d.browser.rowsOfEarlierQuery = false
    state.screen = .district(d)
    return []
}

func districtFound(_ state: inout AppState, query: String, _ hits: DistrictHits) -> [Effect] {
    // Only the answer to what is typed now: an older keystroke's answer may arrive later.
    guard case .district(var d) = state.screen, d.query == query else { return [] }
    d.hits = hits
    d.hitList = ListState()
    state.screen = .district(d)
    return []
}

func districtKey(_ state: inout AppState, _ district: DistrictState, _ key: Key) -> [Effect] {
    var d = district
    if let search = d.search { return districtSearchKey(&state, d, search, key) }
    if let hits = d.hits {
        switch key {
        case .up, .down:
            d.hitList.move(key == .up ? -1 : 1, count: hits.rows.count, visibleRows: state.pageSize)
        case .enter:
            let rows = hits.rows
            guard d.hitList.selected < rows.count else { break }
            let hit = rows[d.hitList.selected]
            return openFromDistrict(&state, d, .survey, id: hit.person.id, community: hit.community.code)
        case .character("/"):
            d.search = TextEditor(d.query, limit: 30)
        case .escape, .character("q"):
            d.hits = nil
            d.query = ""
            return state.newDistrictQuery(&d)
        default: break
        }
        state.screen = .district(d)
        return []
    }
    var b = d.browser
    /// A new query of the register with `b` (first page, selection at the top).
    func reload() -> [Effect] {
        b.list = ListState()
        d.browser = b
        return state.newDistrictQuery(&d)
    }
    switch key {
    case .up, .down:
        b.list.move(key == .up ? -1 : 1, count: b.rows.count, visibleRows: state.pageSize)
    case .pageDown, .pageUp:
        guard let edge = key == .pageDown ? b.rows.last : b.rows.first else { break }
        b.turning = key == .pageDown ? .forward : .backward
        d.browser = b
        state.screen = .district(d)
        return key == .pageDown ? state.loadDistrictPage(d, after: b.boundary(edge)) : state.loadDistrictPage(d, before: b.boundary(edge))
    case .home:
        return reload()
    case .end:
        b.list.move(b.rows.count, count: b.rows.count, visibleRows: state.pageSize)
    case .tab, .backTab:
        let all = Register.allCases
        let i = all.firstIndex(of: b.register) ?? 0
        b = BrowserState(register: all[(i + (key == .tab ? 1 : all.count - 1)) % all.count])
        return reload()
    case .character("s"):
        let columns = b.sortColumns
        b.sort = columns[((columns.firstIndex(of: b.sort) ?? 0) + 1) % columns.count]
        return reload()
    // The community browser's filters, with its rules (BrowserFilters.swift).
    case .character("f") where b.register == .survey:
        b.cycleStatus()
        return reload()
    case .character("g") where b.register == .survey:
        b.cycleCategory()
        return reload()
    case .character("t") where b.register == .survey:
        b.cycleTrained()
        return reload()
    case .character("w"):
        d.browser = b
        state.screen = .district(d)
        state.dialog = .dateRange(TextEditor(b.dateFilter?.description ?? "", limit: 40))
        return []
    case .character("x"):
        b.showDeleted.toggle()
        return reload()
    case .character("p"):
        b.problemsOnly.toggle()
        return reload()
    case .character("j"):
        // 全区 → each street → 全区; a community chosen before is let go.
        let streets = state.streets
        let next = d.scope.street.flatMap { streets.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        d.scope = DistrictScopeQuery(street: next < streets.count ? streets[next] : nil)
        return reload()
    case .character("c"):
        // The communities of the street (or all), then none.
        let codes = state.communities.filter { c in d.scope.street.map { c.street == $0 } ?? true }.map(\.code)
        let next = d.scope.community.flatMap { codes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        d.scope.community = next < codes.count ? codes[next] : nil
        return reload()
    case .character("/"):
        d.search = TextEditor(d.query, limit: 30)
    case .character("h"):
        guard let row = b.selected else { break }
        d.browser = b
        state.screen = .history(HistoryState(register: b.register, id: row.id, readOnly: !state.mayChange(row.community),
                                             returnTo: b, returnToDistrict: d))
        return [.loadHistory(b.register, id: row.id)]
    case .enter:
        guard let row = b.selected else { break }
        // As in the community browser: a deleted record is restored (in its community's register) before it is changed.
        guard !row.deleted else { state.show("已删除的记录不能修改，可在本社区的台账中按 x 再按 r 恢复", error: true); break }
        d.browser = b
        return openFromDistrict(&state, d, b.register, id: row.id, community: row.community)
    case .escape, .character("q"):
        if d.fromOverview {
            state.screen = .overview(d.overview ?? OverviewState())
            return [.loadOverview]
        }
        state.screen = .home
        return state.community.map { [.loadFacts(community: $0.code)] } ?? []
    default:
        break
    }
    d.browser = b
    state.screen = .district(d)
    return []
}

/// Typing the search: each keystroke asks for the persons matching the text (an empty text shows the register).
private func districtSearchKey(_ state: inout AppState, _ district: DistrictState, _ search: TextEditor, _ key: Key) -> [Effect] {
    var d = district
    var search = search
    switch key {
    case .escape:
        d.search = nil
        d.query = ""
        d.hits = nil
        return state.newDistrictQuery(&d)
    case .enter, .down:
        d.search = nil
        state.screen = .district(d)
        return []
    default:
        _ = search.handle(key)
        return districtSearchEdited(&state, d, search)
    }
}

/// The search line changed (typed or pasted): the persons matching its text are asked for.
func districtSearchEdited(_ state: inout AppState, _ district: DistrictState, _ search: TextEditor) -> [Effect] {
    var d = district
    d.search = search
    d.query = search.text.trimmingSpaces()
    if d.query.isEmpty { d.hits = nil }
    state.screen = .district(d)
    return d.query.isEmpty ? [] : [.searchDistrict(d.scope, query: d.query)]
}

/// Opens a record of the district in its community (which becomes the current one). Where the operator may change
/// it, a form that returns to the district register; elsewhere a read-only view with numbers masked (header ［只读］).
private func openFromDistrict(_ state: inout AppState, _ d: DistrictState, _ register: Register, id: Int64, community code: String) -> [Effect] {
    guard let c = state.communities.first(where: { $0.code == code }) else {
        state.screen = .district(d)
        return []
    }
    state.community = c
    state.screen = .district(d)
    return [.loadFacts(community: c.code), .openRecord(register, id: id, focus: nil)]
}
