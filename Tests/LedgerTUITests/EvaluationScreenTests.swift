import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// The evaluation screen (`8`): its effects, dialogs and whole screens at 80×24.
struct EvaluationScreenTests {
    /// A submitted self-assessment of the test community with one 初评 difference and a sample of three persons,
    /// one found 不属实 (and corrected once since), one unreachable, one not yet checked.
    static func evaluation(signed: Bool = false, changes: Int = 0, allChecked: Bool = false, checks given: [SpotCheck]? = nil) -> Evaluation {
        var facts = ScoreFacts()
        facts[.labourForce] = 40
        facts[.registered] = 3
        let card = ScoreEngine.evaluate(rubrics().first { $0.id == "xining-community" }!, facts: facts, checklist: testCommunity.checklist)
        let items = card.items.map {
            AssessedItem(id: $0.id, title: $0.title, group: $0.group, source: $0.source, max: $0.max, points: $0.points,
                         measured: $0.measured, threshold: $0.threshold, explanation: $0.explanation, allowed: $0.reachable)
        }
        let checks = [
            SpotCheck(position: 1, personId: 11, name: "王梅", idNumber: "630102197506150047", stratum: "有创业意愿", result: .untrue,
                      note: "本人称未参加培训", checkedBy: "督导员", checkedAt: "2024-12-31T10:00:00", changesSinceCheck: 1),
            SpotCheck(position: 2, personId: 12, name: "张三", idNumber: "630102199003070116", stratum: "有创业意愿", result: .unreachable,
                      note: "电话停机", checkedBy: "督导员", checkedAt: "2024-12-31T10:05:00", changesSinceCheck: 0),
            SpotCheck(position: 3, personId: 13, name: "李四", idNumber: "63010219880412022X", stratum: "已创业",
                      result: allChecked ? .confirmed : nil, note: nil, checkedBy: allChecked ? "督导员" : nil,
                      checkedAt: allChecked ? "2024-12-31T10:10:00" : nil, changesSinceCheck: 0),
        ]
        let sample = SpotCheckSample(seed: 20_241_231, requestedSize: 3, strata: [.init(name: "有创业意愿", population: 2, drawn: 2), .init(name: "已创业", population: 1, drawn: 1)],
                                     drawnBy: "督导员", drawnAt: "2024-12-31T09:30:00", checks: given ?? checks)
        return Evaluation(id: 1, communityCode: testCommunity.code, period: testCommunity.period, rubricId: card.rubricId,
                          rubricTitle: card.rubricTitle, items: items, submittedBy: "王芳", submittedAt: "2024-12-31T09:00:00",
                          checksum: "0123456789abcdef", currentChecksum: "0123456789abcdef", changesSinceSubmission: changes,
                          adjustments: ["survey_register": ItemAdjustment(itemId: "survey_register", points: .zero, reason: "台账缺少签字",
                                                                          by: "督导员", at: "2024-12-31T09:20:00")],
                          sample: sample, signature: signed ? Signature(by: "督导员", at: "2024-12-31T11:00:00") : nil)
    }

    /// The test evaluation as submitted, before the supervisor's first step (no score changed, nothing drawn).
    static func notReviewed() -> Evaluation {
        let base = evaluation()
        return Evaluation(id: 1, communityCode: base.communityCode, period: base.period, rubricId: base.rubricId, rubricTitle: base.rubricTitle,
                          items: base.items, submittedBy: base.submittedBy, submittedAt: base.submittedAt, checksum: base.checksum,
                          currentChecksum: base.currentChecksum, changesSinceSubmission: 0, adjustments: [:], sample: nil, signature: nil)
    }

    /// The screen opened at 80×24 and answered with `evaluation`.
    static func opened(_ evaluation: Evaluation?) -> AppState {
        var state = homeState(width: 80, height: 24)
        #expect(press(&state, [.character("8")]) == [.evaluation(community: testCommunity.code, .load), .loadRole])
        _ = reduce(&state, .evaluationUpdated(evaluation, after: nil))
        return state
    }

    @Test func theScreenShowsTheSelfAssessmentBesideTheEvaluationAndTheSampleWithResults() {
        var state = Self.opened(Self.evaluation(changes: 3))
        // The selection on 建立摸底台账 shows its reason
        press(&state, Array(repeating: .down, count: 6))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署  ！自评提交后台账又修改了 3 处                                    │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│ 初评理由：台账缺少签字（督导员）                                             │",
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%          │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }

    /// The test evaluation open again after its sign-off was lifted.
    static func unlocked(changes: Int) -> Evaluation {
        var e = evaluation(changes: changes, allChecked: true)
        e.lastUnlock = Unlocking(lifted: Signature(by: "督导员", at: "2024-12-31T11:00:00"), by: "赵督导", at: "2024-12-31T12:00:00",
                                 reason: "抽查发现错误需更正")
        return e
    }

    @Test func anUnlockedEvaluationSaysWhoUnlockedItAndWhyNotThatItWasNeverSigned() {
        let state = Self.opened(Self.unlocked(changes: 0))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署（赵督导于2024-12-31 12:00解锁：抽查发现错误需更正）               │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│ 自评时实测 0%（0/40）    标准 ≥ 7%                                           │",
            "│ 随机抽样 种子 20241231  核实 3/3：不属实 1  联系不上 1  不符率 50%           │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      属实                           │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }

    /// The reason tells the community what the unlock is for: beside the notice of changes, the time gives way first.
    @Test func besideTheNoticeOfChangesTheUnlockGivesUpItsTimeBeforeItsReason() {
        let state = Self.opened(Self.unlocked(changes: 3))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署（赵督导解锁：抽查发现错误需更正）  ！自评提交后台账又修改了 3 处  │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│ 自评时实测 0%（0/40）    标准 ≥ 7%                                           │",
            "│ 随机抽样 种子 20241231  核实 3/3：不属实 1  联系不上 1  不符率 50%           │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      属实                           │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }

    /// Submitted but not yet reviewed: no 初评 total repeating the 自评's, but 初评未开始.
    @Test func beforeTheSupervisorsFirstStepThereIsNoReviewTotal() {
        let base = Self.evaluation()
        let state = Self.opened(Self.notReviewed())
        #expect(render(state).lines[2] == "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评未开始                         │")
        // Once begun, the total and how many items differ
        #expect(render(Self.opened(base)).lines[2] == "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │")
    }

    /// The question before submitting names the total it freezes, and a resubmission the total it replaces.
    @Test func theSubmitQuestionNamesTheTotalItFreezes() {
        var state = Self.opened(nil)
        #expect(press(&state, [.character("t")]).isEmpty)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：自评、初评与抽查 ─────────────────────────────────────────────────────┐",
            "│ 考核期 2024-01-01..2024-12-31 尚未提交自评。                                 │",
            "│                                                                              │",
            "│ t  提交自评：冻结每一项的得分和实测值，记下提交人、时间和台账校验码          │",
            "│ U  解锁本社区的台账（督导，须写理由）                                        │",
            "│                                                                              │",
            "│                                                                              │",
            "│            ┌─ 提交自评 ─────────────────────────────────────────┐            │",
            "│            │ 按现在的台账，自评总分 3/100 分。                  │            │",
            "│            │ 提交后各评分项的得分、实测值和台账校验码           │            │",
            "│            │ 将被冻结，督导据此初评和抽样。                     │            │",
            "│            │                                                    │            │",
            "│            │ y/Enter 提交    Esc 取消                           │            │",
            "│            └────────────────────────────────────────────────────┘            │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " t提交自评  U解锁  Esc返回  F1帮助",
        ])
        press(&state, [.escape])
        _ = reduce(&state, .evaluationUpdated(Self.evaluation(), after: nil))
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        press(&state, [.character("t")])
        guard case .evaluationInput(.confirmSubmit(_, _, let replacing, let setsAside), _)? = state.dialog else { Issue.record("\(String(describing: state.dialog))"); return }
        #expect(replacing == Self.evaluation().selfTotal && setsAside == ReplacedSubmission(Self.evaluation()))
        // The 初评 begun (a score changed, a sample drawn) is set aside by a new submission: named before y/Enter,
        // as `evaluate submit` names it before --confirm
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动 ┌─ 提交自评 ───────────────────────────────────────────────────┐       │",
            "│  创业 │ 按现在的台账，自评总分 3/100 分。                            │       │",
            "│  成立 │ ! 本期初评已经开始，将替代第1份自评及其初评：                │       │",
            "│  工作 │   （王芳 2024-12-31 09:00 提交，自评9分；初评7分，已         │       │",
            "│  创建 │   抽样3条，不属实1条）                                       │       │",
            "│  三项 │   新的自评须重新初评和抽样；原结果保留在修改记录中。         │       │",
            "│  建立 │                                                              │       │",
            "│  创业 │ 提交后各评分项的得分、实测值和台账校验码                     │       │",
            "│  培训 │ 将被冻结，督导据此初评和抽样。                               │       │",
            "│  培训 │                                                              │       │",
            "│ 自评时│ 重新提交的理由（必填，记入修改记录；Enter 提交，Esc 取消）： │       │",
            "│ 随机抽│                                                              │       │",
            "│  序号 └──────────────────────────────────────────────────────────────┘       │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }

    @Test func beforeASubmissionTheScreenSaysHowToSubmit() {
        let state = Self.opened(nil)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：自评、初评与抽查 ─────────────────────────────────────────────────────┐",
            "│ 考核期 2024-01-01..2024-12-31 尚未提交自评。                                 │",
            "│                                                                              │",
            "│ t  提交自评：冻结每一项的得分和实测值，记下提交人、时间和台账校验码          │",
            "│ U  解锁本社区的台账（督导，须写理由）                                        │",
        ] + Array(repeating: "│                                                                              │", count: 15) + [
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " t提交自评  U解锁  Esc返回  F1帮助",
        ])
    }

    @Test func aSignedEvaluationShowsItsLockAndRefusesAResultKeyAtOnce() {
        var state = Self.opened(Self.evaluation(signed: true))
        press(&state, [.tab, .down, .character("3")])
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 已签署锁定：督导员 2024-12-31 11:00                                          │",
            "│  评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│ 第2号 张三：电话停机                                                         │",
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%          │",
            "│ ▶序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " 初评已由督导员于2024-12-31 11:00签署，不能再改动；如需修改，请先解锁（U）",
            " Tab切换  ↑↓选择  Enter打开记录  f服务  U解锁  Esc返回  F1帮助",
        ])
    }

    @Test func anAnswerKeepsASelectionScrolledBelowTheVisibleRows() {
        // Given a sample of ten, longer than the six rows its list has at 80×24
        let base = Self.evaluation()
        let checks = (1...10).map { i in
            SpotCheck(position: i, personId: Int64(i), name: "张三", idNumber: "630102199003070116", stratum: "有创业意愿", result: nil,
                      note: nil, checkedBy: nil, checkedAt: nil, changesSinceCheck: 0)
        }
        let s = base.sample!
        let ten = Evaluation(id: 1, communityCode: base.communityCode, period: base.period, rubricId: base.rubricId, rubricTitle: base.rubricTitle,
                             items: base.items, submittedBy: base.submittedBy, submittedAt: base.submittedAt, checksum: base.checksum,
                             currentChecksum: base.currentChecksum, changesSinceSubmission: 0, adjustments: [:],
                             sample: SpotCheckSample(seed: s.seed, requestedSize: 10, strata: s.strata, drawnBy: s.drawnBy, drawnAt: s.drawnAt, checks: checks),
                             signature: nil)
        var state = Self.opened(ten)
        // When the ninth is selected (the list scrolled) and a check's answer comes back
        press(&state, [.tab] + Array(repeating: .down, count: 8))
        #expect(press(&state, [.character("1")]) == [.evaluation(community: testCommunity.code, .check(position: 9, result: .confirmed, note: ""))])
        _ = reduce(&state, .evaluationUpdated(ten, after: .check(position: 9, result: .confirmed, note: "")))
        // Then the selection stays on it, in view
        guard case .evaluation(let e) = state.screen else { Issue.record("left the screen"); return }
        #expect(e.checks.selected == 8 && e.checks.offset == 3)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 9/100                         │",
            "│ 初评未签署                                                                   │",
            "│  评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     2                           │",
            "│ 第9号 张三：未核实                                                           │",
            "│ 随机抽样 种子 20241231  核实 0/10：不属实 0  联系不上 0                      │",
            "│ ▶序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  4    张三     630102********0116 有创业意愿  未核实                         │",
            "│  5    张三     630102********0116 有创业意愿  未核实                         │",
            "│  6    张三     630102********0116 有创业意愿  未核实                         │",
            "│  7    张三     630102********0116 有创业意愿  未核实                         │",
            "│  8    张三     630102********0116 有创业意愿  未核实                         │",
            "│  9    张三     630102********0116 有创业意愿  未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            " 已记录第9号：属实",
            " Tab切换 Enter打开 f服务 1属实 2不属实 3联系不上 a改分 S签署 Esc返回 F1帮助",
        ])
    }

    /// A clerk (who may change only their community) is told at once that the 初评 keys are a supervisor's,
    /// before typing a score or a reason the store would refuse; submitting stays theirs until the 初评 begins, and
    /// only until then is t named.
    @Test func aClerkIsToldTheInitialEvaluationKeysAreASupervisors() {
        let base = Self.evaluation()
        var fresh = Self.opened(Self.notReviewed())
        _ = reduce(&fresh, .accessLoaded([testCommunity.code]))
        #expect(press(&fresh, [.character("a")]).isEmpty)
        #expect(fresh.message == "只有区县督导可以初评改分、抽样、记录核实结果、签署、推荐和解锁；窗口人员可按 t 提交自评")
        var state = Self.opened(base)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        for key in ["a", "d", "S", "U", "R"] {
            #expect(press(&state, [.character(Character(key))]).isEmpty)
            #expect(state.dialog == nil, "\(key)")
            #expect(state.message == "只有区县督导可以初评改分、抽样、记录核实结果、签署、推荐和解锁")
        }
        // Submitting is theirs until a supervisor begins the 初评: this one has drawn, so t is refused at once
        // (it had asked for the confirmation, then the store refused)
        #expect(press(&state, [.character("t")]).isEmpty && state.dialog == nil)
        #expect(state.message == "初评已经开始（已抽样或已改分），只有督导可以重新提交自评")
    }

    @Test func eachKeyAsksWhatItNeedsAndSendsOneRequest() {
        let code = testCommunity.code
        var state = Self.opened(Self.evaluation())
        // t, nothing begun: asks first; Esc submits nothing; Enter submits the card the screen's figures give
        var fresh = Self.opened(Self.notReviewed())
        let card = ScoreEngine.evaluate(state.rubric!, facts: state.facts, checklist: testCommunity.checklist)
        #expect(press(&fresh, [.character("t")]).isEmpty)
        #expect(render(fresh).lines.contains { $0.contains("y/Enter 提交    Esc 取消") })
        #expect(press(&fresh, [.escape]).isEmpty && fresh.dialog == nil)
        #expect(press(&fresh, [.character("t"), .enter]) == [.evaluation(community: code, .submit(card))])
        // t once begun (drawn, a score changed): starting over asks why, and the reason goes with the submission
        #expect(press(&state, [.character("t")]).isEmpty)
        #expect(render(state).lines.contains { $0.contains("重新提交的理由（必填，记入修改记录；Enter 提交，Esc 取消）：") })
        #expect(press(&state, [.enter]).isEmpty && state.message == "重新提交须填写理由：原初评、抽样和核实结果将被替代")
        #expect(press(&state, type("抽样名单有误") + [.enter]) == [.evaluation(community: code, .submit(card, reason: "抽样名单有误"))])
        // a: points the item can have (all or nothing: 15 or 0), then a reason (required)
        press(&state, [.down, .character("a")] + type("16") + [.enter])
        #expect(state.message == "创业带动就业指数达到3只能得15分或0分（全得或不得），不能给16分" && state.dialog != nil)
        press(&state, [.backspace, .backspace] + type("7.5") + [.enter])
        #expect(state.message == "创业带动就业指数达到3只能得15分或0分（全得或不得），不能给7.5分" && state.dialog != nil)
        press(&state, [.backspace, .backspace, .backspace] + type("15") + [.enter])
        #expect(state.message == nil && state.dialog != nil)
        press(&state, [.enter])
        #expect(state.message == "初评改分必须填写理由")
        #expect(press(&state, type("带动人数核实有误") + [.enter]) == [.evaluation(community: code, .adjust(item: "jobs_index", points: Points(15), reason: "带动人数核实有误"))])
        #expect(state.dialog == nil)
        // 1/2/3 act on the sample list only
        press(&state, [.character("1")])
        #expect(state.messageIsError)
        press(&state, [.tab, .down, .down])
        #expect(press(&state, [.character("1")]) == [.evaluation(community: code, .check(position: 3, result: .confirmed, note: ""))])
        press(&state, [.character("2"), .enter])
        #expect(state.message == "不属实必须填写说明：社区将看到这条说明并据此更正")
        #expect(press(&state, type("未开业") + [.enter]) == [.evaluation(community: code, .check(position: 3, result: .untrue, note: "未开业"))])
        // d: refused at once once drawn (it had asked both sizes first); before, persons, then services on their
        // own (not both 0)
        #expect(press(&state, [.character("d")]).isEmpty && state.dialog == nil)
        #expect(state.message == "本次初评已于2024-12-31 09:30由督导员抽样，不能重抽：同一份初评只抽一次，抽中的名单可向社区出示" && state.messageIsError)
        let drawn = state.screen
        _ = reduce(&state, .evaluationUpdated(Self.notReviewed(), after: nil))
        press(&state, [.tab])
        #expect(press(&state, [.character("d")] + type("0") + [.enter, .enter]).isEmpty)
        #expect(state.message == "抽取人数和服务数不能都是0")
        #expect(press(&state, type("3") + [.enter]) == [.evaluation(community: code, .draw(size: 0, services: 3))])
        #expect(press(&state, [.character("d")] + type("10") + [.enter, .enter]) == [.evaluation(community: code, .draw(size: 10))])
        state.screen = drawn
        // S: not while a sampled record is unchecked (the store's rule, said before asking, once the list is read
        // again: a check recorded elsewhere may not be on screen yet); then a confirmation
        #expect(press(&state, [.character("S")]) == [.evaluation(community: code, .load)] && state.dialog == nil)
        #expect(reduce(&state, .evaluationUpdated(Self.evaluation(), after: nil)).isEmpty && state.dialog == nil)
        #expect(state.message == "还有1条抽样未核实，不能签署初评：请先记录每条的核实结果")
        _ = reduce(&state, .evaluationUpdated(Self.evaluation(allChecked: true), after: nil))
        #expect(press(&state, [.character("S"), .escape]).isEmpty && state.dialog == nil)
        #expect(press(&state, [.character("S"), .enter]) == [.evaluation(community: code, .sign)])
        // U and R before a signature: said at once, no question asked
        #expect(press(&state, [.character("U")]).isEmpty && state.dialog == nil && state.message == "初评未签署，台账没有锁定，无需解锁")
        #expect(press(&state, [.character("R")]).isEmpty && state.dialog == nil && state.message == "初评尚未签署，不能推荐参加市级考评：请先签署（S）")
        // An answer after a request says what happened; Esc goes home and refreshes the figures
        _ = reduce(&state, .evaluationUpdated(Self.evaluation(signed: true), after: .sign))
        #expect(state.message == "已签署初评，台账已锁定")
        #expect(press(&state, [.character("U"), .enter]).isEmpty)
        #expect(press(&state, type("更正错误") + [.enter]) == [.evaluation(community: code, .unlock(reason: "更正错误"))])
        // S on a signed stage says who signed it, without asking first
        #expect(press(&state, [.character("S")]).isEmpty && state.dialog == nil)
        #expect(state.message == "初评已由督导员于2024-12-31 11:00签署，不能再改动；如需修改，请先解锁（U）")
        // And so do a, d and the result keys, before any dialog is typed
        for key in ["a", "d", "1", "2", "3"] {
            #expect(press(&state, [.character(Character(key))]).isEmpty && state.dialog == nil, "\(key)")
            #expect(state.message?.hasPrefix("初评已由督导员于2024-12-31 11:00签署，不能再") == true, "\(key) \(state.message ?? "")")
        }
        #expect(press(&state, [.escape]) == [.loadFacts(community: code)])
        if case .home = state.screen {} else { Issue.record("not home: \(state.screen)") }
    }

    /// A recorded result is replaced only through the dialog, which names it: `1` on a 不属实 row does not erase the
    /// finding and its note; Esc keeps it.
    @Test func replacingARecordedResultAsksFirst() {
        var state = Self.opened(Self.evaluation())
        press(&state, [.tab])
        #expect(press(&state, [.character("1")]).isEmpty)
        guard case .evaluationInput(.note(let check, .confirmed, _), _)? = state.dialog else { Issue.record("\(String(describing: state.dialog))"); return }
        #expect(check.position == 1)
        #expect(render(state).lines.contains { $0.contains("将替换已记录的“不属实”：本人称未参加培训（Esc 保留原结果）") })
        #expect(press(&state, [.escape]).isEmpty && state.dialog == nil)
        #expect(press(&state, [.character("1"), .enter]) == [.evaluation(community: testCommunity.code, .check(position: 1, result: .confirmed, note: ""))])
    }

    /// The signed evaluation recommended to the city, and the city's review begun: 建立摸底台账 back to 2 points.
    static func cityReview(sample: SpotCheckSample? = nil) -> CityReview {
        let e = evaluation(signed: true)
        let district = Evaluation(id: e.id, communityCode: e.communityCode, period: e.period, rubricId: e.rubricId, rubricTitle: e.rubricTitle,
                                  items: e.items, submittedBy: e.submittedBy, submittedAt: e.submittedAt, checksum: e.checksum,
                                  currentChecksum: e.currentChecksum, changesSinceSubmission: 0, adjustments: e.adjustments,
                                  sample: e.sample, signature: e.signature, recommendation: Signature(by: "督导员", at: "2024-12-31T11:30:00"))
        let items = e.items.map {
            AssessedItem(id: $0.id, title: $0.title, group: $0.group, source: $0.source, max: $0.max, points: e.evaluatedPoints($0),
                         measured: $0.measured, threshold: $0.threshold, explanation: $0.explanation, allowed: $0.allowed)
        }
        let city = Evaluation(id: 2, communityCode: e.communityCode, period: e.period, rubricId: e.rubricId, rubricTitle: e.rubricTitle,
                              items: items, submittedBy: "市督导", submittedAt: "2025-01-05T10:00:00", checksum: e.checksum,
                              currentChecksum: e.checksum, changesSinceSubmission: 0,
                              adjustments: ["survey_register": ItemAdjustment(itemId: "survey_register", points: Points(2), reason: "现场见到签字台账",
                                                                              by: "市督导", at: "2025-01-05T10:10:00")],
                              sample: sample, signature: nil, stage: .city)
        return CityReview(district: district, city: city)
    }

    @Test func theCityViewShowsTheThreeScoresSideBySideAndItsKeysActOnTheCitysReview() {
        let code = testCommunity.code
        var state = Self.opened(Self.evaluation(signed: true))
        // c switches to the city's view and reads the review; a community not recommended says so
        #expect(press(&state, [.character("c")]) == [.evaluation(community: code, .loadCity)])
        _ = reduce(&state, .cityReviewUpdated(nil, after: nil))
        #expect(render(state).trimmedLines[2].hasPrefix("│ 市级考评：本社区的初评未经区县推荐"))
        #expect(press(&state, [.character("d")]).isEmpty && state.message == "本社区的初评未经区县推荐，不能做市级考评：区县督导签署初评后按 R 推荐")
        _ = reduce(&state, .cityReviewUpdated(Self.cityReview(), after: nil))
        press(&state, Array(repeating: .down, count: 6))
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "┌─ 市级考评：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────┐",
            "│ 自评 9  初评 7  市级 9/100（市级改1项）  推荐 督导员                         │",
            "│ 市级考评未签署                                                               │",
            "│ ▶评分项                           满分  自评  初评  市级  差异               │",
            "│  劳动者创业参与率达到7%             15     0     0     0                     │",
            "│  创业带动就业指数达到3              15     0     0     0                     │",
            "│  成立创建工作领导小组                2     2     2     2                     │",
            "│  工作制度健全并执行                  2     0     0     0                     │",
            "│  创建工作方案                        3     0     0     0                     │",
            "│  三项补贴享受率100%                  6     0     0     0                     │",
            "│  建立摸底台账                        2     2     0     2    +2               │",
            "│  创业培训率100%                      8     0     0     0                     │",
            "│  培训合格率100%                      4     0     0     0                     │",
            "│  培训后创业率达30%                   2     0     0     0                     │",
            "│  开设创业服务窗口                    2     0     0     0                     │",
            "│  每人2次以上创业服务                16     0     0     0                     │",
            "│ 市级理由：现场见到签字台账（市督导）                                         │",
            "│ 市级抽样：尚未抽样（d 抽样）                                                 │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  d抽样  S签署  U解锁  c初评  Esc返回  F1帮助",
        ])
        // a: the item as the 初评 left it (0 of 2 points: all or nothing), then a reason; the request is the city's
        press(&state, [.character("a")])
        #expect(render(state).lines.contains { $0.contains("建立摸底台账：初评 0分，现市级考评 2分，满分 2分") })
        press(&state, type("1") + [.enter])
        #expect(state.message == "建立摸底台账只能得2分或0分（全得或不得），不能给1分")
        // The 2 the city already gave is refused before a reason is typed; 0 is a change
        press(&state, [.backspace] + type("2") + [.enter])
        #expect(state.message == "建立摸底台账的市级考评已是2分，未改动")
        press(&state, [.backspace] + type("0") + [.enter])
        #expect(press(&state, type("现场复核未见签字") + [.enter])
                == [.evaluation(community: code, .adjust(item: "survey_register", points: .zero, reason: "现场复核未见签字", stage: .city))])
        // d: the city's own draw; S: the city's signature
        #expect(press(&state, [.character("d")] + type("3") + [.enter, .enter]) == [.evaluation(community: code, .draw(size: 3, stage: .city))])
        // S: not before the city's own draw (said once the review is read again); with its sample checked, a
        // confirmation
        #expect(press(&state, [.character("S")]) == [.evaluation(community: code, .loadCity)] && state.dialog == nil)
        #expect(reduce(&state, .cityReviewUpdated(Self.cityReview(), after: nil)).isEmpty && state.dialog == nil)
        #expect(state.message == "还没有随机抽样，不能签署市级考评：请先抽样（按 d，或 evaluate draw --city）")
        _ = reduce(&state, .cityReviewUpdated(Self.cityReview(sample: Self.evaluation(allChecked: true).sample), after: nil))
        #expect(press(&state, [.character("S"), .enter]) == [.evaluation(community: code, .signCity)])
        // An unlock from the city's view reads the city's review again
        #expect(press(&state, [.character("U")] + type("市级抽查不属实") + [.enter]) == [.evaluation(community: code, .unlock(reason: "市级抽查不属实"))])
        #expect(reduce(&state, .evaluationUpdated(Self.evaluation(), after: .unlock(reason: "市级抽查不属实")))
                == [.evaluation(community: code, .loadCity)])
        #expect(state.message == "已解锁，台账可以修改")
        // c goes back to the 初评
        #expect(press(&state, [.character("c")]) == [.evaluation(community: code, .load)])
    }

    @Test func aSupervisorRecommendsASignedEvaluation() {
        var state = Self.opened(Self.evaluation(signed: true))
        #expect(press(&state, [.character("R")]).isEmpty && state.dialog != nil)
        #expect(press(&state, [.enter]) == [.evaluation(community: testCommunity.code, .recommend)])
        _ = reduce(&state, .evaluationUpdated(Self.cityReview().district, after: .recommend))
        #expect(state.message == "已推荐参加市级考评：初评总分 7/100")
        #expect(render(state).trimmedLines[3].hasPrefix("│ 已签署锁定：督导员 2024-12-31 11:00 已推荐市级"))
    }
}
