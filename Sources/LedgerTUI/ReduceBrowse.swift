import LedgerCore
import TerminalUI

// Browsing, correcting, deleting, history and checks: the supervisor's and corrector's screens.

extension AppState {
    /// Rows a browser page shows at the current size.
    var pageSize: Int { max(5, height - 8) }

    /// A new query of the browser's rows (or, with a boundary, the page after or before it). A new query's answer
    /// replaces the rows even when empty; only a page turn (`turning` set by PgDn/PgUp) keeps them at the end.
    func loadPage(_ b: BrowserState, after: PageQuery.Boundary? = nil, before: PageQuery.Boundary? = nil) -> [Effect] {
        guard let community else { return [] }
        if !b.query.isEmpty { return [.searchRecords(register: b.register, community: community.code, query: b.query, limit: pageSize)] }
        return [.loadPage(PageQuery(register: b.register, community: community.code, sort: b.sort, after: after, before: before,
                                    limit: pageSize, deleted: b.showDeleted, problemsOnly: b.problemsOnly,
                                    status: b.statusFilter, trained: b.trainedFilter, category: b.categoryFilter, dates: b.dateFilter))]
    }

    /// Starts a new query of the browser's rows (another register, filter, sort or search). Until its answer the
    /// rows shown are the earlier query's: a reload meanwhile (live refresh) must not take its position from them
    /// (after `x` it had started the deleted records after the first live one, and showed none).
    mutating func newQuery(_ b: inout BrowserState) -> [Effect] {
        b.rowsOfEarlierQuery = true
        screen = .browser(b)
        return loadPage(b)
    }

    /// The same page again (after a change), starting at its first row: the boundary just below that row in
    /// (value, id) order.
    func reloadPage(_ b: BrowserState) -> [Effect] {
        guard !b.rowsOfEarlierQuery, let first = b.rows.first else { return loadPage(b) }
        return loadPage(b, after: PageQuery.Boundary(value: b.boundary(first).value, id: first.id - 1))
    }

    /// After a correction or leaving a form: back where the form was opened from, reloaded.
    mutating func returnFrom(_ form: FormState) -> [Effect] {
        switch form.returnTo {
        case .home:
            screen = .home
            return []
        case .browser(let b):
            screen = .browser(b)
            return reloadPage(b)
        case .checks(let c):
            screen = .checks(c)
            return community.map { [.loadChecks(community: $0.code)] } ?? []
        case .score(var sc):
            sc.evidence = nil
            screen = .score(sc)
            return community.map { [.loadFacts(community: $0.code)] } ?? []
        case .plan(let p):
            // The plan is computed again from the new figures, and the list of persons read again (the one just
            // served drops off it), so the clerk goes on with the next.
            screen = .plan(p)
            guard let code = community?.code else { return [] }
            return [.loadFacts(community: code), .loadPlanDetails(community: code)] + (p.evidenceQuery.map { [.loadEvidence(community: code, $0)] } ?? [])
        case .district(let d):
            screen = .district(d)
            return reloadDistrictPage(d)
        case .evaluation(let e):
            // The sample read again: a corrected 不属实 record now reads 已更正.
            screen = .evaluation(e)
            return community.map { [.evaluation(community: $0.code, e.stage == .city ? .loadCity : .load), .loadFacts(community: $0.code)] } ?? []
        }
    }
}

func openBrowser(_ state: inout AppState, _ register: Register) -> [Effect] {
    var b = BrowserState(register: register)
    return state.newQuery(&b)
}

func openChecks(_ state: inout AppState) -> [Effect] {
    state.screen = .checks(ChecksState())
    // Opened (not refreshed: a recount's write notifies the other apps, which would recount in turn), by someone
    // who may change the community, the checks also bring its kept counts up to date.
    let recount = !state.recordsOpenReadOnly
    return state.community.map { [.loadChecks(community: $0.code, recount: recount)] } ?? []
}

// Results of the browsing effects (each called from `reduce`'s one switch over actions).

func pageLoaded(_ state: inout AppState, _ register: Register, _ rows: [RegisterRow]) -> [Effect] {
    guard case .browser(var b) = state.screen, b.register == register else { return [] }
    let turning = b.turning
    b.turning = nil
    if rows.isEmpty, let turning, !b.rows.isEmpty {
        // No page beyond: the last (first) row is selected, as a list's PgDn (PgUp) reaches its end.
        b.list.move(turning == .forward ? b.rows.count : -b.rows.count, count: b.rows.count, visibleRows: state.pageSize)
        state.screen = .browser(b)
        state.show(turning == .forward ? "已到末页" : "已到首页")
        return []
    }
    b.list = ListState(selected: b.selection(in: rows))
    b.rows = rows
    b.rowsOfEarlierQuery = false
    state.screen = .browser(b)
    return []
}

func recordOpened(_ state: inout AppState, _ editing: EditingRecord, accepted: [String: String], focus: String?) -> [Effect] {
    let kind = FormKind(editing.register)
    // The fields the ID number decides follow it: kept from the record, a corrected number was refused as not
    // matching its old 出生日期 and 性别, which the form does not show.
    let values = editing.register == .survey ? editing.originalFields.filter { !PersonFields.derivedFromIdNumber.contains($0.key) }
        : editing.originalFields
    var form = FormState(spec: FormSpecs.spec(kind), today: state.today, values: values,
                         focus: focus.flatMap { FormSpecs.spec(kind).field($0) != nil ? $0 : nil })
    form.editing = editing
    form.acceptedWarnings = accepted
    form.touched = Set(editing.originalFields.keys)
    switch state.screen {
    case .browser(let b): form.returnTo = .browser(b)
    case .checks(let c): form.returnTo = .checks(c)
    case .score(let sc): form.returnTo = .score(sc)
    case .plan(let p): form.returnTo = .plan(p)
    case .district(let d): form.returnTo = .district(d)
    case .evaluation(let e): form.returnTo = .evaluation(e)
    case .loading, .chooseCommunity, .home, .form, .help, .history, .overview, .statistics: form.returnTo = .home
    }
    state.revalidate(&form)
    state.screen = .form(form)
    state.show(state.changeRefusal("保存").map { "只读：" + $0 } ?? "正在修改第\(editing.id)号记录：保存时会校验并记入修改记录")
    // Opened from the 评选 screen's sample to correct a 不属实 finding: the finding stays in sight while correcting.
    if case .evaluation(let e) = form.returnTo, let check = e.selectedCheck, check.result == .untrue,
       check.sampledRecord == (editing.register, editing.id), state.changeRefusal("保存") == nil {
        state.show("抽查不属实：\(check.note ?? "")。请核对更正后按 F2 保存（记入修改记录）")
    }
    var lookups: [Effect] = []
    for key in ["id_number", "person_id"] { if let id = editing.originalFields[key] { lookups.append(.lookUpIdNumber(id)) } }
    if kind != .activity, let c = state.community, let id = editing.originalFields["id_number"] {
        lookups.append(.loadServicePerson(community: c.code, idNumber: id))
    }
    return lookups
}

func historyLoaded(_ state: inout AppState, _ lines: [HistoryLine]) -> [Effect] {
    guard case .history(var h) = state.screen else { return [] }
    h.lines = lines
    // The lines come newest first: open at the top.
    h.offset = 0
    state.screen = .history(h)
    return []
}

func checksLoaded(_ state: inout AppState, _ items: [CheckItem], corrected: Int = 0) -> [Effect] {
    // The home screen's problem counts and the score follow the corrected figures.
    var effects: [Effect] = []
    if corrected > 0, let code = state.community?.code {
        state.show("已按登记内容更正\(corrected)条记录的问题计数或评分数据")
        effects.append(.loadFacts(community: code))
    }
    guard case .checks(var c) = state.screen else { return effects }
    // Grouped: errors, then warnings, then accepted warnings; within each, by rule, then record.
    c.items = items.sorted { ($0.severity, $0.code, $0.register.rawValue, $0.id) < ($1.severity, $1.code, $1.register.rawValue, $1.id) }
    c.loaded = true
    c.moveSelection(0, height: ChecksScreen.listRows(state))
    state.screen = .checks(c)
    return effects
}

func registerChanged(_ state: inout AppState, _ message: String) -> [Effect] {
    state.show(message)
    state.forgetLookUps()
    var effects = state.community.map { [Effect.loadFacts(community: $0.code)] } ?? []
    switch state.screen {
    case .browser(let b): effects += state.reloadPage(b)
    case .history(let h): effects.append(.loadHistory(h.register, id: h.id))
    case .checks: effects.append(contentsOf: state.community.map { [Effect.loadChecks(community: $0.code)] } ?? [])
    case .loading, .chooseCommunity, .home, .form, .help, .score, .plan, .overview, .evaluation, .district, .statistics: break
    }
    return effects
}

func evidenceLoaded(_ state: inout AppState, title: String, _ register: Register, _ rows: [RegisterRow]) -> [Effect] {
    switch state.screen {
    case .score(var sc):
        sc.evidence = (title, register, rows)
        sc.evidenceList = ListState()
        state.screen = .score(sc)
    case .plan(var p):
        p.evidence = (title, register, rows)
        p.evidenceList = ListState()
        state.screen = .plan(p)
    case .loading, .chooseCommunity, .home, .form, .help, .browser, .history, .checks, .overview, .evaluation, .district, .statistics: break
    }
    return []
}

func overviewLoaded(_ state: inout AppState, _ figures: [CommunityFigures]) -> [Effect] {
    var o = OverviewState()
    if case .overview(let current) = state.screen { o = current }
    o.figures = figures
    state.screen = .overview(o)
    return []
}

func servicesCounted(_ state: inout AppState, personId: Int64, count: Int) -> [Effect] {
    guard case .deleteRecord(let row, let reason, _)? = state.dialog, row.id == personId else { return [] }
    state.dialog = .deleteRecord(row, reason: reason, services: count)
    return []
}

/// The search line changed (typed or pasted): its text is the new query.
func browserSearchEdited(_ state: inout AppState, _ browser: BrowserState, _ search: TextEditor) -> [Effect] {
    var b = browser
    b.search = search
    let query = search.text.trimmingSpaces()
    // A new query's answer is a new list: its first row is selected, not the row number the last list had
    // (Enter or D then acted on whichever person landed there).
    if query != b.query { b.list = ListState() }
    b.query = query
    return state.newQuery(&b)
}

func browserKey(_ state: inout AppState, _ browser: BrowserState, _ key: Key) -> [Effect] {
    var b = browser
    if var search = b.search {
        switch key {
        case .escape:
            b.search = nil
            b.query = ""
            b.list = ListState()
            return state.newQuery(&b)
        case .enter, .down:
            b.search = nil
            state.screen = .browser(b)
            return []
        default:
            _ = search.handle(key)
            return browserSearchEdited(&state, b, search)
        }
    }
    switch key {
    case .up, .down:
        b.list.move(key == .up ? -1 : 1, count: b.rows.count, visibleRows: state.pageSize)
    case .pageDown:
        guard let last = b.rows.last else { break }
        b.turning = .forward
        state.screen = .browser(b)
        return state.loadPage(b, after: b.boundary(last))
    case .pageUp:
        guard let first = b.rows.first else { break }
        b.turning = .backward
        state.screen = .browser(b)
        return state.loadPage(b, before: b.boundary(first))
    case .home:
        b.list = ListState()
        return state.newQuery(&b)
    case .end:
        b.list.move(b.rows.count, count: b.rows.count, visibleRows: state.pageSize)
    case .tab, .backTab:
        let all = Register.allCases
        let i = all.firstIndex(of: b.register) ?? 0
        let next = all[(i + (key == .tab ? 1 : all.count - 1)) % all.count]
        return openBrowser(&state, next)
    case .character("/"):
        // Every register searches: by person (name, initials, ID digits), and services and activities by text too.
        // Only its active records: the search of the deleted ones would list live records that `r` cannot restore.
        guard !b.showDeleted else { state.show("搜索只查找未删除的记录：已删除的记录请在本列表中翻页查看（按 x 返回全部记录）", error: true); break }
        b.search = TextEditor(b.query, limit: 30)
    case .character("x"):
        b.toggleDeleted()
        return state.newQuery(&b)
    case .character("p"):
        b.problemsOnly.toggle()
        b.list = ListState()
        return state.newQuery(&b)
    case .character("s"):
        let columns = b.sortColumns
        b.sort = columns[((columns.firstIndex(of: b.sort) ?? 0) + 1) % columns.count]
        b.list = ListState()
        return state.newQuery(&b)
    case .character("f") where b.register == .survey:
        b.cycleStatus()
        b.list = ListState()
        return state.newQuery(&b)
    case .character("g") where b.register == .survey:
        b.cycleCategory()
        b.list = ListState()
        return state.newQuery(&b)
    case .character("e"):
        state.screen = .browser(b)
        return openExport(&state, .register(b.register))
    case .character("w"):
        state.screen = .browser(b)
        state.dialog = .dateRange(TextEditor(b.dateFilter?.description ?? "", limit: 40))
        return []
    case .character("t") where b.register == .survey:
        b.cycleTrained()
        b.list = ListState()
        return state.newQuery(&b)
    case .enter:
        guard let row = b.selected else { break }
        guard !row.deleted else { state.show("已删除的记录不能修改，可按 r 恢复", error: true); break }
        state.screen = .browser(b)
        return [.openRecord(b.register, id: row.id, focus: nil)]
    case .character("n") where b.register == .survey:
        // Serve the person just found, without looking them up again in a new service form.
        guard let row = b.selected, !row.deleted, let idNumber = row.fields["id_number"], !idNumber.isEmpty else { break }
        state.screen = .browser(b)
        return newServiceFor(&state, idNumber: idNumber, returnTo: .browser(b))
    case .character("h"):
        guard let row = b.selected else { break }
        state.screen = .history(HistoryState(register: b.register, id: row.id, readOnly: !state.canWrite, returnTo: b))
        return [.loadHistory(b.register, id: row.id)]
    case .delete, .character("D"):
        guard let row = b.selected, !row.deleted else { break }
        if let refusal = state.changeRefusal("删除") { state.show(refusal, error: true); break }
        state.screen = .browser(b)
        let isPerson = b.register == .survey
        state.dialog = .deleteRecord(row, reason: TextEditor(limit: WrittenReason.longest), services: isPerson ? nil : 0)
        return isPerson ? [.countServices(personId: row.id)] : []
    case .character("r"):
        guard let row = b.selected, row.deleted else { break }
        b.beforeDeleted?.selected = row.id
        state.screen = .browser(b)
        return [.restoreRecord(b.register, id: row.id)]
    case .escape, .character("q"):
        state.screen = .home
        return state.community.map { [.loadFacts(community: $0.code)] } ?? []
    default:
        break
    }
    state.screen = .browser(b)
    return []
}

func historyKey(_ state: inout AppState, _ history: HistoryState, _ key: Key) -> [Effect] {
    var h = history
    switch key {
    case .up: h.offset = max(0, h.offset - 1)
    case .down: h.offset = min(max(0, HistoryScreen.lines(h, width: HistoryScreen.textWidth(state)).count - (state.height - 5)), h.offset + 1)
    case .character("u"):
        state.screen = .history(h)
        // Not offered to a reader; a key pressed anyway says why rather than asking the store.
        if h.readOnly { state.show(AppState.readOnlyRefusal("撤销修改"), error: true); return [] }
        return [.undoLastChange(h.register, id: h.id)]
    case .escape, .character("q"):
        if let d = h.returnToDistrict { state.screen = .district(d); return state.reloadDistrictPage(d) }
        state.screen = .browser(h.returnTo)
        return state.reloadPage(h.returnTo)
    default: break
    }
    state.screen = .history(h)
    return []
}

func dateRangeDialogKey(_ state: inout AppState, _ editor: TextEditor, _ key: Key) -> [Effect] {
    switch LineInput(editor, key) {
    case .cancelled:
        state.dialog = nil
        return []
    case .edited(let editor):
        state.dialog = .dateRange(editor)
        return []
    case .submitted(let text):
        let period: Period?
        switch DateRangeInput(text) {
        case .all: period = nil
        case .range(let range): period = range
        case .invalid:
            state.show(DateRangeInput.invalidMessage, error: true)
            return []
        }
        state.dialog = nil
        // The community browser and the district register filter by the same dialog.
        switch state.screen {
        case .browser(var b):
            b.dateFilter = period
            b.list = ListState()
            return state.newQuery(&b)
        case .district(var d):
            d.browser.dateFilter = period
            d.browser.list = ListState()
            state.screen = .district(d)
            return state.loadDistrictPage(d)
        default:
            return []
        }
    }
}

func deleteDialogKey(_ state: inout AppState, _ row: RegisterRow, _ reason: TextEditor, services: Int?, _ key: Key) -> [Effect] {
    switch LineInput(reason, key) {
    case .cancelled:
        state.dialog = nil
        return []
    case .edited(let reason):
        state.dialog = .deleteRecord(row, reason: reason, services: services)
        return []
    case .submitted(let text):
        guard !text.isEmpty, case .browser(let b) = state.screen else {
            state.show("删除记录必须填写理由", error: true)
            return []
        }
        // The clerk must have been told what happens to a person's services before the delete goes ahead.
        guard let services else {
            state.show("正在统计此人的服务记录，请稍候再按 Enter", error: true)
            return []
        }
        state.dialog = nil
        return [.deleteRecord(b.register, id: row.id, reason: text, confirmingServices: services)]
    }
}
