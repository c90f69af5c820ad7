import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// The sample list as each role sees it (SampleDisclosure), the marks of records changed after the draw, the
/// service beside each record on a wide screen, the words for a 不属实 left uncorrected, and the screen following
/// what others record.
struct EvaluationSampleScreenTests {
    /// The checks of `EvaluationScreenTests.evaluation()`, the third changed after the draw and before its check.
    static func changedChecks() -> [SpotCheck] {
        let base = EvaluationScreenTests.evaluation().sample!.checks
        return base.map { c in
            SpotCheck(position: c.position, personId: c.personId, name: c.name, idNumber: c.idNumber, stratum: c.stratum, result: c.result,
                      note: c.note, checkedBy: c.checkedBy, checkedAt: c.checkedAt, changesSinceCheck: c.changesSinceCheck,
                      service: SampledService(id: 100 + c.personId, date: "2024-03-0\(c.position)", type: "创业指导"),
                      changesSinceDraw: c.position == 3 ? 1 : c.changesSinceCheck)
        }
    }

    @Test func aClerkSeesThatASampleWasDrawnAndItsUntrueFindingButNotWhichOthers() {
        let clerk = EvaluationScreenTests.evaluation().disclosed(mayCheck: false)
        var state = EvaluationScreenTests.opened(clerk)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        _ = reduce(&state, .roleLoaded(.clerk))
        press(&state, [.tab, .down])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
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
            "│ 第2号：联系不上（抽中的是哪条记录，签署初评后公开）                          │",
            "│ 督导员 已抽3人（名单签署后公开）  核实 2/3：不属实 1  联系不上 1  不符率 100%│",
            "│ ▶序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    （签署后公开）                          联系不上                       │",
            "│  3    （签署后公开）                          未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  ↑↓选择  Enter打开记录  f服务  Esc返回  F1帮助",
        ])
    }

    @Test func aClerkIsNotOfferedTheSupervisorsKeysBeforeASubmissionOrADraw() {
        var state = EvaluationScreenTests.opened(nil)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        _ = reduce(&state, .roleLoaded(.clerk))
        let lines = render(state).trimmedLines
        #expect(lines.contains { $0.contains("t  提交自评") } && !lines.contains { $0.contains("解锁") })
        let undrawn = EvaluationScreenTests.evaluation().withoutSample()
        _ = reduce(&state, .evaluationUpdated(undrawn, after: nil))
        #expect(render(state).trimmedLines.contains { $0.hasPrefix("│ 随机抽样：尚未抽样  ") })
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        #expect(render(state).trimmedLines.contains { $0.hasPrefix("│ 随机抽样：尚未抽样（d 抽样）") })
    }

    /// A note longer than its line wraps upwards into the rows the items leave empty, whole (it had been cut at
    /// one line while those rows stood blank); a short one keeps its line.
    @Test func aLongNoteWrapsIntoTheEmptyRowsAboveIt() {
        var state = homeState(width: 80, height: 40)
        press(&state, [.character("8")])
        let note = "电话核实：本人称已于2024年8月外出务工，店铺已转让他人经营，现无创业意愿；社区登记的创业状态与实际不符，"
            + "营业执照已注销，请社区核对后更正创业状态并补充说明。"
        let checks = [SpotCheck(position: 1, personId: 11, name: "王梅", idNumber: "630102197506150047", stratum: "已创业",
                                result: .untrue, note: note, checkedBy: "督导员", checkedAt: "2024-12-31T10:00:00", changesSinceCheck: 0)]
        _ = reduce(&state, .evaluationUpdated(EvaluationScreenTests.evaluation(checks: checks), after: nil))
        press(&state, [.tab])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
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
            "│  开设创业服务窗口                    2     0     0                           │",
            "│  每人2次以上创业服务                16     0     0                           │",
            "│  创业宣传活动3次以上                 3     0     0                           │",
            "│  树立创业典型1名以上                 2     1     1                           │",
            "│ ※推荐入园孵化1家以上                 6     0     0                           │",
            "│ ※创业指导专家队伍/协作机制           4     0     0                           │",
            "│ ※工作创新                            4     0     0                           │",
            "│ ※台账资料完备                        4     4     4                           │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│ 第1号 王梅（待社区更正）：电话核实：本人称已于2024年8月外出务工，店铺已转让他│",
            "│ 人经营，现无创业意愿；社区登记的创业状态与实际不符，营业执照已注销，请社区核 │",
            "│ 对后更正创业状态并补充说明。                                                 │",
            "│ 随机抽样 种子 20241231  核实 1/1：不属实 1  联系不上 0  不符率 100%          │",
            "│ ▶序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    王梅     630102********0047 已创业      不属实    （待更正）电话核实：…│",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换 Enter打开 f服务 1属实 2不属实 3联系不上 a改分 S签署 Esc返回 F1帮助",
        ])
    }

    /// 120 columns: which service to check with each record, and the record changed after the draw is marked.
    @Test func aWideListNamesTheServiceAndMarksRecordsChangedAfterTheDraw() {
        var state = homeState(width: 120, height: 30)
        press(&state, [.character("8")])
        _ = reduce(&state, .evaluationUpdated(EvaluationScreenTests.evaluation(checks: Self.changedChecks()), after: nil))
        press(&state, [.tab, .down, .down])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────────────────────────────────────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）                                                      │",
            "│ 初评未签署                                                                                                           │",
            "│  评分项                           满分  自评  初评  差异                                                             │",
            "│  劳动者创业参与率达到7%             15     0     0                                                                   │",
            "│  创业带动就业指数达到3              15     0     0                                                                   │",
            "│  成立创建工作领导小组                2     2     2                                                                   │",
            "│  工作制度健全并执行                  2     0     0                                                                   │",
            "│  创建工作方案                        3     0     0                                                                   │",
            "│  三项补贴享受率100%                  6     0     0                                                                   │",
            "│  建立摸底台账                        2     2     0    -2                                                             │",
            "│  创业培训率100%                      8     0     0                                                                   │",
            "│  培训合格率100%                      4     0     0                                                                   │",
            "│  培训后创业率达30%                   2     0     0                                                                   │",
            "│  开设创业服务窗口                    2     0     0                                                                   │",
            "│  每人2次以上创业服务                16     0     0                                                                   │",
            "│  创业宣传活动3次以上                 3     0     0                                                                   │",
            "│  树立创业典型1名以上                 2     1     1                                                                   │",
            "│ ※推荐入园孵化1家以上                 6     0     0                                                                   │",
            "│ ※创业指导专家队伍/协作机制           4     0     0                                                                   │",
            "│ 第3号 李四（抽样后已修改1处）：未核实；同时抽查服务 2024-03-03 创业指导                                              │",
            "│ 随机抽样 种子 20241231  核实 2/3：不属实 1  联系不上 1  不符率 100%                                                  │",
            "│ ▶序号 姓名     公民身份号码       分层        结果      抽查的服务            说明                                   │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    2024-03-01 创业指导   （已更正1处）本人称未参加培训          │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  2024-03-02 创业指导   电话停机                               │",
            "│  3    李四     630102********022X 已创业      未核实    2024-03-03 创业指导   （抽样后已修改1处）                    │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换 Enter打开 f服务 1属实 2不属实 3联系不上 a改分 S签署 Esc返回 F1帮助",
        ])
    }

    @Test func anUntrueFindingLeftUncorrectedIsAskedAboutBeforeSigningAndReadsSoOnceSigned() {
        let uncorrected = EvaluationScreenTests.evaluation(allChecked: true).sample!.checks.map { c in
            c.with(changesSinceCheck: 0)
        }
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(checks: uncorrected))
        #expect(press(&state, [.character("S")]).isEmpty)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业┌─ 签署初评 ─────────────────────────────────────────┐            │",
            "│  创业带动就│ ! 有1条抽查不属实的记录社区尚未更正：              │            │",
            "│  成立创建工│   第1号 王梅                                       │            │",
            "│  工作制度健│   签署后锁定，记为“签署时未更正”                   │            │",
            "│  创建工作方│                                                    │            │",
            "│  三项补贴享│ ! 按现在的台账有1项得分与初评不同（可按 a 改分）： │            │",
            "│  建立摸底台│   台账资料完备：初评4分，按现在的台账0分           │            │",
            "│  创业培训率│                                                    │            │",
            "│  培训合格率│ 签署后本社区的台账将被锁定，                       │            │",
            "│  培训后创业│ 任何修改须由督导解锁。                             │            │",
            "│ 自评时实测 │                                                    │            │",
            "│ 随机抽样 种│ Enter 签署    Esc 取消                             │%           │",
            "│  序号 姓名 └────────────────────────────────────────────────────┘            │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （待更正）本人称未参…│",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      属实                           │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
        #expect(press(&state, [.enter]) == [.evaluation(community: testCommunity.code, .sign)])
        _ = reduce(&state, .evaluationUpdated(EvaluationScreenTests.evaluation(signed: true, checks: uncorrected), after: .sign))
        #expect(render(state).trimmedLines.contains("│  1    王梅     630102********0047 有创业意愿  不属实    （签署时未更正）本人…│"))
    }

    /// A record checked 属实 and changed since (the community was unlocked, say): the signature would keep a
    /// conclusion about a record that is no longer the one checked, so the confirmation names it.
    @Test func aCheckedRecordChangedSinceItsCheckIsNamedBeforeSigning() {
        let checks = EvaluationScreenTests.evaluation(allChecked: true).sample!.checks.map { c in
            c.position == 3 ? c.with(changesSinceCheck: 2, changesSinceDraw: 2) : c
        }
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(checks: checks))
        #expect(press(&state, [.character("S")]).isEmpty)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业┌─ 签署初评 ─────────────────────────────────────────┐            │",
            "│  创业带动就│ ! 有1条已核实的抽样记录核实后又被修改：            │            │",
            "│  成立创建工│   第3号 李四                                       │            │",
            "│  工作制度健│   签署的是核实时的结论（可选中后重新核实）         │            │",
            "│  创建工作方│                                                    │            │",
            "│  三项补贴享│ ! 按现在的台账有1项得分与初评不同（可按 a 改分）： │            │",
            "│  建立摸底台│   台账资料完备：初评4分，按现在的台账0分           │            │",
            "│  创业培训率│                                                    │            │",
            "│  培训合格率│ 签署后本社区的台账将被锁定，                       │            │",
            "│  培训后创业│ 任何修改须由督导解锁。                             │            │",
            "│ 自评时实测 │                                                    │            │",
            "│ 随机抽样 种│ Enter 签署    Esc 取消                             │%           │",
            "│  序号 姓名 └────────────────────────────────────────────────────┘            │",
            "│  1    王梅     630102********0047 有创业意愿  不属实    （已更正1处）本人称… │",
            "│  2    张三     630102********0116 有创业意愿  联系不上  电话停机             │",
            "│  3    李四     630102********022X 已创业      属实      （抽样后已修改2处）  │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
        // Checked again, it is no longer named
        let rechecked = checks.map { c in
            c.position != 3 ? c : SpotCheck(position: 3, personId: c.personId, name: c.name, idNumber: c.idNumber, stratum: c.stratum,
                                            result: .confirmed, note: nil, checkedBy: "督导员", checkedAt: "2024-12-31T12:00:00", changesSinceCheck: 0)
        }
        var again = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation(checks: rechecked))
        press(&again, [.character("S")])
        guard case .evaluationInput(.confirmSign(.district, _, let uncorrected, let rechecks, _), _)? = again.dialog else {
            Issue.record("no confirmation: \(String(describing: again.dialog))")
            return
        }
        #expect(uncorrected.isEmpty && rechecks.isEmpty)
    }

    /// A note takes what the store keeps (WrittenReason.longest): a longer paste is cut and said so, a character
    /// typed past the bound is said to be refused, not dropped unseen.
    @Test func aNoteLongerThanTheStoreKeepsIsCutAndSaid() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation())
        press(&state, [.tab, .down, .down, .character("2")])
        _ = reduce(&state, .pasted(String(repeating: "查", count: 360)))
        guard case .evaluationInput(.note, let editor)? = state.dialog else { Issue.record("no note dialog"); return }
        #expect(editor.text.count == WrittenReason.longest)
        #expect(state.message == "粘贴的内容过长：最多200个字，超出的部分已舍去，请核对" && state.messageIsError)
        press(&state, [.backspace] + type("实"))
        #expect(!state.messageIsError || state.message != "最多200个字，多输入的字未录入")
        press(&state, type("字"))
        #expect(state.message == "最多200个字，多输入的字未录入" && state.messageIsError)
        #expect(press(&state, [.enter]) == [.evaluation(community: testCommunity.code,
                                                         .check(position: 3, result: .untrue, note: String(repeating: "查", count: 199) + "实"))])
    }

    /// Checks recorded elsewhere (the command line) reach the open screen from the change feed; `S` judged on an
    /// older list reads it again before refusing.
    @Test func theScreenReadsAgainWhenOthersWriteAndBeforeRefusingASignature() {
        var state = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation())
        #expect(reduce(&state, .storeChanged([testCommunity.code])).contains(.evaluation(community: testCommunity.code, .load)))
        #expect(reduce(&state, .storeChanged(["630102999"])).isEmpty)
        // S on a list with one unchecked: read first, nothing refused yet
        #expect(press(&state, [.character("S")]) == [.evaluation(community: testCommunity.code, .load)])
        #expect(state.dialog == nil && !state.messageIsError)
        // The answer has every record checked: now the confirmation
        _ = reduce(&state, .evaluationUpdated(EvaluationScreenTests.evaluation(allChecked: true), after: nil))
        guard case .evaluationInput(.confirmSign(.district, _, _, _, _), _)? = state.dialog else {
            Issue.record("no confirmation: \(String(describing: state.dialog))")
            return
        }
        // Still unchecked after reading: refused, once, without another read
        var again = EvaluationScreenTests.opened(EvaluationScreenTests.evaluation())
        press(&again, [.character("S")])
        #expect(reduce(&again, .evaluationUpdated(EvaluationScreenTests.evaluation(), after: nil)).isEmpty)
        #expect(again.dialog == nil && again.message == "还有1条抽样未核实，不能签署初评：请先记录每条的核实结果" && again.messageIsError)
    }
}

extension SpotCheck {
    /// The same check with other counts of changes (a record corrected since its check, or changed after it).
    func with(changesSinceCheck: Int, changesSinceDraw: Int? = nil) -> SpotCheck {
        SpotCheck(position: position, personId: personId, name: name, idNumber: idNumber, stratum: stratum, result: result,
                  note: note, checkedBy: checkedBy, checkedAt: checkedAt, changesSinceCheck: changesSinceCheck, service: service,
                  forService: forService, changesSinceDraw: changesSinceDraw ?? self.changesSinceDraw)
    }
}

extension Evaluation {
    /// The same submission before its draw.
    func withoutSample() -> Evaluation {
        Evaluation(id: id, communityCode: communityCode, period: period, rubricId: rubricId, rubricTitle: rubricTitle, items: items,
                   submittedBy: submittedBy, submittedAt: submittedAt, checksum: checksum, currentChecksum: currentChecksum,
                   changesSinceSubmission: changesSinceSubmission, adjustments: adjustments, sample: nil, signature: signature)
    }
}
