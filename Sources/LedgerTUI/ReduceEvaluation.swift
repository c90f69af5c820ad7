import LedgerCore
import TerminalUI

/// The evaluation screen's part of `reduce`: opening it, its keys, its dialogs and the store's answers.
func evaluationUpdated(_ state: inout AppState, _ evaluation: Evaluation?, after request: EvaluationRequest?) -> [Effect] {
    // Signing or unlocking on this screen changes what the home screen and the forms must say.
    if let code = evaluation?.communityCode ?? state.community?.code { state.locks[code] = evaluation?.signature }
    if let code = evaluation?.communityCode ?? state.community?.code { state.submissions[code] = evaluation }
    guard case .evaluation(var e) = state.screen else { return [] }
    e.evaluation = evaluation
    e.loaded = true
    // A recommendation or unlock changes the city's view too: read again when it opens, or now when it is open.
    if e.stage == .district { e.city = nil }
    settle(&state, &e)
    if let request, let evaluation, let text = EvaluationMessages.done(request, evaluation) { state.show(text) }
    if e.stage == .city, let code = evaluation?.communityCode ?? state.community?.code {
        return [.evaluation(community: code, .loadCity)]
    }
    return signIfAsked(&state)
}

/// The city's review as the store holds it now (nil: the 初评 was not recommended).
func cityReviewUpdated(_ state: inout AppState, _ review: CityReview?, after request: EvaluationRequest?) -> [Effect] {
    if let review { state.locks[review.district.communityCode] = review.district.signature }
    guard case .evaluation(var e) = state.screen else { return [] }
    e.city = review
    if let review { e.evaluation = review.district }
    e.loaded = true
    settle(&state, &e)
    if let request, let review, let text = EvaluationMessages.done(request, review) { state.show(text) }
    return signIfAsked(&state)
}

/// The selections stay where they were, within the lists as they are now.
private func settle(_ state: inout AppState, _ e: inout EvaluationState) {
    let rows = EvaluationScreen.listRows(state, e)
    e.items.move(0, count: e.evaluation?.items.count ?? 0, visibleRows: rows.items)
    e.checks.move(0, count: e.shownSample?.checks.count ?? 0, visibleRows: rows.checks)
    if e.shownSample == nil { e.focus = .items }
    state.screen = .evaluation(e)
}

func openEvaluation(_ state: inout AppState) -> [Effect] {
    guard let c = state.community else { return [] }
    state.screen = .evaluation(EvaluationState())
    // The operator's role, for the keys the screen offers: read once, when the screen first opens (not at start,
    // where it would delay the effects the home screen's keys wait for).
    return [.evaluation(community: c.code, .load)] + (state.evaluationRole == nil ? [.loadRole] : [])
}

func evaluationKey(_ state: inout AppState, _ e: EvaluationState, _ key: Key) -> [Effect] {
    guard let c = state.community else { return [] }
    var e = e
    let rows = EvaluationScreen.listRows(state, e)
    // The 初评 keys are a supervisor's (every community writable: a supervisor, or no operators registered yet, as
    // the store decides): a clerk is told before typing a score or a reason the store would refuse. The city's
    // keys are the city supervisor's, whom the store knows (a city supervisor keeps no registers).
    let supervisorKeys: Set<Key> = [.character("a"), .character("d"), .character("1"), .character("2"), .character("3"),
                                    .character("S"), .character("U"), .character("R")]
    if e.stage == .district, supervisorKeys.contains(key), state.writable != nil {
        // The clerk's own key is named only while it still works (no draw, no score changed, not signed).
        let submits = e.evaluation.map { !$0.reviewBegun } ?? true
        state.show("只有区县督导可以初评改分、抽样、记录核实结果、签署、推荐和解锁" + (submits ? "；窗口人员可按 t 提交自评" : ""), error: true)
        return []
    }
    switch key {
    case .escape, .character("q"):
        state.screen = .home
        return [.loadFacts(community: c.code)]
    case .character("c"):
        // Between the district's 初评 and the city's 市级考评 of the same submission.
        e.stage = e.stage == .district ? .city : .district
        e.focus = .items
        e.checks = ListState()
        state.screen = .evaluation(e)
        return [.evaluation(community: c.code, e.stage == .city ? .loadCity : .load)]
    case .tab, .backTab:
        guard e.shownSample != nil else { break }
        e.focus = e.focus == .items ? .sample : .items
    case .up, .down, .pageUp, .pageDown, .home, .end:
        if e.focus == .items {
            _ = e.items.scroll(key, count: e.evaluation?.items.count ?? 0, visibleRows: rows.items)
        } else {
            _ = e.checks.scroll(key, count: e.shownSample?.checks.count ?? 0, visibleRows: rows.checks)
        }
    case .character("t"):
        // Asked first, as signing is: a submission freezes the score card. A clerk is told at once when the store
        // would refuse: once a supervisor has drawn or adjusted, only a supervisor submits again.
        guard let rubric = state.rubric else { return [] }
        // Signed, the community is locked: said at once, not after the confirmation.
        if let signed = e.evaluation?.signature {
            return refuse(&state, "初评已由\(signed.by)于\(TimeText.shown(signed.at))签署，台账已锁定，不能重新提交自评；如需修改，请督导先解锁（U）")
        }
        if state.writable != nil, let begun = e.evaluation, begun.sample != nil || !begun.adjustments.isEmpty {
            return refuse(&state, "初评已经开始（已抽样或已改分），只有督导可以重新提交自评")
        }
        let card = ScoreEngine.evaluate(rubric, facts: state.facts, checklist: c.checklist)
        // A supervisor starting over sets the begun 初评 aside (its draw and findings): named, as the command line
        // names it before --confirm.
        let begun = e.evaluation.flatMap { $0.reviewBegun ? ReplacedSubmission($0) : nil }
        state.dialog = .evaluationInput(.confirmSubmit(total: card.total, max: card.max, replacing: e.evaluation?.selfTotal, setsAside: begun),
                                        TextEditor(limit: begun == nil ? 1 : WrittenReason.longest))
    case .character("a"):
        guard let item = e.selectedItem else { return needsSubmission(&state) }
        if let refusal = signedRefusal(e) { return refuse(&state, refusal) }
        if let refusal = notCandidate(e) { return refuse(&state, refusal) }
        e.focus = .items
        let now = e.stagePoints(item)
        let base = e.stage == .district ? item.points : e.evaluation?.evaluatedPoints(item)
        state.dialog = .evaluationInput(.points(item, e.stage, now: now == base ? nil : now), TextEditor(limit: 6))
    case .character("d"):
        guard e.evaluation != nil else { return needsSubmission(&state) }
        if let refusal = signedRefusal(e) { return refuse(&state, refusal) }
        if let refusal = notCandidate(e) { return refuse(&state, refusal) }
        // Said at once, not after both sizes were typed: a stage draws once.
        if let sample = e.shownSample {
            return refuse(&state, "本次\(e.stage.title)已于\(TimeText.shown(sample.drawnAt))由\(sample.drawnBy)抽样，不能重抽：同一份\(e.stage.title)只抽一次，抽中的名单可向社区出示")
        }
        state.dialog = .evaluationInput(.drawSize(e.stage), TextEditor(limit: 4))
    case .character("1"), .character("2"), .character("3"):
        if let refusal = signedRefusal(e) { return refuse(&state, refusal) }
        guard e.focus == .sample, let check = e.selectedCheck else {
            state.show("请先按 Tab 移到抽样名单，选择一条后按 1 属实、2 不属实、3 联系不上", error: true)
            return []
        }
        let result: SpotCheckResult = key == .character("1") ? .confirmed : key == .character("2") ? .untrue : .unreachable
        // A result already recorded is replaced only through the dialog, which shows it: one key slipped on the list
        // must not erase a 不属实 finding and the note the community was told.
        if result == .confirmed, check.result == nil || check.result == .confirmed {
            return [.evaluation(community: c.code, .check(position: check.position, result: .confirmed, note: "", stage: e.stage))]
        }
        state.dialog = .evaluationInput(.note(check, result, e.stage), TextEditor(limit: WrittenReason.longest))
    case .enter:
        // The sampled record itself: a clerk corrects a 不属实 one here, a supervisor reads what was checked.
        guard e.focus == .sample, let check = e.selectedCheck else { break }
        if check.concealed { return refuse(&state, "抽中的这条记录签署后公开") }
        if check.recordDeleted { return refuse(&state, "抽中的这条记录已被删除，不能在此打开；可在浏览台账中按 x 查看已删除的记录") }
        state.screen = .evaluation(e)
        return [.openRecord(check.sampledRecord.register, id: check.sampledRecord.id, focus: nil)]
    case .character("f"):
        // The service checked with the person (同时抽查): a 不属实 finding may be about it, not the person, and it
        // had been reachable only by searching the service register.
        guard e.focus == .sample, let check = e.selectedCheck else {
            return refuse(&state, "请先按 Tab 移到抽样名单，选择一条后按 f 打开同时抽查的服务")
        }
        if check.concealed { return refuse(&state, "抽中的这条记录签署后公开") }
        guard let service = check.service, !check.forService else {
            return refuse(&state, "第\(check.position)号没有同时抽查的服务：按 Enter 打开抽中的记录")
        }
        state.screen = .evaluation(e)
        return [.openRecord(.service, id: service.id, focus: nil)]
    case .character("S"):
        return askSign(&state, e, readFirst: true)
    case .character("R"):
        guard let ev = e.evaluation else { return needsSubmission(&state) }
        // Said at once, as the store would refuse after the question: only a signed 初评 is recommended, once.
        if ev.signature == nil { return refuse(&state, "初评尚未签署，不能推荐参加市级考评：请先签署（S）") }
        if let done = ev.recommendation {
            return refuse(&state, "已由\(done.by)于\(TimeText.shown(done.at))推荐参加市级考评")
        }
        // The entry conditions of 评选 it does not meet, by the candidates' rule (`plan --candidates`).
        let unmet = state.rubrics.first { $0.id == ev.rubricId }.map {
            Candidates.unmet(c, facts: state.facts, rubric: $0, today: state.today).map(\.shortText)
        } ?? []
        state.dialog = .evaluationInput(.confirmRecommend(unmet: unmet), TextEditor(limit: 1))
    case .character("U"):
        // Nothing signed, nothing locked: said at once, not after a reason is typed.
        if e.stage == .district, e.evaluation?.signature == nil, state.lock == nil {
            return refuse(&state, "初评未签署，台账没有锁定，无需解锁")
        }
        state.dialog = .evaluationInput(.unlockReason, TextEditor(limit: WrittenReason.longest))
    case .control("c"): return [.quit]
    default: break
    }
    state.screen = .evaluation(e)
    return []
}

/// A signed stage takes no more scores, draws, checks or signatures: said at once, before any dialog is typed
/// (the store would refuse it only after).
private func signedRefusal(_ e: EvaluationState) -> String? {
    e.shownSignature.map { "\(e.stage.title)已由\($0.by)于\(TimeText.shown($0.at))签署，不能再改动；如需修改，请先解锁（U）" }
}

/// `S`: the confirmation, or why the stage cannot be signed yet. What the screen shows may be older than the store
/// (checks recorded from the command line or another app): before refusing, it is read again once (`readFirst`)
/// and the answer asks again.
private func askSign(_ state: inout AppState, _ e: EvaluationState, readFirst: Bool) -> [Effect] {
    guard let c = state.community else { return [] }
    var e = e
    guard let submitted = e.evaluation else { return needsSubmission(&state) }
    if let refusal = signedRefusal(e) { return refuse(&state, refusal) }
    if let refusal = notCandidate(e) { return refuse(&state, refusal) }
    // The store's rule, said before the confirmation: the sample drawn and every sampled record checked.
    if let refusal = Evaluation.signOffRefusal(e.shownSample, e.stage) {
        guard readFirst else { return refuse(&state, refusal) }
        e.signAfterReading = true
        state.screen = .evaluation(e)
        return [.evaluation(community: c.code, e.stage == .city ? .loadCity : .load)]
    }
    // Signing reviews the frozen submission: registers changed since, and 不属实 findings not corrected, are said
    // before the confirmation.
    let outdated = e.stage == .district ? state.scoreCards.map { submitted.outdatedItems(now: $0.saved) } ?? [] : []
    state.dialog = .evaluationInput(.confirmSign(e.stage, changedSince: submitted.changesSinceSubmission,
                                                 uncorrected: e.shownSample?.uncorrectedChecks ?? [],
                                                 rechecks: e.shownSample?.changedAfterCheck ?? [], outdated: outdated), TextEditor(limit: 1))
    state.screen = .evaluation(e)
    return []
}

/// After a read: a pending `S` asks again, now refusing if the stage is still not ready.
private func signIfAsked(_ state: inout AppState) -> [Effect] {
    guard case .evaluation(var e) = state.screen, e.signAfterReading else { return [] }
    e.signAfterReading = false
    state.screen = .evaluation(e)
    return askSign(&state, e, readFirst: false)
}

private func needsSubmission(_ state: inout AppState) -> [Effect] {
    state.show("本考核期尚未提交自评：按 t 提交", error: true)
    return []
}

/// In the city's view, a community the district has not recommended has no 市级考评 to work on.
private func notCandidate(_ e: EvaluationState) -> String? {
    guard e.stage == .city, e.city == nil else { return nil }
    return "本社区的初评未经区县推荐，不能做市级考评：区县督导签署初评后按 R 推荐"
}

func evaluationDialogKey(_ state: inout AppState, _ prompt: EvaluationPrompt, _ editor: TextEditor, _ key: Key) -> [Effect] {
    guard let c = state.community else { return [] }
    // A confirmation takes y as well as Enter.
    let key = prompt.isConfirmation && (key == .character("y") || key == .character("Y")) ? Key.enter : key
    switch LineInput(editor, key) {
    case .cancelled:
        state.dialog = nil
        return []
    case .edited(let edited):
        state.dialog = .evaluationInput(prompt, edited)
        return []
    case .submitted(let text):
        let request: EvaluationRequest
        switch prompt {
        case .points(let item, let stage, _):
            guard let points = Points(text: text) else { return refuse(&state, "请输入分数（如 1 或 1.5）") }
            // The item's own scoring (all or nothing, or steps): the sentence the store would refuse with.
            if let refusal = item.refusal(points) { return refuse(&state, refusal) }
            // The score it already has: said before a reason is typed for nothing (the store refuses it too).
            if case .evaluation(let e) = state.screen, let now = e.stagePoints(item),
               let refusal = item.unchangedRefusal(points, now: now, stage: stage) { return refuse(&state, refusal) }
            // The next question: a refusal of an earlier answer no longer applies (it had stayed on screen).
            state.message = nil
            state.dialog = .evaluationInput(.reason(item, points, stage), TextEditor(limit: WrittenReason.longest))
            return []
        case .reason(let item, let points, let stage):
            guard !text.isEmpty else { return refuse(&state, "\(stage.title)改分必须填写理由") }
            request = .adjust(item: item.id, points: points, reason: text, stage: stage)
        case .drawSize(let stage):
            guard let size = Int(text), size >= 0 else { return refuse(&state, "请输入要抽取的人数（0或正整数）") }
            // Said at the first step, not after the services are asked too.
            if let refusal = SpotCheckSample.sizeRefusal(size, services: false) { return refuse(&state, refusal) }
            state.message = nil
            state.dialog = .evaluationInput(.drawServices(size, stage), TextEditor("0", limit: 4, replaceOnType: true))
            return []
        case .drawServices(let size, let stage):
            guard let services = Int(text), services >= 0 else { return refuse(&state, "请输入另外单独抽取的服务数（0或正整数）") }
            if let refusal = SpotCheckSample.sizeRefusal(services, services: true) { return refuse(&state, refusal) }
            guard size + services > 0 else { return refuse(&state, "抽取人数和服务数不能都是0") }
            request = .draw(size: size, services: services, stage: stage)
        case .note(let check, let result, let stage):
            if result == .untrue && text.isEmpty { return refuse(&state, "不属实必须填写说明：社区将看到这条说明并据此更正") }
            request = .check(position: check.position, result: result, note: text, stage: stage)
        case .unlockReason:
            guard !text.isEmpty else { return refuse(&state, "解锁必须填写理由") }
            request = .unlock(reason: text)
        case .confirmSign(let stage, _, _, _, _):
            request = stage == .district ? .sign : .signCity
        case .confirmRecommend:
            request = .recommend
        case .confirmSubmit(_, _, _, let setsAside):
            guard let rubric = state.rubric else { return [] }
            // Setting a begun 初评 aside is said why, as the store requires.
            if setsAside != nil && text.isEmpty { return refuse(&state, "重新提交须填写理由：原初评、抽样和核实结果将被替代") }
            request = .submit(ScoreEngine.evaluate(rubric, facts: state.facts, checklist: c.checklist), reason: setsAside == nil ? nil : text)
        }
        state.dialog = nil
        return [.evaluation(community: c.code, request)]
    }
}

/// Keeps the dialog open and says what is missing.
private func refuse(_ state: inout AppState, _ message: String) -> [Effect] {
    state.show(message, error: true)
    return []
}

/// What the status line says after a request succeeded.
enum EvaluationMessages {
    static func done(_ request: EvaluationRequest, _ e: Evaluation) -> String? {
        switch request {
        case .load, .loadCity: nil
        case .submit: "已提交自评：自评总分 \(e.selfTotal)/\(e.maxTotal)，台账校验码 \(e.checksum)"
        case .adjust(let item, let points, _, _):
            "已记录初评：\(e.items.first { $0.id == item }?.title ?? item) \(points)分；初评总分 \(e.evaluatedTotal)/\(e.maxTotal)"
        case .draw: "已抽样：种子 \(e.sample?.seed ?? 0)，\(e.sample?.sizeText ?? "")"
        case .check(let position, let result, _, _): "已记录第\(position)号：\(result.rawValue)"
        case .sign, .signCity: "已签署初评，台账已锁定"
        case .recommend: "已推荐参加市级考评：初评总分 \(e.evaluatedTotal)/\(e.maxTotal)"
        case .unlock: "已解锁，台账可以修改"
        }
    }

    /// The city's steps, said of its review.
    static func done(_ request: EvaluationRequest, _ review: CityReview) -> String? {
        switch request {
        case .adjust(let item, let points, _, _):
            "已记录市级考评：\(review.district.items.first { $0.id == item }?.title ?? item) \(points)分；市级总分 \(review.cityTotal)/\(review.district.maxTotal)"
        case .draw: "已市级抽样：种子 \(review.city?.sample?.seed ?? 0)，\(review.city?.sample?.sizeText ?? "")"
        case .check(let position, let result, _, _): "已记录市级抽查第\(position)号：\(result.rawValue)"
        case .signCity: "已签署市级考评，台账保持锁定"
        case .load, .loadCity, .submit, .sign, .recommend, .unlock: nil
        }
    }
}

extension SpotCheck {
    /// The record Enter opens for this place of the sample: the service drawn on its own, else the person.
    var sampledRecord: (register: Register, id: Int64) {
        if forService, let service { return (.service, service.id) }
        return (.survey, personId)
    }
}
