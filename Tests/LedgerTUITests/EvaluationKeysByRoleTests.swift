import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// The evaluation screen offers each role only the keys it may use, and the recommendation names the entry
/// conditions of 评选 the community does not meet before asking.
struct EvaluationKeysByRoleTests {
    @Test func aClerkSeesOnlyTheKeysAClerkMayUse() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation())
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        _ = reduce(&state, .roleLoaded(.clerk))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
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
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%          │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  c市级  Esc返回  F1帮助",
        ])
        // (t only before the 初评 began: here it has a draw and an adjustment, which a clerk cannot set aside)
        // On the sample list too, no check keys
        press(&state, [.tab])
        #expect(render(state).trimmedLines.last == " Tab切换  ↑↓选择  Enter打开记录  f服务  Esc返回  F1帮助")
    }

    /// `f` opens the service checked with the selected person (a 不属实 finding may be about it); a row without
    /// one says so, and Enter still opens the person.
    @Test func fOpensTheServiceCheckedWithThePerson() {
        let service = SampledService(id: 77, date: "2024-08-21", type: "创业指导")
        let checks = [SpotCheck(position: 1, personId: 11, name: "王梅", idNumber: "630102197506150047", stratum: "有创业意愿",
                                result: .untrue, note: "服务日期不符", checkedBy: "督导员", checkedAt: "2024-12-31T10:00:00",
                                changesSinceCheck: 0, service: service),
                      SpotCheck(position: 2, personId: 12, name: "张三", idNumber: "630102199003070116", stratum: "有创业意愿",
                                result: nil, note: nil, checkedBy: nil, checkedAt: nil, changesSinceCheck: 0)]
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(checks: checks))
        _ = reduce(&state, .roleLoaded(.clerk))
        #expect(press(&state, [.character("f")]).isEmpty && state.message == "请先按 Tab 移到抽样名单，选择一条后按 f 打开同时抽查的服务")
        #expect(press(&state, [.tab, .character("f")]) == [.openRecord(.service, id: 77, focus: nil)])
        state.screen = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(checks: checks)).screen
        #expect(press(&state, [.tab, .down, .character("f")]).isEmpty && state.message == "第2号没有同时抽查的服务：按 Enter 打开抽中的记录")
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 12, focus: nil)])
    }

    /// Enter on the sample list opens the sampled record (a clerk corrects a 不属实 one there), and saving or leaving
    /// the form comes back to the 评选 screen, read again; a record withheld until signing is not opened.
    @Test func enterOpensTheSampledRecordAndTheFormReturnsToTheEvaluation() {
        let clerk = EvaluationScreenTests.evaluation().disclosed(mayCheck: false)
        var state = EvaluationScreenTests.opened(clerk)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        _ = reduce(&state, .roleLoaded(.clerk))
        press(&state, [.tab])
        let untrue = clerk.sample!.checks[0]
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: untrue.personId, focus: nil)])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: untrue.personId, version: 1,
                                                       originalFields: ["name": "王梅", "id_number": "630102197506150047"]),
                                         accepted: [:], focus: nil))
        guard case .form(let form) = state.screen, case .evaluation = form.returnTo else {
            Issue.record("\(state.screen)")
            return
        }
        // The finding stays in sight while correcting
        #expect(state.message == "抽查不属实：本人称未参加培训。请核对更正后按 F2 保存（记入修改记录）")
        let back = press(&state, [.escape])
        guard case .evaluation = state.screen else { Issue.record("\(state.screen)"); return }
        #expect(back.contains(.evaluation(community: testCommunity.code, .load)), "\(back)")
        // The second place is withheld from a clerk: not opened, and said why
        press(&state, [.down])
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message == "抽中的这条记录签署后公开")
    }

    /// A sampled record deleted since is not opened as a form whose save the store would refuse: said at Enter.
    @Test func enterOnADeletedSampledRecordSaysItIsDeleted() {
        var e = EvaluationScreenTests.evaluation()
        var checks = e.sample!.checks
        checks[0].recordDeleted = true
        e = EvaluationScreenTests.evaluation(checks: checks)
        var state = EvaluationScreenTests.opened(e)
        press(&state, [.tab])
        #expect(press(&state, [.enter]).isEmpty && state.dialog == nil)
        #expect(state.message == "抽中的这条记录已被删除，不能在此打开；可在浏览台账中按 x 查看已删除的记录")
        // And its row says so where the correction count was
        #expect(render(state).lines.contains { $0.contains("不属实    （记录已删除）本人称") })
    }

    /// Signed, the community is locked: `t` is refused at once (it had asked first and refused after the answer).
    @Test func submittingASignedEvaluationAgainIsRefusedBeforeAnyQuestion() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(signed: true))
        _ = reduce(&state, .accessLoaded(nil))
        #expect(press(&state, [.character("t")]).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.message == "初评已由督导员于2024-12-31 11:00签署，台账已锁定，不能重新提交自评；如需修改，请督导先解锁（U）")
    }

    /// A sample larger than a draw takes is refused when typed, before the services are asked.
    @Test func anOversizedSampleIsRefusedAtTheFirstStep() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.notReviewed())
        _ = reduce(&state, .accessLoaded(nil))
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        press(&state, [.character("d")] + type("5000") + [.enter])
        #expect(state.message == "抽样人数应在0到1000之间，5000超出范围")
        if case .evaluationInput(.drawServices, _)? = state.dialog { Issue.record("asked for services after an oversized sample") }
    }

    /// Where the registers changed since the submission no longer give an item's 初评 points, the sign-off dialog
    /// names the item (and offers a to adjust it) before the supervisor locks the score in.
    @Test func theSignDialogNamesItemsTheChangedRegistersScoreOtherwise() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(changes: 1, allChecked: true))
        _ = reduce(&state, .accessLoaded(nil))
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        // The profile's leading group answered 0 since (the submission froze 2), with the figures it was scored on
        var changed = testCommunity
        changed.checklist["leading_group"] = .zero
        state.community = changed
        var facts = ScoreFacts()
        facts[.labourForce] = 40
        facts[.registered] = 3
        _ = reduce(&state, .factsLoaded(facts, Counts(persons: 3, services: 0, activities: 0)))
        press(&state, [.character("S")])
        guard case .evaluationInput(.confirmSign(.district, _, _, _, let outdated), _)? = state.dialog else {
            Issue.record("\(String(describing: state.dialog))")
            return
        }
        #expect(outdated == ["成立创建工作领导小组：初评2分，按现在的台账0分"])
        #expect(render(state).trimmedLines.contains { $0.contains("! 按现在的台账有1项得分与初评不同（可按 a 改分）：") })
    }

    @Test func eachRoleIsOfferedItsOwnStepsOnBothStages() {
        func hints(_ role: EvaluationRole?, city: Bool = false) -> String {
            var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(signed: true))
            _ = reduce(&state, .accessLoaded(role == .districtSupervisor || role == .everyone ? nil : []))
            if let role { _ = reduce(&state, .roleLoaded(role)) }
            if city {
                press(&state, [.character("c")])
                _ = reduce(&state, .cityReviewUpdated(EvaluationScreenTests.cityReview(), after: nil))
            }
            return render(state).trimmedLines.last ?? ""
        }
        // (Signed: no t重新提交, the community is locked, and no step the signature closed; the city's review, not
        // signed, still offers its steps)
        let district = " Tab切换  R推荐  c市级  U解锁  Esc返回  F1帮助"
        let city = " Tab切换  a改分  d抽样  S签署  U解锁  c初评  Esc返回  F1帮助"
        #expect(hints(.districtSupervisor) == district && hints(.everyone) == district && hints(nil) == district)
        #expect(hints(.city) == " Tab切换  c市级  Esc返回  F1帮助")
        #expect(hints(.reader) == " Tab切换  c市级  Esc返回  F1帮助")
        #expect(hints(.city, city: true) == city && hints(.everyone, city: true) == city)
        #expect(hints(.districtSupervisor, city: true) == " Tab切换  c初评  Esc返回  F1帮助")
        #expect(hints(.reader, city: true) == " Tab切换  c初评  Esc返回  F1帮助")
        // Before a submission: a clerk submits, a reader only reads
        var state = EvaluationScreenTests.opened(nil)
        _ = reduce(&state, .roleLoaded(.reader))
        #expect(render(state).trimmedLines.last == " Esc返回  F1帮助")
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        _ = reduce(&state, .roleLoaded(.clerk))
        #expect(render(state).trimmedLines.last == " t提交自评  Esc返回  F1帮助")
    }

    /// 15 of 100 and neither condition met: the dialog says which, and recommending needs the confirmation.
    @Test func recommendingNamesTheEntryConditionsNotMetAndAsks() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(signed: true))
        #expect(press(&state, [.character("R")]).isEmpty)
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 已签署锁定：督导员 2024-12-31 11:00                                          │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健┌─ 推荐市级考评 ─────────────────────────────────────┐            │",
            "│  创建工作方│ ! 本社区未达到评选入围条件：                       │            │",
            "│  三项补贴享│   · 劳动者创业参与率达到7%：0%（0/40）             │            │",
            "│  建立摸底台│   · 创业带动就业指数达到3：—（0/0）                │            │",
            "│  创业培训率│ 市级督导将复核初评并另行抽样。                     │            │",
            "│  培训合格率│                                                    │            │",
            "│  培训后创业│ y/Enter 仍然推荐    Esc 取消                       │            │",
            "│ 自评时实测 └────────────────────────────────────────────────────┘            │",
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%          │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  R推荐  c市级  U解锁  Esc返回  F1帮助",
        ])
        #expect(press(&state, [.escape]).isEmpty && state.dialog == nil)
        #expect(press(&state, [.character("R"), .character("y")]) == [.evaluation(community: testCommunity.code, .recommend)])
    }
}
