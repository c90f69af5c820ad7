import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The defects of a clerk's day at the window (issue 17), each as the reducer sees it.
struct PersonCacheTests {
    let id = "630102200002290139"

    /// A person saved in the survey form must be found by the next form: the look-up made while typing them
    /// ("not registered") must not outlive the save.
    @Test func aPersonJustSavedIsLookedUpAgainByTheServiceForm() {
        var state = homeState()
        press(&state, [.character("1")] + type("刘一") + [.tab] + type(id) + [.tab])
        _ = reduce(&state, .idNumberLookedUp(id, []))
        #expect(state.knownPersons[id] != nil)
        _ = reduce(&state, .recordSaved(kind: .survey, summary: "刘一", findings: [], keepForNext: false))
        #expect(state.knownPersons.isEmpty)
        let effects = press(&state, [.character("2")] + type(id) + [.tab])
        #expect(effects.contains(.lookUpIdNumber(id)))
    }

    /// The duplicate check while typing a second person with the same number reads the store again after a save.
    @Test func aDuplicateTypedAfterASaveIsCaught() {
        var state = homeState()
        press(&state, [.character("1")] + type("刘一") + [.tab] + type(id) + [.tab])
        _ = reduce(&state, .idNumberLookedUp(id, []))
        _ = reduce(&state, .recordSaved(kind: .survey, summary: "刘一", findings: [], keepForNext: true))
        let effects = press(&state, type("刘二") + [.tab] + type(id) + [.tab])
        #expect(effects.contains(.lookUpIdNumber(id)))
        let existing = ValidationContext.ExistingPerson(id: 1, name: "刘一", communityCode: "630102001")
        _ = reduce(&state, .idNumberLookedUp(id, [existing]))
        #expect(state.form?.state(of: "id_number") == .error)
    }

    @Test func deletingOrRestoringForgetsTheLookUps() {
        var state = homeState()
        state.knownPersons[id] = []
        _ = reduce(&state, .registerChanged("已删除第1号记录"))
        #expect(state.knownPersons.isEmpty)
    }
}

struct AmbiguousChoiceTests {
    /// `yc` could be 有创业意愿 or 已创业: Tab must not pick one; the clerk is told both and stays in the field.
    @Test func tabOnAnAmbiguousStatusStaysAndNamesTheCandidates() throws {
        var state = homeState()
        press(&state, [.character("1")])
        for _ in 0..<6 { press(&state, [.tab]) }
        #expect(state.form?.focus == "status")
        press(&state, type("yc") + [.tab])
        let form = try #require(state.form)
        #expect(form.focus == "status")
        #expect(form.values["status"] == nil)
        #expect(state.messageIsError)
        #expect(state.message == "创业状态“yc”不唯一，可能是：有创业意愿、已创业。请用↑↓选择或多输入几个字")
        // ↓ takes the highlighted option, ↓ again the next one; then Tab commits what was picked.
        press(&state, [.down])
        #expect(state.form?.editor.text == "有创业意愿")
        press(&state, [.down, .tab])
        #expect(state.form?.values["status"] == "已创业")
        #expect(state.form?.focus == "survey_date")
    }

    /// Saving with an ambiguous entry in the editor does not store the first match either.
    @Test func savingAnAmbiguousEntryIsRefused() {
        var state = homeState()
        press(&state, [.character("1")])
        for _ in 0..<2 { press(&state, [.tab]) }
        #expect(state.form?.focus == "education")
        let effects = press(&state, type("gz") + [.function(2)])
        #expect(!effects.contains { if case .saveRecord = $0 { true } else { false } })
        #expect(state.form?.values["education"] == "gz")
    }

    @Test func ambiguousAndUnknownMessagesDiffer() {
        #expect(BusinessStatus.unknownMessage("yc").contains("不唯一"))
        #expect(BusinessStatus.unknownMessage("xyz").contains("无法识别"))
    }
}

struct KeptDraftTests {
    let community = "630102001"

    func draft(_ kind: FormKind, _ name: String, slot: String) -> Draft {
        Draft(kind: kind, communityCode: community, values: ["name": name], focus: "name", slot: slot)
    }

    /// 钱九's survey draft is kept; starting and discarding an activity draft must not lose it.
    @Test func discardingAnotherFormKeepsTheFirstDraft() {
        var state = homeState()
        press(&state, [.character("1")] + type("钱九") + [.tab])
        let survey = try! #require(state.form?.draftSlot)
        press(&state, [.escape, .enter]) // leave, keeping the draft
        #expect(state.drafts.map(\.slot) == [survey])
        press(&state, [.character("3")] + type("宣") + [.tab])
        let activity = try! #require(state.form?.draftSlot)
        #expect(activity != survey)
        let effects = press(&state, [.escape, .character("d")])
        #expect(effects.contains(.discardDraft(slot: activity)))
        #expect(!effects.contains(.discardDraft(slot: survey)))
        #expect(state.drafts.map(\.slot) == [survey])
        #expect(state.drafts.first?.values["name"] == "钱九")
    }

    /// Opening the survey form again offers the kept draft; n starts a new person and keeps the draft.
    @Test func reopeningTheSameFormOffersTheKeptDraft() {
        var state = homeState()
        let kept = draft(.survey, "钱九", slot: "x-1")
        _ = reduce(&state, .draftsLoaded([kept]))
        press(&state, [.escape]) // not now
        #expect(state.dialog == nil)
        press(&state, [.character("1")])
        #expect(state.dialog == .recoverDraft(kept))
        press(&state, [.character("n")] + type("孙十") + [.tab])
        #expect(state.form?.draftSlot != "x-1")
        #expect(Set(state.drafts.map { $0.values["name"] ?? "" }) == ["钱九", "孙十"])
        press(&state, [.escape, .enter, .character("1"), .enter])
        // The newest kept survey draft is offered first.
        #expect(state.form?.values["name"] == "孙十")
    }

    /// Correcting a saved record writes no draft and clears none.
    @Test func correctingARecordLeavesKeptDraftsAlone() {
        var state = homeState()
        _ = reduce(&state, .draftsLoaded([draft(.survey, "钱九", slot: "x-1")]))
        press(&state, [.escape])
        let editing = EditingRecord(register: .survey, id: 7, version: 1, originalFields: ["name": "李四", "id_number": "630102200002290139"])
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: nil))
        let effects = press(&state, type("X") + [.tab])
        #expect(!effects.contains { if case .storeDraft = $0 { true } else if case .discardDraft = $0 { true } else { false } })
        #expect(state.drafts.count == 1)
    }

    @Test func theStartListNamesEachDraftAndWhenItWasKept() {
        var state = homeState()
        var kept = draft(.survey, "钱九", slot: "z-1")
        kept.savedAt = "2024-12-30T16:05:41"
        _ = reduce(&state, .draftsLoaded([kept]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            "                                                                   ┌─ 评分 3/100 ──────────────────┐",
            "  八一路社区  八一路街道 · 城东区                                  │劳动者创业参与率达到7%     0/15│",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人                │创业带动就业指数达到3      0/15│",
            "                                                                   │成立创建工作领导小组    ██  2/2│",
            "  摸底登记 0 人    服务记录 0 条    工作记录 0 条                  │工作制度健全并执行          0/2│",
            "  评分（西宁市创建创业型社区评分表）：总分 3 / 100                 │创建工作方案                0/3│",
            "  各台账没有发现问题                                               │三项补贴享受率100%          0/6│",
            "                                                                   │建立摸底台账                0/2│",
            "     1  新增摸底登记                                               │创业培训率100%              0/8│",
            "     2  新增服务记录                                               │培训合格率100%              0/4│",
            "     3  新增 ┌─ 未保存的草稿（1份） ──────────────────────────────────────────────────┐         0/2│",
            "     4  浏览 │ 上次有未保存的表单，选择一份恢复：                                     │         0/2│",
            "     5  数据 │                                                                        │        0/16│",
            "     6  社区 │ ▶ 创业摸底登记：钱九（2024-12-30 16:05）                               │         0/3│",
            "     7  评分 │                                                                        │     █   1/2│",
            "     s  评分 │ ↑↓选择  Enter 恢复  d 放弃选中的草稿  Esc 稍后（新建同类表单时再提示） │         0/6│",
            "     8  评选 └────────────────────────────────────────────────────────────────────────┘ 作机制     │",
            "     9  操作员统计                                                 │                            0/4│",
            "     o  督导总览                                                   │※工作创新                   0/4│",
            "     q  退出                                                       │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出",
        ])
    }

    @Test func theStartListShowsOnlyThisCommunitysDrafts() {
        var state = homeState()
        let other = Draft(kind: .survey, communityCode: "630102002", values: ["name": "周一"], focus: "name", slot: "y-1")
        _ = reduce(&state, .draftsLoaded([other]))
        #expect(state.dialog == nil)
        _ = reduce(&state, .draftsLoaded([other, draft(.activity, "宣传", slot: "y-2")]))
        #expect(state.dialog == .keptDrafts(ListState()))
        press(&state, [.character("d"), .character("y")])
        #expect(state.dialog == nil)
        #expect(state.drafts.map(\.slot) == ["y-1"])
    }
}

struct ProfilePreviewTests {
    /// Changing the labour force or a checklist answer in the profile form previews the score before saving.
    @Test func theProfileFormPreviewsLabourForceAndChecklist() throws {
        var state = homeState()
        var facts = ScoreFacts()
        facts[.labourForce] = 50
        facts[.participants] = 3
        _ = reduce(&state, .factsLoaded(facts, Counts()))
        press(&state, [.character("6")])
        let saved = try #require(state.scoreCards?.saved)
        #expect(saved.item("participation_rate")?.points == .zero) // 3 ÷ 50 = 6% < 7%
        // Labour force 50 → 30: 3 ÷ 30 = 10% ≥ 7%.
        var form = try #require(state.form)
        form.values["labour_force"] = "30"
        state.screen = .form(form)
        state.refreshScoreCards() // as `reduce` does after every action
        #expect(state.scoreCards?.preview?.item("participation_rate")?.points == Points(15))
        // A checklist answer typed by pinyin initials of its label.
        form = try #require(state.form)
        form.focus(on: FormSpecs.checklistPrefix + "innovation")
        form.editor.setText("cxq")
        state.screen = .form(form)
        state.refreshScoreCards()
        #expect(state.scoreCards?.preview?.item("innovation")?.points == Points(4))
    }

    @Test func checklistAnswersAcceptLabelsAndInitials() throws {
        let item = try #require(rubrics().first { $0.id == "xining-community" }?.items.first { $0.id == "leading_group" })
        let choice = Choice(names: item.allowedLevels.map(FormSpecs.checklistChoice))
        let full = item.allowedLevels.map(FormSpecs.checklistChoice)
        #expect(choice.matches("2") == [full[0]])
        #expect(choice.matches(item.allowedLevels[1].label) == [full[1]])
    }
}

struct FirstRunTests {
    @Test func escOnTheFirstRunFormAsksBeforeQuitting() {
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
        _ = reduce(&state, .communitiesLoaded([]))
        let effects = press(&state, [.escape])
        #expect(!effects.contains(.quit))
        #expect(state.dialog == .quit)
        press(&state, [.character("x")])
        #expect(state.dialog == nil)
        #expect(press(&state, [.escape, .enter]).contains(.quit))
    }

    @Test func theFirstRunFormHasTheChecklistPage() {
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
        _ = reduce(&state, .communitiesLoaded([]))
        #expect(state.form?.spec.pages.count == 2)
        #expect(state.form?.spec.fields.contains { $0.key == FormSpecs.checklistPrefix + "leading_group" } == true)
    }
}

struct SaveAndNextTests {
    /// F3 in the survey form keeps 摸底日期 for the next paper form of the same day.
    @Test func f3KeepsTheSurveyDate() {
        var state = homeState()
        press(&state, [.character("1")])
        var form = try! #require(state.form)
        form.values["survey_date"] = "2024-05-06"
        form.defaulted.remove("survey_date")
        state.screen = .form(form)
        _ = reduce(&state, .recordSaved(kind: .survey, summary: "赵敏", findings: [], keepForNext: true))
        #expect(state.form?.values["survey_date"] == "2024-05-06")
        #expect(state.form?.values["name"] == nil)
        #expect(Chrome.hints(state).contains("F3"))
    }
}

/// What a new clerk ran into on the first day (a fresh-eyes trial of the whole app).
struct FirstDayTrialTests {
    /// `gz` lists 大学专科 and 普通高中: ↓ takes the first, ↓ again the second, never a name outside the matches.
    @Test func arrowsMoveThroughTheMatchesOfPartialText() {
        var state = homeState()
        press(&state, [.character("1"), .tab, .tab] + type("gz"))
        press(&state, [.down])
        let first = state.form?.editor.text
        press(&state, [.down])
        let second = state.form?.editor.text
        let matches = Education.matches("gz").map(\.rawValue)
        #expect(matches.count == 2)
        #expect([first, second] == matches.map(Optional.some))
        press(&state, [.tab])
        #expect(state.form?.values["education"] == matches[1])
    }

    /// A list field that already holds a value is typed over: 窗口 + `dh` is 电话, not `窗口dh`.
    @Test func typingOverAListValueReplacesIt() {
        var state = homeState()
        press(&state, [.character("2")])
        for _ in 0..<3 { press(&state, [.tab]) }
        #expect(state.form?.focus == "method")
        press(&state, type("sm") + [.tab, .backTab])
        #expect(state.form?.values["method"] == "上门")
        press(&state, type("dh") + [.tab])
        #expect(state.form?.values["method"] == "电话")
    }

    /// Esc on home asks to quit; the next key cancels the question and still does what it does.
    @Test func aKeyAfterAStrayEscStillWorks() {
        var state = homeState()
        press(&state, [.escape])
        #expect(state.dialog == .quit)
        let effects = press(&state, [.character("5")])
        #expect(state.dialog == nil)
        guard case .checks = state.screen else { Issue.record("expected 数据检查, got \(state.screen)"); return }
        #expect(effects.contains(.loadChecks(community: "630102001", recount: true)))
    }

    @Test func aChecklistAnswerOutsideItsLevelsIsAnError() {
        var state = homeState()
        press(&state, [.character("6"), .pageDown])
        guard var form = state.form else { Issue.record("no form"); return }
        form.focus(on: FormSpecs.checklistPrefix + "work_plan")
        state.screen = .form(form)
        press(&state, type("5") + [.tab])
        #expect(state.form?.state(of: FormSpecs.checklistPrefix + "work_plan") == .error)
    }

    /// Leaving a correction says the changes are given up (corrections are not drafted), not that a draft was kept.
    @Test func leavingACorrectionSaysItsChangesAreGivenUp() {
        var state = homeState()
        let editing = EditingRecord(register: .survey, id: 7, version: 1, originalFields: ["name": "李四", "id_number": "630102200002290139"])
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: nil))
        press(&state, type("X") + [.tab, .escape])
        #expect(state.dialog == .leaveForm)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴             ┌─ 评分 3/100（草稿未计入） ────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "                   *姓名 ✓ 李四X                                   │创业带动就业指数达到3      0/15│",
            "           *公民身份号码 ✓ 630102200002290139                      │成立创建工作领导小组    ██  2/2│",
            "               *文化程度                                           │工作制度健全并执行          0/2│",
            "               *户籍性质                                           │创建工作方案                0/3│",
            "               *联系电话                                           │三项补贴享受率100%          0/6│",
            "               *人员类别                                           │建立摸底台账                0/2│",
            "               *创业状态                                           │创业培训率100%              0/8│",
            "               *摸底日期                                           │培训合格率100%              0/4│",
            "                    民族                                           │培训后创业率达30%           0/2│",
            "              现居住地 ┌─ 离开表单 ─────────────────────────────────────────┐ 务窗口            0/2│",
            "                       │ 对这条记录的修改还没有保存。                       │上创业服务        0/16│",
            "                       │ 离开后这些修改将放弃（记录保持原样）。             │ 动3次以上         0/3│",
            "                       │                                                    │ 型1名以上     █   1/2│",
            "                       │ Enter / y 放弃修改并离开  Esc 继续修改（F2 保存）  │孵化1家以上        0/6│",
            "                       └────────────────────────────────────────────────────┘专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "  18位公民身份号码（15位旧号码会自动升级）                         │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 Esc返回 F1帮助",
        ])
        press(&state, [.enter])
        #expect(state.message == "已离开，未保存的修改已放弃")
    }
}

struct ClearedFieldsTests {
    /// Changing 类型 of a 创业典型 to 宣传活动 clears its story and person: the clerk is asked before saving.
    @Test func savingACorrectionThatClearsFieldsAsksFirst() throws {
        var state = homeState()
        let story = String(repeating: "创", count: 520)
        let editing = EditingRecord(register: .activity, id: 2, version: 1,
                                    originalFields: ["date": "2024-05-01", "kind": "创业典型", "title": "张三开店记", "story": story,
                                                     "person_id": "630102200002290139"])
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: "kind"))
        press(&state, type("宣传活动") + [.tab])
        var effects = press(&state, [.function(2)])
        #expect(!effects.contains { if case .saveRecord = $0 { true } else { false } })
        guard case .confirmClearedFields(let labels, _)? = state.dialog else { Issue.record("expected a question, got \(String(describing: state.dialog))"); return }
        #expect(labels == ["关联人员身份证号", "事迹材料"])
        // Esc: nothing saved; F2 and Enter: saved without the fields.
        press(&state, [.escape])
        #expect(state.dialog == nil)
        effects = press(&state, [.function(2), .enter])
        // Then the new kind's own warning (no 参与人数) asks for its reason, as for any save.
        if case .acceptWarning? = state.dialog { effects = press(&state, type("补录") + [.enter]) }
        guard case .saveRecord(_, _, let fields, _, _, _)? = effects.last else { Issue.record("expected the save: \(effects)"); return }
        #expect(fields["story"] == nil && fields["kind"] == "宣传活动")
    }

    /// A person's stored 0 / 否 in fields that never applied (an intending person's business fields) are not "cleared".
    @Test func fieldsThatNeverAppliedAreNotAskedAbout() {
        var state = homeState()
        let original = ["name": "王梅", "id_number": "630102197506150047", "education": "普通高中", "hukou": "城镇", "phone": "13800138000",
                        "categories": "其他", "status": "有创业意愿", "survey_date": "2024-04-01", "jobs_created": "0",
                        "training_passed": "否", "subsidy_first_eligible": "否", "trained": "否", "in_training_scope": "是"]
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 3, version: 1, originalFields: original), accepted: [:], focus: "phone"))
        press(&state, [.control("u")] + type("13800138001") + [.tab])
        #expect(state.form?.fieldsClearedOnSave.isEmpty == true)
        // Changing a 已创业 person to 有创业意愿 clears the business fields they had: those are asked about.
        var started = original
        started.merge(["status": "已创业", "entity_name": "王梅小吃", "entity_type": "个体工商户", "license_date": "2023-05-01",
                       "jobs_created": "2"]) { $1 }
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 4, version: 1, originalFields: started), accepted: [:], focus: "status"))
        press(&state, type("有创业意愿") + [.tab])
        #expect(state.form?.fieldsClearedOnSave.map(\.label) == ["经营主体名称", "主体类型", "营业执照登记日期", "带动就业人数"])
    }

    /// A person's ID number corrected to one with another birth date and gender saves: the 出生日期 and 性别 the ID
    /// decides follow the new number (kept from the record, they refused it with a field the form does not show,
    /// named by its key: `birth_date：…`).
    @Test func aCorrectedIdNumberBringsItsOwnBirthDateAndGender() throws {
        var state = homeState()
        let original = ["name": "王梅", "id_number": "630102197506150047", "gender": "女", "birth_date": "1975-06-15",
                        "education": "普通高中", "hukou": "城镇", "phone": "13800138000", "categories": "其他", "status": "有创业意愿",
                        "survey_date": "2024-04-01", "in_training_scope": "是", "trained": "否"]
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 3, version: 1, originalFields: original), accepted: [:],
                                         focus: "id_number"))
        press(&state, [.control("u")] + type("630102199003070116") + [.tab])
        let effects = press(&state, [.function(2)])
        #expect(!state.messageIsError, "\(state.message ?? "")")
        let saved = try #require(effects.compactMap { effect -> [String: String]? in
            if case .saveRecord(_, _, let fields, _, _, _) = effect { return fields } else { return nil }
        }.first)
        #expect(saved["id_number"] == "630102199003070116" && saved["birth_date"] == nil && saved["gender"] == nil)
    }
}

/// A choice field shows its options with none highlighted until ↓ takes one: the first option had looked chosen
/// while the field was empty (Tab left it empty, and the first ↓ took that same option, so ↓ seemed to do nothing).
struct ChoiceHighlightTests {
    @Test func noOptionIsHighlightedUntilOneIsTaken() throws {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1"), .tab, .tab])
        #expect(state.form?.focus == "education")
        func highlighted() -> [String] {
            let buffer = render(state)
            return (0..<buffer.height).compactMap { y in
                buffer[3, y].style == .focus ? buffer.lines[y].trimmingCharacters(in: .whitespaces) : nil
            }
        }
        #expect(render(state).lines.contains { $0.hasPrefix("  10 研究生") })
        #expect(highlighted() == [])
        press(&state, [.down])
        #expect(state.form?.editor.text == "研究生" && highlighted() == ["10 研究生"])
        press(&state, [.down])
        #expect(state.form?.editor.text == "大学本科" && highlighted() == ["20 大学本科"])
        // Partly typed: the matches, none highlighted
        press(&state, [.backTab, .tab] + type("大"))
        #expect(highlighted() == [])
    }
}
