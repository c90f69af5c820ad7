import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The 评分计划 screen (home key 7): the plan computed once in reduce, Enter lists the persons to serve, Enter on a
/// person starts their service, and saving brings the clerk back to a plan read again.
struct PlanScreenTests {
    static func planState(width: Int = 80, height: Int = 24) -> AppState {
        var state = homeState(width: width, height: height)
        var f = ScoreFacts()
        f[.labourForce] = 40
        f[.registered] = 3
        f[.participants] = 1
        f[.serviceTargets] = 3
        f[.served] = 1
        _ = reduce(&state, .factsLoaded(f, Counts(persons: 3, services: 1, activities: 0)))
        #expect(press(&state, [.character("7")]) == [.loadPlanDetails(community: "630102001")])
        _ = reduce(&state, .planDetailsLoaded(PlanDetails(servicesMissing: 5)))
        return state
    }

    static let zhang = RegisterRow(id: 2, fields: ["name": "张三", "id_number": "630102199003070116", "status": "有创业意愿"],
                                   deleted: false, deletedReason: nil, errors: 0, warnings: 0)

    @Test func thePlanAt80x24() {
        let state = Self.planState()
        expectScreen(render(state), [
              " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
              " 评分计划：距考核期结束还有 0 天　当前 9 分，按计划最多可再得 64 分",
              " +15   【劳动者创业参与率达到7%】还需2名参与创业活动者（可从2名已登记但本期无…",
              " +6    【推荐入园孵化1家以上】再推荐1个项目或企业入园孵化（本期推荐入园达到1个…",
              " +4    【创业培训率100%】再动员1名有创业意愿者或初期创业者纳入培训范围并参加培…",
              "       └ 或：再动员5名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达…",
              "       └ 或：再动员10名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训…",
              " +12   【每人2次以上创业服务】3人本期服务不足2次，补齐后得12分（+12）",
              "       └ 或：补齐上述3人的服务，并再为7名新登记的有创业意愿者或初期创业者各提…",
              "       └ 或：补齐上述3人的服务，并再为12名新登记的有创业意愿者或初期创业者各提…",
              " +1    【创业宣传活动3次以上】再开展1次宣传活动（本期宣传活动达到1次），得1分…",
              "       └ 或：再开展3次宣传活动（本期宣传活动达到3次），得3分（+3）",
              " +1    【树立创业典型1名以上】再树立1名创业典型，事迹材料不少于500字（合格创业…",
              " +4    【创业指导专家队伍/协作机制】自评项：做到“已建立并开展工作”并在社区档案…",
              " +4    【工作创新】自评项：做到“创新且效果明显”并在社区档案中更新自评，得4分（…",
              " +3    【创建工作方案】自评项：做到“有方案并有效执行”并在社区档案中更新自评，…",
              " +2    【工作制度健全并执行】自评项：做到“制度健全并有效执行”并在社区档案中更…",
              " +2    【开设创业服务窗口】自评项：做到“已开设并配备人员”并在社区档案中更新自…",
              " —     【创业带动就业指数达到3】无符合条件的人员：初期创业者为0，未计分",
              " —     【三项补贴享受率100%】无符合条件的人员：首次创业补贴、创业一次性奖励、…",
              " 还需2名参与创业活动者（可从2名已登记但本期无服务/培训的人员中服务），得15分",
              " （+15）　工作量 2　Enter 列出已登记但本期无服务/培训的人员",
              "",
              " ↑↓选择措施  Enter列出相关人员和记录  Esc返回  F1帮助",
        ])
    }

    /// The row of an item's first step.
    static func row(of item: String, _ state: AppState) -> Int? {
        guard case .plan(let p) = state.screen else { return nil }
        return p.rows.firstIndex { if case .step(let s, true) = $0 { s.itemId == item } else { false } }
    }

    @Test func enterOnAPersonStartsTheirServiceAndSavingReadsThePlanAgain() throws {
        var state = Self.planState()
        let services = try #require(Self.row(of: "services", state))
        let effects = press(&state, Array(repeating: .down, count: services) + [.enter])
        guard case .loadEvidence(_, let evidence)? = effects.last else { Issue.record("expected the persons to serve: \(effects)"); return }
        #expect(evidence.include == .serviceTargets && evidence.excluding == .servedTwice)
        _ = reduce(&state, .evidenceLoaded(title: evidence.title, .survey, [Self.zhang]))
        let opened = press(&state, [.enter])
        #expect(opened.contains(.loadServicePerson(community: "630102001", idNumber: "630102199003070116")))
        let form = try #require(state.form)
        #expect(form.spec.kind == .service && form.values["id_number"] == "630102199003070116")
        #expect(form.draftSlot != nil)
        let after = reduce(&state, .recordSaved(kind: .service, summary: "张三", findings: [], keepForNext: false))
        guard case .plan(let p) = state.screen else { Issue.record("expected the plan again"); return }
        #expect(p.evidence != nil)
        #expect(after.contains(.loadFacts(community: "630102001")))
        #expect(after.contains(.loadPlanDetails(community: "630102001")))
        #expect(after.contains(.loadEvidence(community: "630102001", evidence)))
        // The new figures make a new plan: one person served twice now, two to go.
        var f = state.facts
        f[.servedTwice] = 1
        _ = reduce(&state, .factsLoaded(f, state.counts))
        _ = reduce(&state, .planDetailsLoaded(PlanDetails(servicesMissing: 3)))
        guard case .plan(let again) = state.screen, let i = Self.row(of: "services", state), case .step(let first, _) = again.rows[i] else {
            Issue.record("no plan"); return
        }
        #expect(first.action == "2人本期服务不足2次，补齐后得12分（+12）")
    }

    /// Training, a business or a subsidy counts from the person's survey record, not from a service: Enter on a
    /// person listed for one opens their record at the field to correct (a service there raised nothing).
    @Test func enterOnAPersonShortOfTrainingOpensTheirRecordAtTheTrainingField() throws {
        var state = Self.planState()
        var f = state.facts
        f[.inScope] = 3
        f[.inScopeTrained] = 1
        _ = reduce(&state, .factsLoaded(f, state.counts))
        let training = try #require(Self.row(of: "training_rate", state))
        let effects = press(&state, Array(repeating: .down, count: training) + [.enter])
        guard case .loadEvidence(_, let evidence)? = effects.last else { Issue.record("expected the persons: \(effects)"); return }
        #expect(evidence.excluding == .inScopeTrained)
        _ = reduce(&state, .evidenceLoaded(title: evidence.title, .survey, [Self.zhang]))
        #expect(render(state).lines.contains { $0.contains("Enter 打开修改") })
        #expect(render(state).trimmedLines.last == " ↑↓选择  Enter打开修改  Esc返回计划  F1帮助")
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 2, focus: "trained")])
    }

    /// An activity count (宣传活动) lists no records: Enter opens a new activity of that kind, back to the plan once
    /// saved (it said 此项没有可列出的台账记录, a dead end).
    @Test func enterOnAnActivityCountOpensANewActivityOfItsKind() throws {
        var state = Self.planState()
        let publicity = try #require(Self.row(of: "publicity", state))
        press(&state, Array(repeating: .down, count: publicity))
        // (the detail line wraps)
        #expect(render(state).trimmedLines.map { String($0.drop { $0 == " " }) }.joined().contains("Enter 新增宣传活动记录"))
        press(&state, [.enter])
        let form = try #require(state.form)
        #expect(form.spec.kind == .activity && form.values["kind"] == "宣传活动" && form.draftSlot != nil)
        guard case .plan = form.returnTo else { Issue.record("\(form.returnTo)"); return }
    }

    @Test func aChecklistStepSaysWhereItIsDone() throws {
        var state = Self.planState()
        let row = try #require(Self.row(of: "innovation", state))
        press(&state, Array(repeating: .down, count: row) + [.enter])
        #expect(state.message == "此项为自评项：请在社区档案与自评（6）中更新")
    }

    /// Gauges in plain ASCII where the terminal is not UTF-8 (or NO_COLOR): the score detail at 80×24.
    @Test func theScoreDetailsGaugesInASCII() {
        var state = ScreensAt80x24Tests.busyHome()
        state.asciiGauges = true
        press(&state, [.character("s")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 西宁市创建创业型社区评分表：总分 9/100（Enter 查看相关记录）",
            " 劳动者创业参与率达到7%            0/15 [++++--] 5.22%（47/900）",
            " 创业带动就业指数达到3             0/15 [------] —（0/0）",
            " 成立创建工作领导小组               2/2 [######] 已成立并切实履职",
            " 工作制度健全并执行                 0/2 [------] 未自评",
            " 创建工作方案                       0/3 [------] 未自评",
            " 三项补贴享受率100%                 0/6 [------] 0/0，0/0，0/0",
            " 建立摸底台账                       2/2 [######] 48",
            " 创业培训率100%                     0/8 [------] —（0/0）",
            " 培训合格率100%                     0/4 [------] —（0/0）",
            " 培训后创业率达30%                  0/2 [------] —（0/0）",
            " 开设创业服务窗口                   0/2 [------] 未自评",
            " 每人2次以上创业服务               0/16 [------] —（0/0）",
            " 创业宣传活动3次以上                0/3 [------] 0",
            " 树立创业典型1名以上                1/2 [###---] 0",
            " ※推荐入园孵化1家以上               0/6 [------] 0",
            " ※创业指导专家队伍/协作机制         0/4 [------] 未自评",
            " ※工作创新                          0/4 [------] 未自评",
            " ※台账资料完备                      4/4 [######] 错误0，警告0",
            " 要求：≥ 7%（Enter 列出参与创业活动者）　参与创业活动者47 ÷ 城镇劳动者总数900 =",
            "  5.22%（47/900），未达到7%，得0分",
            "",
            " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
    }

    /// At 120×40 the score panel beside a form has room for a gauge on every item.
    @Test func thePanelCarriesGaugesWhereItHasRoom() {
        var state = ScreensAt80x24Tests.busyHome()
        _ = reduce(&state, .resized(width: 120, height: 40))
        press(&state, [.character("1")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴                          ┌─ 评分 9/100（草稿未计入） ───────────┐",
            "                                                                                │劳动者创业参与率达到7%      ░░░   0/15│",
            "                   *姓名                                                        │创业带动就业指数达到3             0/15│",
            "           *公民身份号码                                                        │成立创建工作领导小组        █████  2/2│",
            "               *文化程度                                                        │工作制度健全并执行                 0/2│",
            "               *户籍性质                                                        │创建工作方案                       0/3│",
            "               *联系电话                                                        │三项补贴享受率100%                 0/6│",
            "               *人员类别                                                        │建立摸底台账                █████  2/2│",
            "               *创业状态                                                        │创业培训率100%                     0/8│",
            "               *摸底日期   2024-12-31                                           │培训合格率100%                     0/4│",
            "                    民族                                                        │培训后创业率达30%                  0/2│",
            "              现居住地址                                                        │开设创业服务窗口                   0/2│",
            "                                                                                │每人2次以上创业服务               0/16│",
            "                                                                                │创业宣传活动3次以上                0/3│",
            "                                                                                │树立创业典型1名以上         ██▌    1/2│",
            "                                                                                │※推荐入园孵化1家以上               0/6│",
            "                                                                                │※创业指导专家队伍/协作机制         0/4│",
            "                                                                                │※工作创新                          0/4│",
            "                                                                                │※台账资料完备               █████  4/4│",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "  最多30个字                                                                    │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                │                                      │",
            "                                                                                └──────────────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }

    @Test func thePlanAt120x40() {
        let state = Self.planState(width: 120, height: 40)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            " 评分计划：距考核期结束还有 0 天　当前 9 分，按计划最多可再得 64 分",
            " +15   【劳动者创业参与率达到7%】还需2名参与创业活动者（可从2名已登记但本期无服务/培训的人员中服务），得15分（+15）",
            " +6    【推荐入园孵化1家以上】再推荐1个项目或企业入园孵化（本期推荐入园达到1个），得6分（+6）",
            " +4    【创业培训率100%】再动员1名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到1人），得4分（+4）",
            "       └ 或：再动员5名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到5人），得6分（+6）",
            "       └ 或：再动员10名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到10人），得8分（+8）",
            " +12   【每人2次以上创业服务】3人本期服务不足2次，补齐后得12分（+12）",
            "       └ 或：补齐上述3人的服务，并再为7名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到10人），得1…",
            "       └ 或：补齐上述3人的服务，并再为12名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到15人），得…",
            " +1    【创业宣传活动3次以上】再开展1次宣传活动（本期宣传活动达到1次），得1分（+1）",
            "       └ 或：再开展3次宣传活动（本期宣传活动达到3次），得3分（+3）",
            " +1    【树立创业典型1名以上】再树立1名创业典型，事迹材料不少于500字（合格创业典型达到1名），得2分（+1）",
            " +4    【创业指导专家队伍/协作机制】自评项：做到“已建立并开展工作”并在社区档案中更新自评，得4分（+4）",
            " +4    【工作创新】自评项：做到“创新且效果明显”并在社区档案中更新自评，得4分（+4）",
            " +3    【创建工作方案】自评项：做到“有方案并有效执行”并在社区档案中更新自评，得3分（+3）",
            " +2    【工作制度健全并执行】自评项：做到“制度健全并有效执行”并在社区档案中更新自评，得2分（+2）",
            " +2    【开设创业服务窗口】自评项：做到“已开设并配备人员”并在社区档案中更新自评，得2分（+2）",
            " —     【创业带动就业指数达到3】无符合条件的人员：初期创业者为0，未计分",
            " —     【三项补贴享受率100%】无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数为0，未计分",
            " —     【培训合格率100%】无符合条件的人员：参加培训人数为0，未计分",
            " —     【培训后创业率达30%】无符合条件的人员：培训合格时未创业人数为0，未计分",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 还需2名参与创业活动者（可从2名已登记但本期无服务/培训的人员中服务），得15分（+15）　工作量 2　Enter 列出已登记但本期无",
            " 服务/培训的人员",
            "",
            " ↑↓选择措施  Enter列出相关人员和记录  Esc返回  F1帮助",
        ])
    }

    /// The score detail's gauges in ASCII, the whole screen at 80×24.
    @Test func theScoreDetailAt80x24InASCII() {
        var state = ScreensAt80x24Tests.busyHome()
        state.asciiGauges = true
        press(&state, [.character("s")])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 西宁市创建创业型社区评分表：总分 9/100（Enter 查看相关记录）",
            " 劳动者创业参与率达到7%            0/15 [++++--] 5.22%（47/900）",
            " 创业带动就业指数达到3             0/15 [------] —（0/0）",
            " 成立创建工作领导小组               2/2 [######] 已成立并切实履职",
            " 工作制度健全并执行                 0/2 [------] 未自评",
            " 创建工作方案                       0/3 [------] 未自评",
            " 三项补贴享受率100%                 0/6 [------] 0/0，0/0，0/0",
            " 建立摸底台账                       2/2 [######] 48",
            " 创业培训率100%                     0/8 [------] —（0/0）",
            " 培训合格率100%                     0/4 [------] —（0/0）",
            " 培训后创业率达30%                  0/2 [------] —（0/0）",
            " 开设创业服务窗口                   0/2 [------] 未自评",
            " 每人2次以上创业服务               0/16 [------] —（0/0）",
            " 创业宣传活动3次以上                0/3 [------] 0",
            " 树立创业典型1名以上                1/2 [###---] 0",
            " ※推荐入园孵化1家以上               0/6 [------] 0",
            " ※创业指导专家队伍/协作机制         0/4 [------] 未自评",
            " ※工作创新                          0/4 [------] 未自评",
            " ※台账资料完备                      4/4 [######] 错误0，警告0",
            " 要求：≥ 7%（Enter 列出参与创业活动者）　参与创业活动者47 ÷ 城镇劳动者总数900 =",
            "  5.22%（47/900），未达到7%，得0分",
            "",
            " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
    }

    /// A long export draws its progress over the screen.
    @Test func aProgressBarOverTheScreen() {
        var state = ScreensAt80x24Tests.busyHome()
        state.progress = 0.45
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "",
            "  八一路社区  八一路街道 · 城东区",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人",
            "",
            "  摸底登记 48 人    服务记录 91 条    工作记录 4 条",
            "  评分（西宁市创建创业型社区评分表）：总分 9 / 100",
            "  各台账没有发现问题",
            "",
            "     1  新增摸底登记",
            "     2  新增服 ┌─ 正在导出 ─────────────────────────────────────┐",
            "     3  新增工 │ ██████████████████▉                        45% │",
            "     4  浏览台 │ 写入Excel文件，请稍候…                         │",
            "     5  数据检 └────────────────────────────────────────────────┘",
            "     6  社区档案与自评",
            "     7  评分计划",
            "     s  评分明细",
            "     8  评选",
            "     9  操作员统计",
            "     o  督导总览",
            "     q  退出",
            "",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }
}

