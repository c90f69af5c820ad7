import LedgerCore
import TerminalUI

/// The only place state changes. Returns the I/O to run; its results come back as actions. The derived values
/// the screens show (the draft's findings, the score and its preview) are brought up to date here, once per
/// action, so that `render` only reads them.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let effects = apply(&state, action)
    state.refreshScoreCards()
    state.logEntryForms(after: action)
    return effects
}

/// One case per action, no `default:`: a new action does not compile until it is handled.
private func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .keyPressed(let key):
        return keyPressed(&state, key)
    case .pasted(let text):
        return pasted(&state, text)
    case .resized(let width, let height):
        let oldPage = state.pageSize
        state.width = width
        state.height = height
        // A browser page holds as many rows as fit: after a resize the same page is read again at the new size.
        if case .browser(let b) = state.screen, state.pageSize != oldPage, !state.isTooSmall {
            return state.reloadPage(b)
        }
        if case .district(let d) = state.screen, state.pageSize != oldPage, !state.isTooSmall { return state.reloadDistrictPage(d) }
        return []
    case .keysHeld(let count):
        state.heldKeys = count
        return []
    case .progressed(let fraction):
        state.progress = fraction
        return []
    case .communitiesLoaded(let communities):
        return communitiesLoaded(&state, communities)
    case .factsLoaded(let facts, let counts):
        state.facts = facts
        state.counts = counts
        // The lock is read with the figures (a key read): the home screen and the entry keys say it before typing.
        let lock: [Effect] = state.community.map { [.loadLock(community: $0.code)] } ?? []
        if !state.draftChecked {
            state.draftChecked = true
            return [.loadDrafts] + lock
        }
        return lock
    case .draftsLoaded(let drafts):
        return draftsLoaded(&state, drafts)
    case .personsFound(let query, let hits):
        guard case .form(var form) = state.screen, form.focusedField.map({ if case .personSearch = $0.kind { true } else { false } }) == true,
              form.editor.text == query else { return [] }
        form.searchResults = hits
        form.searchChosen = false
        form.picker = ListState()
        state.screen = .form(form)
        return []
    case .idNumberLookedUp(let id, let persons):
        state.knownPersons[id] = persons
        revalidateOpenForm(&state)
        guard case .form(let form) = state.screen else { return [] }
        if let left = form.lastLeft, ["id_number", "person_id"].contains(left), form.values[left] == id {
            showLeftFieldProblem(&state, form)
        }
        // The person now known, the service typed may be judged by the same-day rule: its answer is asked for.
        return sameDayLookUp(state, form)
    case .sameDayServicesLookedUp(let key, let ids):
        return sameDayServicesLookedUp(&state, key, ids)
    case .servicePersonLoaded(let snapshot):
        guard case .form(var form) = state.screen else { return [] }
        form.servicePerson = snapshot
        state.screen = .form(form)
        // A draft is named by its person: one stored before the name was known is stored again with it (the clerk
        // may type nothing more before quitting).
        guard let stored = state.drafts.first(where: { $0.slot == form.draftSlot }),
              stored.personName != state.draft(of: form)?.personName else { return [] }
        return state.autosave(form)
    case .recordSaved(let kind, let summary, let findings, let keepForNext):
        return recordSaved(&state, kind: kind, summary: summary, findings: findings, keepForNext: keepForNext)
    case .recordRefused(let findings):
        guard case .form(var form) = state.screen else { return [] }
        form.findings = findings
        form.showAllProblems = true
        state.screen = .form(form)
        state.show(findings.errors.first.map { "未保存：\($0.message)" } ?? "未保存", error: true)
        return []
    case .communitySaved(let community):
        state.community = community
        if let i = state.communities.firstIndex(where: { $0.code == community.code }) { state.communities[i] = community } else {
            state.communities.append(community)
        }
        state.screen = .home
        state.show("已保存社区档案：\(community.name)")
        return [.loadFacts(community: community.code)]
    case .effectFailed(let message):
        state.progress = nil
        if case .loading = state.screen {
            state.startProblem = message
            return []
        }
        state.show(message, error: true)
        return []
    case .exportNeedsConfirmation(let kind, let path):
        state.progress = nil
        state.dialog = .confirmOverwrite(kind, path: path)
        return []
    case .exported(let message, let file):
        state.progress = nil
        state.show(message)
        // The next export is suggested beside this one: a clerk exporting several registers puts them together.
        if let slash = file.lastIndex(of: "/"), slash != file.startIndex { state.documentsFolder = String(file[..<slash]) }
        return []
    case .exportFailed(let kind, let path, let message):
        state.progress = nil
        // As the dialog says (直接输入即替换): what is typed next replaces the path that failed.
        state.dialog = .exportFile(kind, path: TextEditor(path, limit: 400, replaceOnType: true))
        state.show(message, error: true)
        return []
    case .pageLoaded(let register, let rows):
        return pageLoaded(&state, register, rows)
    case .recordOpened(let editing, let accepted, let focus):
        return readOnlyRecordViewed(&state, editing) ?? recordOpened(&state, editing, accepted: accepted, focus: focus)
    case .historyLoaded(let lines):
        return historyLoaded(&state, lines)
    case .checksLoaded(let items, let corrected):
        return checksLoaded(&state, items, corrected: corrected)
    case .servicesCounted(let personId, let count):
        return servicesCounted(&state, personId: personId, count: count)
    case .registerChanged(let message):
        return registerChanged(&state, message)
    case .evidenceLoaded(let title, let register, let rows):
        return evidenceLoaded(&state, title: title, register, rows)
    case .overviewLoaded(let figures):
        return overviewLoaded(&state, figures)
    case .planDetailsLoaded(let details):
        return planDetailsLoaded(&state, details)
    case .lockLoaded(let code, let lock, let submission):
        state.locks[code] = lock
        state.submissions[code] = submission
        return []
    case .roleLoaded(let role):
        state.evaluationRole = role
        return []
    case .accessLoaded(let writable):
        state.writable = writable
        // A clerk of one community starts on it in the list of communities, not on the first one.
        if case .chooseCommunity(var list) = state.screen, list.selected == 0, let own = writable, own.count == 1,
           let index = state.communities.firstIndex(where: { own.contains($0.code) }) {
            list.move(index, count: state.communities.count, visibleRows: ChooseCommunityScreen.visibleRows(state))
            state.screen = .chooseCommunity(list)
        }
        return []
    case .evaluationUpdated(let evaluation, let request):
        return evaluationUpdated(&state, evaluation, after: request)
    case .cityReviewUpdated(let review, let request):
        return cityReviewUpdated(&state, review, after: request)
    case .districtPageLoaded(let q, let rows):
        return districtPageLoaded(&state, q, rows)
    case .districtFound(let query, let hits):
        return districtFound(&state, query: query, hits)
    case .statisticsLoaded(let statistics):
        return statisticsLoaded(&state, statistics)
    case .storeChanged(let communities):
        return storeChanged(&state, communities)
    case .connectionChanged(let lost):
        return connectionChanged(&state, lost: lost)
    case .effectLostConnection(let message, let writing, let outcomeUnknown):
        return effectLostConnection(&state, message, writing: writing, outcomeUnknown: outcomeUnknown)
    case .editConflict(let fields):
        state.show("未保存：此记录已被他人修改（\(fields.joined(separator: "、"))）。按 Esc 返回后重新打开，可看到对方的值。", error: true)
        return []
    }
}

extension AppState {
    /// Drops every cached ID look-up. Called after each change to a register (save, delete, restore, undo) and
    /// when a form opens: a person just saved must be found by the next form, and a duplicate typed after a save
    /// must be caught. The next look-up reads the store again (one index probe per number).
    mutating func forgetLookUps() {
        knownPersons = [:]
        knownSameDayServices = [:]
    }

    mutating func show(_ text: String, error: Bool = false) {
        message = text
        messageIsError = error
    }

    /// A new form of a kind, with its defaults (today, the operator, the community's period).
    func newForm(_ kind: FormKind) -> FormState {
        var defaults: [String: String] = [:]
        switch kind {
        case .survey:
            defaults = ["survey_date": today.description, "in_training_scope": "是", "trained": "否"]
        case .service:
            defaults = ["service_date": today.description, "staff": operatorName, "method": "窗口"]
        case .activity:
            defaults = ["date": today.description]
        case .profile:
            // The first-run profile: with the checklist (自评) page of the community rubric, as for an existing one.
            let year = Period.year(of: today)
            defaults = ["level": "社区", "period_start": year.start.description, "period_end": year.end.description]
            let spec = rubric(for: .community).map { FormSpecs.profile(withChecklistOf: $0) } ?? FormSpecs.profile
            return FormState(spec: spec, today: today, values: [:], defaults: defaults)
        }
        return FormState(spec: FormSpecs.spec(kind), today: today, values: [:], defaults: defaults)
    }

    /// The profile form filled with a community's values, followed by its rubric's checklist (自评) items.
    func profileForm(_ c: Community) -> FormState {
        var values = [
            "code": c.code, "name": c.name, "street": c.street, "district": c.district, "level": c.level.rawValue,
            "labour_force": String(c.labourForce), "period_start": c.period.start.description, "period_end": c.period.end.description,
        ]
        let rubric = rubric(for: c.level)
        values["leader"] = c.leader
        values["phone"] = c.phone
        let spec = rubric.map { FormSpecs.profile(withChecklistOf: $0) } ?? FormSpecs.profile
        for item in rubric?.items ?? [] where !item.allowedLevels.isEmpty {
            if let points = c.checklist[item.id], let level = item.allowedLevels.first(where: { $0.points == points }) {
                values[FormSpecs.checklistPrefix + item.id] = FormSpecs.checklistChoice(level)
            }
        }
        var form = FormState(spec: spec, today: today, values: values)
        form.openedProfile = c
        return form
    }
}

private func communitiesLoaded(_ state: inout AppState, _ communities: [Community]) -> [Effect] {
    state.communities = communities
    state.startProblem = nil
    // A reload after a save refreshes the list (and the chosen community's profile); it must not take the clerk
    // away from the community they work in, back to the list of communities.
    if let chosen = state.community, let fresh = communities.first(where: { $0.code == chosen.code }) {
        state.community = fresh
        return []
    }
    switch communities.count {
    case 0:
        state.screen = .form(state.newForm(.profile))
        state.show("欢迎使用创业台账。请先建立社区档案。")
        return []
    case 1:
        state.community = communities[0]
        state.screen = .home
        return [.loadFacts(community: communities[0].code), .loadAccess]
    default:
        state.screen = .chooseCommunity(ListState())
        return [.loadAccess]
    }
}

private func recordSaved(_ state: inout AppState, kind: FormKind, summary: String, findings: [Finding], keepForNext: Bool) -> [Effect] {
    // A warning the store found that the form could not see while typing (a service another clerk saved for the same
    // person and day after the form's look-up) is said at once: the record counts as a problem record until handled.
    var accepted: [String: String] = [:]
    if case .form(let form) = state.screen { accepted = form.acceptedWarnings }
    if let warning = findings.warnings.first(where: { accepted[$0.code] == nil }) {
        state.show("已保存：\(summary)。注意：\(warning.message)，可在数据检查（5）中处理", error: true)
    } else {
        state.show("已保存：\(summary)")
    }
    state.forgetLookUps()
    guard let community = state.community else { return [] }
    var effects: [Effect] = [.loadFacts(community: community.code)]
    if case .form(let form) = state.screen {
        effects += state.discardDraft(slot: form.draftSlot)
        if form.editing != nil {
            effects += state.returnFrom(form)
            return effects
        }
    }
    if keepForNext, case .form(var form) = state.screen {
        // Persistent fields: date, staff and method carry over to the next service record.
        let keep: Set<String> = kind == .service ? ["service_date", "staff", "method"] : kind == .activity ? ["date"] : ["survey_date"]
        let defaults = state.newForm(kind).values
        form.resetKeeping(keep, defaults: defaults)
        // Said where it differs from a new form's, so a method or staff kept from the last record is not saved again
        // unnoticed (`；下一条沿用 服务方式 电话`).
        let kept = form.spec.fields.filter { keep.contains($0.key) && !(form.values[$0.key] ?? "").isEmpty && form.values[$0.key] != defaults[$0.key] }
            .map { "\($0.label) \(form.values[$0.key] ?? "")" }
        if !kept.isEmpty, let message = state.message { state.show(message + "；下一条沿用 " + kept.joined(separator: "、"), error: state.messageIsError) }
        form.draftSlot = state.nextDraftSlot()
        state.revalidate(&form)
        state.screen = .form(form)
    } else if case .form(let form) = state.screen {
        // Back where the form was opened from (home, or the plan or score list of persons to serve).
        effects += state.returnFrom(form)
    } else {
        state.screen = .home
    }
    effects.append(.loadCommunities)
    return effects
}

private func revalidateOpenForm(_ state: inout AppState) {
    guard case .form(var form) = state.screen else { return }
    state.revalidate(&form)
    state.screen = .form(form)
}

private func pasted(_ state: inout AppState, _ text: String) -> [Effect] {
    if state.dialog != nil {
        pastedIntoDialog(&state, text)
        return []
    }
    switch state.screen {
    case .form(var form):
        form.paste(text)
        if form.editor.truncated {
            form.pasteCut = true
            state.show("粘贴的内容过长：本栏最多\(form.editor.limit)个字，超出的部分已舍去", error: true)
        }
        return formEdited(&state, &form)
    case .browser(let browser):
        guard var search = browser.search else { return [] }
        search.insert(text)
        let effects = browserSearchEdited(&state, browser, search)
        if search.truncated { state.show("粘贴的内容过长：搜索最多\(search.limit)个字，超出的部分已舍去", error: true) }
        return effects
    case .district(let district):
        guard var search = district.search else { return [] }
        search.insert(text)
        let effects = districtSearchEdited(&state, district, search)
        if search.truncated { state.show("粘贴的内容过长：搜索最多\(search.limit)个字，超出的部分已舍去", error: true) }
        return effects
    default:
        return []
    }
}

// MARK: - Keys

private func keyPressed(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .invalidInput {
        state.show("收到无法识别的字符（不是有效的UTF-8），已忽略。请检查输入法编码设置。", error: true)
        return []
    }
    if state.isTooSmall { return tooSmallKey(&state, key) }
    if let dialog = state.dialog {
        let effects = dialogKey(&state, dialog, key)
        // A character the dialog's line had no room for is said, not dropped unseen.
        if let line = state.dialog?.pasteTarget, line.truncated {
            state.show("最多\(line.limit)个字，多输入的字未录入", error: true)
        }
        return effects
    }
    state.message = nil
    switch key {
    case .function(1):
        openHelp(&state)
        return []
    case .function(4):
        state.scorePanelToggled.toggle()
        return []
    default:
        break
    }
    // A read-only record over the screen that opened it takes the keys until Esc (RecordViewing.swift).
    if let viewing = state.screen.recordView {
        state.screen = state.screen.showing(recordViewKey(viewing, key)) ?? state.screen
        return []
    }
    switch state.screen {
    case .loading: return LoadingScreen.quits(key) ? [.quit] : []
    case .chooseCommunity(let list): return chooseCommunityKey(&state, list, key)
    case .home: return homeKey(&state, key)
    case .form(let form): return formKey(&state, form, key)
    case .help(let help, let returnTo): return helpKey(&state, help, returnTo: returnTo, key)
    case .browser(let b): return browserKey(&state, b, key)
    case .history(let h): return historyKey(&state, h, key)
    case .checks(let c): return checksKey(&state, c, key)
    case .score(let s): return scoreKey(&state, s, key)
    case .plan(let p): return planKey(&state, p, key)
    case .overview(let o): return overviewKey(&state, o, key)
    case .evaluation(let e): return evaluationKey(&state, e, key)
    case .district(let d): return districtKey(&state, d, key)
    case .statistics(let s): return statisticsKey(&state, s, key)
    }
}

/// At a terminal too small to draw on, only Ctrl-C does something: it quits at once, unless a form holds unsaved
/// typing; then it asks in the few lines there are (as the quit dialog would), and y or Enter quits.
private func tooSmallKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.dialog == .quit {
        if [Key.character("y"), .character("Y"), .enter, .control("c")].contains(key) { return [.quit] }
        state.dialog = nil
        return []
    }
    guard key == .control("c") else { return [] }
    guard state.quitLeavesUnsaved else { return [.quit] }
    state.dialog = .quit
    return []
}

private func chooseCommunityKey(_ state: inout AppState, _ list: ListState, _ key: Key) -> [Effect] {
    var list = list
    switch key {
    case .up, .down:
        list.move(key == .up ? -1 : 1, count: state.communities.count, visibleRows: ChooseCommunityScreen.visibleRows(state))
    case .pageUp, .pageDown:
        let rows = ChooseCommunityScreen.visibleRows(state)
        list.move(key == .pageUp ? -rows : rows, count: state.communities.count, visibleRows: rows)
    case .enter:
        guard list.selected < state.communities.count else { return [] }
        let c = state.communities[list.selected]
        state.community = c
        state.screen = .home
        return [.loadFacts(community: c.code)]
    case .character("o"):
        state.screen = .overview(OverviewState())
        return [.loadOverview]
    case .character("q"), .escape:
        state.dialog = .quit
    default: break
    }
    state.screen = .chooseCommunity(list)
    return []
}

private func homeKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    // Said before a record is typed, not at F2 after it.
    if [Key.character("1"), .character("2"), .character("3"), .character("6")].contains(key), let refusal = state.changeRefusal("新增或修改") {
        state.show(refusal, error: true)
        return []
    }
    switch key {
    case .character("1"): return openNewForm(&state, .survey)
    case .character("2"): return openNewForm(&state, .service)
    case .character("3"): return openNewForm(&state, .activity)
    case .character("4"): return openBrowser(&state, .survey)
    case .character("5"): return openChecks(&state)
    case .character("s"): return openScore(&state)
    case .character("7"): return openPlan(&state)
    case .character("8"): return openEvaluation(&state)
    case .character("9"): return openStatistics(&state)
    case .character("e"): return openExport(&state, .score)
    case .character("o"):
        state.screen = .overview(OverviewState())
        return [.loadOverview]
    case .character("6"):
        if let c = state.community { state.screen = .form(state.profileForm(c)); revalidateOpenForm(&state) }
    case .character("c") where state.communities.count > 1:
        state.screen = .chooseCommunity(ListState())
    case .character("q"), .escape: state.dialog = .quit
    case .control("c"): return [.quit]
    default: break
    }
    return []
}

// MARK: - Forms

private func formKey(_ state: inout AppState, _ form: FormState, _ key: Key) -> [Effect] {
    var form = form
    let before = form.values
    var picksFromList = false
    if case .multiChoice = form.focusedField?.kind { picksFromList = key == .enter }
    if !picksFromList, [Key.tab, .enter, .backTab, .pageDown, .pageUp].contains(key), let choices = form.ambiguousChoices {
        // Leaving the field would commit a guess: stay, keep the list open, and say what the text could be.
        state.screen = .form(form)
        let label = form.focusedField?.label ?? ""
        state.show("\(label)“\(form.editor.text.trimmingSpaces())”不唯一，可能是：\(choices.joined(separator: "、"))。请用↑↓选择或多输入几个字",
                   error: true)
        return []
    }
    switch key {
    case .tab:
        form.focusNext()
        return formMoved(&state, &form, previousValues: before)
    case .enter:
        if form.pickMultiOption() { return formEdited(&state, &form) }
        form.focusNext()
        return formMoved(&state, &form, previousValues: before)
    case .backTab:
        form.focusPrevious()
        return formMoved(&state, &form, previousValues: before)
    case .pageDown:
        form.turnPage(1)
        return formMoved(&state, &form, previousValues: before)
    case .pageUp:
        form.turnPage(-1)
        return formMoved(&state, &form, previousValues: before)
    case .up, .down:
        return movePicker(&state, &form, key == .up ? -1 : 1, previousValues: before)
    case .function(2), .control("s"):
        return save(&state, &form, keepForNext: false)
    case .function(3):
        return save(&state, &form, keepForNext: true)
    case .escape:
        // The first-run profile is the only screen there is: Esc asks before quitting, as q does elsewhere.
        if state.community == nil || form.dirty {
            state.screen = .form(form)
            state.dialog = state.community == nil ? .quit : .leaveForm
            return []
        }
        return state.returnFrom(form)
    case .character(" ") where isYesNo(form):
        form.editor.setText(form.editor.text == "是" ? "否" : "是")
        form.defaulted.remove(form.focus)
        return formEdited(&state, &form)
    case .control("c"):
        state.screen = .form(form)
        state.dialog = .quit
        return []
    default:
        let textBefore = form.editor.text
        form.edit(key)
        let label = form.focusedField?.label ?? ""
        if form.editor.truncated {
            form.refusedTyping += 1
            state.show("\(label)最多\(form.editor.limit)个字，已满：多输入的\(form.refusedTyping)个字未录入", error: true)
        } else if form.editor.text != textBefore, form.editor.characters.count == form.editor.limit {
            state.show("\(label)已达最多\(form.editor.limit)个字，再输入的字不会录入")
        }
        if form.editor.text != textBefore {
            form.defaulted.remove(form.focus)
            return formEdited(&state, &form)
        }
        state.screen = .form(form)
        return []
    }
}

private func isYesNo(_ form: FormState) -> Bool {
    if case .yesNo = form.focusedField?.kind { return true }
    return false
}

private func movePicker(_ state: inout AppState, _ form: inout FormState, _ delta: Int, previousValues: [String: String]) -> [Effect] {
    let count: Int
    if case .personSearch = form.focusedField?.kind { count = form.searchResults.count } else { count = form.options.count }
    if count > 1 || (count == 1 && form.searchResults.count == 1) {
        if case .personSearch = form.focusedField?.kind {
            // The first ↓ takes the highlighted person (as ↓ takes an option of a list); further ones move on.
            if form.searchChosen || delta < 0 { form.picker.move(delta, count: count, visibleRows: 5) }
            form.searchChosen = true
        } else {
            form.movePicker(delta)
            form.dirty = true
        }
        state.revalidate(&form)
        state.screen = .form(form)
        return []
    }
    // No list to move in: arrows move between fields.
    if delta < 0 { form.focusPrevious() } else { form.focusNext() }
    return formMoved(&state, &form, previousValues: previousValues)
}

/// After focus moved: the field left was committed, so values may have changed; its message is shown.
private func formMoved(_ state: inout AppState, _ form: inout FormState, previousValues: [String: String]) -> [Effect] {
    state.revalidate(&form)
    var effects = lookUps(state, form)
    if form.values != previousValues {
        form.dirty = true
        effects += state.autosave(form)
    }
    // A number not looked up yet would read as "not registered": its message waits for the look-up's answer.
    let awaitsLookUp = effects.contains { if case .lookUpIdNumber = $0 { true } else { false } }
    if !awaitsLookUp { showLeftFieldProblem(&state, form) }
    state.screen = .form(form)
    return effects
}

/// Shows the first problem of the field just left, if any, in the status line.
private func showLeftFieldProblem(_ state: inout AppState, _ form: FormState) {
    if let left = form.lastLeft, form.lastLeftPasteCut, let field = form.spec.field(left) {
        state.show("粘贴的内容过长：\(field.label)最多\(field.maxLength)个字，超出的部分已舍去，请核对", error: true)
        return
    }
    // Characters refused at the field's length come first: a problem found in what was kept (a number too large)
    // quotes the shortened value, which the clerk did not type.
    if let left = form.lastLeft, form.lastLeftRefused > 0, let field = form.spec.field(left) {
        let problem = form.visibleFindings(for: left).first { $0.severity != .notice }
        state.show("\(field.label)最多\(field.maxLength)个字：多输入的\(form.lastLeftRefused)个字未录入" + (problem.map { "；" + $0.message } ?? "，请核对"),
                   error: true)
        return
    }
    guard let left = form.lastLeft, let finding = form.visibleFindings(for: left).first(where: { $0.severity != .notice }) else { return }
    let label = form.spec.field(left)?.label ?? left
    state.show("\(label)：\(finding.message)", error: finding.severity == .error)
}

/// After the text of the focused field changed.
private func formEdited(_ state: inout AppState, _ form: inout FormState) -> [Effect] {
    form.dirty = true
    form.picker = ListState()
    form.pickerFilter = nil
    state.revalidate(&form)
    var effects = lookUps(state, form)
    if case .personSearch = form.focusedField?.kind, let community = state.community {
        let query = form.editor.text.trimmingSpaces()
        if query.isEmpty { form.searchResults = [] } else { effects.append(.searchPersons(community: community.code, query: form.editor.text)) }
    }
    effects += state.autosave(form)
    state.screen = .form(form)
    return effects
}

private func save(_ state: inout AppState, _ form: inout FormState, keepForNext: Bool) -> [Effect] {
    form.commitEditor()
    form.showAllProblems = true
    state.revalidate(&form)
    if let firstError = form.findings.first(where: { $0.severity == .error }) {
        if form.spec.field(firstError.field) != nil { form.focus(on: firstError.field) }
        state.screen = .form(form)
        let label = form.spec.field(firstError.field)?.label ?? form.spec.kind.register.map { $0.header(of: firstError.field) } ?? firstError.field
        // The others are marked in the form (showAllProblems); the message says how many there are to find.
        let errors = form.findings.filter { $0.severity == .error }.count
        let count = errors > 1 ? "有\(errors)处错误，不能保存（已在表中标出）。" : "有错误，不能保存。"
        state.show("\(count)\(label)：\(firstError.message)", error: true)
        return []
    }
    // Clearing fields is asked before warnings: it decides what the record will be.
    let cleared = form.fieldsClearedOnSave
    if !cleared.isEmpty && !form.dropsConfirmed {
        state.screen = .form(form)
        state.dialog = .confirmClearedFields(cleared.map(\.label), keepForNext: keepForNext)
        return []
    }
    if let warning = form.findings.first(where: { $0.severity == .warning && form.acceptedWarnings[$0.code] == nil }) {
        state.screen = .form(form)
        state.dialog = .acceptWarning(warning, reason: TextEditor(limit: WrittenReason.longest), keepForNext: keepForNext)
        return []
    }
    state.screen = .form(form)
    if form.spec.kind == .profile { return saveProfile(&state, form) }
    guard let community = state.community else { return [] }
    return [.saveRecord(kind: form.spec.kind, community: community.code, fields: form.applicableValues,
                        acceptedWarnings: form.acceptedWarnings, keepForNext: keepForNext && form.editing == nil, editing: form.editing)]
}

private func saveProfile(_ state: inout AppState, _ form: FormState) -> [Effect] {
    switch state.profileDraft(form) {
    case .success(let community):
        // The code names the community's records: a changed code would save a second, empty community beside it
        // (the profile form is the open community's; a new community is added with `chuangye init`).
        if let current = state.community, community.code != current.code {
            state.show("社区代码不能在档案中修改：请改回\(current.code)后保存。新增社区请用 chuangye init", error: true)
            return []
        }
        return [.saveCommunity(community, openedAs: form.openedProfile, reasons: form.acceptedWarnings)]
    case .failure(let problem):
        state.show(problem.message, error: true)
        return []
    }
}

// MARK: - Dialogs

private func dialogKey(_ state: inout AppState, _ dialog: Dialog, _ key: Key) -> [Effect] {
    switch dialog {
    case .quit:
        switch key {
        case .character("y"), .character("Y"), .enter, .character("q"): return [.quit]
        case .escape, .character("n"), .character("N"): state.dialog = nil
        default:
            // Any other key cancels and then does what it does: a clerk who pressed Esc by mistake and then `5`
            // gets 数据检查, not a swallowed key.
            state.dialog = nil
            return keyPressed(&state, key)
        }
        return []
    case .confirmClearedFields(_, let keepForNext):
        state.dialog = nil
        guard [Key.enter, .character("y"), .character("Y")].contains(key), case .form(var form) = state.screen else {
            state.show("未保存：可改回原来的选择，或再按 F2 确认清除", error: true)
            return []
        }
        form.dropsConfirmed = true
        return save(&state, &form, keepForNext: keepForNext)
    case .leaveForm:
        switch key {
        case .character("y"), .character("Y"), .enter:
            state.dialog = nil
            guard case .form(let form) = state.screen, state.community != nil else { return [] }
            // A correction is not drafted: leaving it gives up the changes, and the message says so.
            state.show(form.draftSlot == nil ? "已离开，未保存的修改已放弃" : "已离开表单，草稿已保留，下次启动时可恢复")
            return state.returnFrom(form)
        case .character("d"), .character("D"):
            state.dialog = nil
            state.show("已放弃草稿")
            guard case .form(let form) = state.screen else { return [] }
            let discarded = state.discardDraft(slot: form.draftSlot)
            return state.community == nil ? discarded + [.quit] : discarded + state.returnFrom(form)
        default:
            state.dialog = nil
        }
        return []
    case .deleteRecord(let row, let reason, let services):
        return deleteDialogKey(&state, row, reason, services: services, key)
    case .exportFile(let kind, let path):
        return exportDialogKey(&state, kind, path, key)
    case .confirmOverwrite(let kind, let path):
        return overwriteDialogKey(&state, kind, path, key)
    case .dateRange(let editor):
        return dateRangeDialogKey(&state, editor, key)
    case .acceptWarningGroup(let code, let records, let reason):
        return acceptGroupDialogKey(&state, code: code, records: records, reason, key)
    case .recoverDraft(let draft):
        return recoverDraftKey(&state, draft, key)
    case .evaluationInput(let prompt, let editor):
        return evaluationDialogKey(&state, prompt, editor, key)
    case .keptDrafts(let list, let discarding):
        return discarding ? discardKeptDraftKey(&state, list, key) : keptDraftsKey(&state, list, key)
    case .acceptWarning(let finding, let reason, let keepForNext):
        switch LineInput(reason, key) {
        case .cancelled:
            state.dialog = nil
            state.show("未保存：请修改或说明警告的理由")
            return []
        case .edited(let reason):
            state.dialog = .acceptWarning(finding, reason: reason, keepForNext: keepForNext)
            return []
        case .submitted(let text):
            guard !text.isEmpty, case .form(var form) = state.screen else {
                state.show("请填写接受此警告的理由", error: true)
                return []
            }
            form.acceptedWarnings[finding.code] = text
            state.dialog = nil
            return save(&state, &form, keepForNext: keepForNext)
        }
    }
}
