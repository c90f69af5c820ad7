import LedgerCore
import TerminalUI

/// The evaluation screen's part of `reduce`: opening it, its keys, its dialogs and the store's answers.
func evaluationUpdated(_ state: inout AppState, _ evaluation: Evaluation?, after request: EvaluationRequest?) -> [Effect] {
    // Signing or unlocking on this screen changes what the home screen and the forms must say.
    if let code = evaluation?.communityCode ?? state.community?.code { state.locks[code] = evaluation?.signature }
    guard case .evaluation(var e) = state.screen else { return [] }
    e.evaluation = evaluation
    e.loaded = true
    // The selections stay where they were, within the lists as they are now.
    let rows = EvaluationScreen.listRows(state, e)
    e.items.move(0, count: evaluation?.items.count ?? 0, visibleRows: rows.items)
    e.checks.move(0, count: evaluation?.sample?.checks.count ?? 0, visibleRows: rows.checks)
    state.screen = .evaluation(e)
    if let request, let evaluation, let text = EvaluationMessages.done(request, evaluation) { state.show(text) }
    return []
}

func openEvaluation(_ state: inout AppState) -> [Effect] {
    guard let c = state.community else { return [] }
    state.screen = .evaluation(EvaluationState())
    return [.evaluation(community: c.code, .load)]
}

func evaluationKey(_ state: inout AppState, _ e: EvaluationState, _ key: Key) -> [Effect] {
    guard let c = state.community else { return [] }
    var e = e
    let rows = EvaluationScreen.listRows(state, e)
    // The 初评 keys are a supervisor's (every community writable: a supervisor, or no operators registered yet, as
    // the store decides): a clerk is told before typing a score or a reason the store would refuse.
    let supervisorKeys: Set<Key> = [.character("a"), .character("d"), .character("1"), .character("2"), .character("3"),
                                    .character("S"), .character("U")]
    if supervisorKeys.contains(key), state.writable != nil {
        state.show("只有督导可以初评改分、抽样、记录核实结果、签署和解锁；窗口人员可按 t 提交自评", error: true)
        return []
    }
    switch key {
    case .escape, .character("q"):
        state.screen = .home
        return [.loadFacts(community: c.code)]
    case .tab, .backTab:
        guard e.evaluation?.sample != nil else { break }
        e.focus = e.focus == .items ? .sample : .items
    case .up, .down, .pageUp, .pageDown:
        let step = key == .up ? -1 : key == .down ? 1 : key == .pageUp ? -rows.items : rows.items
        if e.focus == .items {
            e.items.move(step, count: e.evaluation?.items.count ?? 0, visibleRows: rows.items)
        } else {
            e.checks.move(step, count: e.evaluation?.sample?.checks.count ?? 0, visibleRows: rows.checks)
        }
    case .character("t"):
        guard let rubric = state.rubric else { return [] }
        let card = ScoreEngine.evaluate(rubric, facts: state.facts, checklist: c.checklist)
        return [.evaluation(community: c.code, .submit(card))]
    case .character("a"):
        guard let item = e.selectedItem else { return needsSubmission(&state) }
        e.focus = .items
        state.dialog = .evaluationInput(.points(item), TextEditor(limit: 6))
    case .character("d"):
        guard e.evaluation != nil else { return needsSubmission(&state) }
        state.dialog = .evaluationInput(.drawSize, TextEditor(limit: 4))
    case .character("1"), .character("2"), .character("3"):
        guard e.focus == .sample, let check = e.selectedCheck else {
            state.show("请先按 Tab 移到抽样名单，选择一人后按 1 属实、2 不属实、3 联系不上", error: true)
            return []
        }
        let result: SpotCheckResult = key == .character("1") ? .confirmed : key == .character("2") ? .untrue : .unreachable
        if result == .confirmed { return [.evaluation(community: c.code, .check(position: check.position, result: .confirmed, note: ""))] }
        state.dialog = .evaluationInput(.note(check, result), TextEditor(limit: 200))
    case .character("S"):
        guard e.evaluation != nil else { return needsSubmission(&state) }
        state.dialog = .evaluationInput(.confirmSign, TextEditor(limit: 1))
    case .character("U"):
        state.dialog = .evaluationInput(.unlockReason, TextEditor(limit: 200))
    case .control("c"): return [.quit]
    default: break
    }
    state.screen = .evaluation(e)
    return []
}

private func needsSubmission(_ state: inout AppState) -> [Effect] {
    state.show("本考核期尚未提交自评：按 t 提交", error: true)
    return []
}

func evaluationDialogKey(_ state: inout AppState, _ prompt: EvaluationPrompt, _ editor: TextEditor, _ key: Key) -> [Effect] {
    guard let c = state.community else { return [] }
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
        case .points(let item):
            guard let points = Points(text: text), points <= item.max else {
                state.show("请输入0到\(item.max)之间的分数（如 1 或 1.5）", error: true)
                return []
            }
            state.dialog = .evaluationInput(.reason(item, points), TextEditor(limit: 200))
            return []
        case .reason(let item, let points):
            guard !text.isEmpty else { return refuse(&state, "初评改分必须填写理由") }
            request = .adjust(item: item.id, points: points, reason: text)
        case .drawSize:
            guard let size = Int(text), size > 0 else { return refuse(&state, "请输入要抽取的人数（正整数）") }
            request = .draw(size: size)
        case .note(let check, let result):
            if result == .untrue && text.isEmpty { return refuse(&state, "不属实必须填写说明：社区将看到这条说明并据此更正") }
            request = .check(position: check.position, result: result, note: text)
        case .unlockReason:
            guard !text.isEmpty else { return refuse(&state, "解锁必须填写理由") }
            request = .unlock(reason: text)
        case .confirmSign:
            request = .sign
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
        case .load: nil
        case .submit: "已提交自评：自评总分 \(e.selfTotal)/\(e.maxTotal)，台账校验码 \(e.checksum)"
        case .adjust(let item, let points, _):
            "已记录初评：\(e.items.first { $0.id == item }?.title ?? item) \(points)分；初评总分 \(e.evaluatedTotal)/\(e.maxTotal)"
        case .draw: "已抽样：种子 \(e.sample?.seed ?? 0)，抽\(e.sample?.checks.count ?? 0)人"
        case .check(let position, let result, _): "已记录第\(position)号：\(result.rawValue)"
        case .sign: "已签署初评，台账已锁定"
        case .unlock: "已解锁，台账可以修改"
        }
    }
}
