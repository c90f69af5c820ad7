import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

struct StartUpTests {
    @Test func noCommunityOpensTheProfileForm() {
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
        let effects = reduce(&state, .communitiesLoaded([]))
        #expect(effects.isEmpty)
        #expect(state.form?.spec.kind == .profile)
        #expect(state.message?.contains("请先建立社区档案") == true)
    }

    @Test func oneCommunityGoesHomeAndLoadsItsFiguresThenTheDraft() {
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
        #expect(reduce(&state, .communitiesLoaded([testCommunity])) == [.loadFacts(community: "630102001"), .loadAccess])
        #expect(reduce(&state, .factsLoaded(ScoreFacts(), Counts())) == [.loadDrafts, .loadLock(community: "630102001")])
        // the draft is checked once; the lock with every load of the figures
        #expect(reduce(&state, .factsLoaded(ScoreFacts(), Counts())) == [.loadLock(community: "630102001")])
    }

    @Test func aStoredDraftIsListedAtStartAndEnterRestoresIt() {
        var state = homeState()
        let draft = Draft(kind: .survey, communityCode: "630102001", values: ["name": "赵敏"], focus: "id_number", slot: "a-1")
        _ = reduce(&state, .draftsLoaded([draft]))
        #expect(state.dialog == .keptDrafts(ListState()))
        press(&state, [.enter])
        #expect(state.dialog == nil)
        #expect(state.form?.values["name"] == "赵敏")
        #expect(state.form?.focus == "id_number")
        #expect(state.form?.draftSlot == "a-1")
    }
}

struct SurveyEntryTests {
    @Test func requiredFieldsComeFirstInTheAgreedOrder() {
        let keys = FormSpecs.survey.fields.filter { $0.page == 0 }.prefix(8).map(\.key)
        #expect(keys == ["name", "id_number", "education", "hukou", "phone", "categories", "status", "survey_date"])
        #expect(FormSpecs.survey.fields.filter(\.required).allSatisfy { $0.page == 0 })
    }

    @Test func typingAPersonValidatesAndPreviewsTheScore() {
        var state = homeState()
        press(&state, [.character("1")])
        #expect(state.form?.spec.kind == .survey)
        let effects = press(&state, type("赵敏") + [.tab] + type("630102200002290139") + [.tab] + type("dz") + [.tab]
                                + type("cz") + [.tab] + type("13700001234") + [.tab] + type("退役军人") + [.tab] + type("有") + [.tab])
        #expect(effects.contains(.lookUpIdNumber("630102200002290139")))
        #expect(effects.contains { if case .storeDraft(let d) = $0 { d.values["name"] == "赵敏" } else { false } })
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", []))
        let form = try! #require(state.form)
        #expect(form.values["education"] == "大学专科")
        #expect(form.values["status"] == "有创业意愿")
        #expect(form.values["survey_date"] == "2024-12-31") // the default, today
        #expect(form.findings.errors.isEmpty)
        // The preview shows the register item as if the person were saved: 0 → 2.
        let cards = try! #require(state.scoreCards)
        #expect(cards.saved.item("survey_register")?.points == .zero)
        #expect(cards.preview?.item("survey_register")?.points == Points(2))
    }

    @Test func wrongCheckDigitIsShownOnLeavingAndBlocksSaving() {
        var state = homeState()
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290130") + [.tab])
        #expect(state.message == "公民身份号码：公民身份号码校验不符，请对照证件逐位核对")
        #expect(state.form?.state(of: "id_number") == .error)
        let effects = press(&state, [.function(2)])
        #expect(!effects.contains { if case .saveRecord = $0 { true } else { false } })
        #expect(state.form?.focus == "id_number")
        #expect(state.messageIsError)
        #expect(state.message == "有6处错误，不能保存（已在表中标出）。公民身份号码：公民身份号码校验不符，请对照证件逐位核对")
    }

    @Test func aDefaultIsReplacedByTheFirstKeystroke() {
        var state = homeState()
        press(&state, [.character("1")])
        for _ in 0..<7 { press(&state, [.tab]) }
        #expect(state.form?.focus == "survey_date")
        #expect(state.form?.editor.replaceOnType == true)
        press(&state, type("20240506") + [.tab])
        #expect(state.form?.values["survey_date"] == "2024-05-06")
    }

    @Test func businessFieldsAreSkippedForIntendingPersons() {
        var state = homeState()
        press(&state, [.character("1")])
        var form = try! #require(state.form)
        form.values["status"] = "有创业意愿"
        #expect(!form.fields(onPage: 1).contains { $0.key == "entity_name" })
        form.values["status"] = "已创业"
        #expect(form.fields(onPage: 1).contains { $0.key == "entity_name" })
    }

    @Test func savingACompleteFormEmitsTheSaveAndSuccessGoesHome() {
        var state = homeState()
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab] + type("30") + [.tab]
              + type("城镇") + [.tab] + type("13700001234") + [.tab] + type("其他") + [.tab] + type("有") + [.tab])
        let effects = press(&state, [.control("s")])
        guard case .saveRecord(let kind, let community, let fields, _, false, nil)? = effects.last else {
            Issue.record("expected a save, got \(effects)")
            return
        }
        #expect(kind == .survey && community == "630102001" && fields["name"] == "赵敏")
        let slot = try! #require(state.form?.draftSlot)
        let after = reduce(&state, .recordSaved(kind: .survey, summary: "赵敏", findings: [], keepForNext: false))
        #expect(after.contains(.discardDraft(slot: slot)) && after.contains(.loadFacts(community: "630102001")))
        #expect(state.drafts.isEmpty)
        guard case .home = state.screen else { Issue.record("expected home"); return }
        #expect(state.message == "已保存：赵敏")
    }

    /// With several communities, the list reloaded after a save must leave the clerk in their community (it used to
    /// open the list of communities after every new record).
    @Test func savingWithSeveralCommunitiesStaysInTheCommunity() {
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
        var other = testCommunity
        other.code = "630102002"
        other.name = "南关社区"
        _ = reduce(&state, .communitiesLoaded([testCommunity, other]))
        guard case .chooseCommunity = state.screen else { Issue.record("expected the list of communities"); return }
        press(&state, [.enter])
        #expect(state.community?.code == "630102001")
        press(&state, [.character("1")])
        let after = reduce(&state, .recordSaved(kind: .survey, summary: "赵敏", findings: [], keepForNext: false))
        #expect(after.contains(.loadCommunities))
        var renamed = testCommunity
        renamed.name = "八一路社区（新名）"
        _ = reduce(&state, .communitiesLoaded([renamed, other]))
        guard case .home = state.screen else { Issue.record("expected home, got \(state.screen)"); return }
        #expect(state.community?.name == "八一路社区（新名）")
    }

    /// A clerk of one community starts on their own community in the list; a supervisor on the first.
    @Test func theListOfCommunitiesStartsOnTheClerksOwn() {
        var other = testCommunity
        other.code = "630102002"
        other.name = "南关社区"
        for (writable, expected) in [(Set(["630102002"]) as Set<String>?, "630102002"), (nil, "630102001")] {
            var state = AppState(width: 100, height: 30, operatorName: "王芳", today: testToday, rubrics: rubrics())
            _ = reduce(&state, .communitiesLoaded([testCommunity, other]))
            _ = reduce(&state, .accessLoaded(writable))
            press(&state, [.enter])
            #expect(state.community?.code == expected)
        }
    }

    /// A signed 初评 locks the records: home says so in the header and the entry keys refuse before a record is
    /// typed; the lock is per community and lifts when the evaluation screen reports it unlocked.
    @Test func aLockedCommunityRefusesEntryBeforeTyping() {
        var state = homeState()
        _ = reduce(&state, .lockLoaded(community: "630102999", Signature(by: "督导员", at: "2024-12-31T11:00:00")))
        #expect(state.lock == nil) // another community's lock is not this one's
        press(&state, [.character("1")])
        if case .form = state.screen {} else { Issue.record("the form should open: \(state.screen)") }
        state = homeState()
        _ = reduce(&state, .lockLoaded(community: "630102001", Signature(by: "督导员", at: "2024-12-31T11:00:00")))
        #expect(render(state).trimmedLines[0].contains("［已锁定］"))
        for key in ["1", "2", "3", "6"] {
            #expect(press(&state, [.character(Character(key))]).isEmpty)
            if case .home = state.screen {} else { Issue.record("\(key) left home") }
            #expect(state.message == "台账已锁定（督导员 2024-12-31 签署初评），不能新增或修改")
        }
        _ = reduce(&state, .lockLoaded(community: "630102001", nil))
        #expect(!render(state).trimmedLines[0].contains("［已锁定］"))
    }

    @Test func warningsNeedAReasonBeforeSaving() {
        var state = homeState()
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab] + type("30") + [.tab]
              + type("城镇") + [.tab] + type("13700001234") + [.tab] + type("其他") + [.tab] + type("有") + [.tab])
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", [.init(id: 9, name: "赵敏", communityCode: "630102002")]))
        var effects = press(&state, [.function(2)])
        guard case .acceptWarning(let finding, _, _)? = state.dialog else { Issue.record("expected the warning dialog"); return }
        #expect(finding.code == "id.other_community")
        #expect(effects.isEmpty)
        effects = press(&state, [.enter]) // an empty reason is refused
        #expect(state.message == "请填写接受此警告的理由")
        effects = press(&state, type("已核实为本社区常住") + [.enter])
        guard case .saveRecord(_, _, _, let accepted, _, _)? = effects.last else { Issue.record("expected a save"); return }
        #expect(accepted == ["id.other_community": "已核实为本社区常住"])
    }

    @Test func escapeWithChangesAsksAndKeepsTheDraft() {
        var state = homeState()
        press(&state, [.character("1")] + type("赵"))
        press(&state, [.escape])
        #expect(state.dialog == .leaveForm)
        press(&state, [.character("y")])
        guard case .home = state.screen else { Issue.record("expected home"); return }
        #expect(state.message?.contains("草稿已保留") == true)
    }
}

struct ServiceEntryTests {
    @Test func searchPickAndSaveAndNextKeepsDateStaffAndMethod() {
        var state = homeState()
        press(&state, [.character("2")])
        #expect(state.form?.values["staff"] == "王芳")
        let effects = press(&state, type("zs"))
        #expect(effects.contains(.searchPersons(community: "630102001", query: "zs")))
        _ = reduce(&state, .personsFound(query: "zs", [PersonHit(id: 1, name: "张三", idNumber: "630102199003070116", status: "有创业意愿")]))
        let tabEffects = press(&state, [.tab])
        #expect(state.form?.values["id_number"] == "630102199003070116")
        #expect(tabEffects.contains(.loadServicePerson(community: "630102001", idNumber: "630102199003070116")))
        _ = reduce(&state, .idNumberLookedUp("630102199003070116", [.init(id: 1, name: "张三", communityCode: "630102001")]))
        press(&state, type("20240601") + [.tab] + type("政策") + [.tab] + [.tab] + type("讲解首次创业补贴") + [.tab])
        let saved = press(&state, [.function(3)])
        guard case .saveRecord(.service, _, let fields, _, true, nil)? = saved.last else { Issue.record("expected save-and-next, got \(saved)"); return }
        #expect(fields["service_type"] == "政策咨询" && fields["method"] == "窗口")
        _ = reduce(&state, .recordSaved(kind: .service, summary: "张三", findings: [], keepForNext: true))
        let next = try! #require(state.form)
        #expect(next.values["service_date"] == "2024-06-01" && next.values["staff"] == "王芳" && next.values["method"] == "窗口")
        #expect(next.values["id_number"] == nil && next.values["content"] == nil)
    }
}

struct TerminalEventTests {
    @Test func invalidInputIsReportedNotInserted() {
        var state = homeState()
        press(&state, [.character("1"), .invalidInput])
        #expect(state.form?.editor.text == "")
        #expect(state.message?.contains("不是有效的UTF-8") == true)
    }

    @Test func aHugePasteIsCutToTheFieldLimit() {
        var state = homeState()
        press(&state, [.character("1")])
        _ = reduce(&state, .pasted(String(repeating: "张", count: 2_000_000)))
        #expect(state.form?.editor.characters.count == 30)
        #expect(state.message?.contains("过长") == true)
    }

    /// A paste that ends in a line break leaves the field at once; the key clears the status line, so the cut is
    /// said again for the field left (it was cut without a word).
    @Test func aPasteCutAndEndingInALineBreakIsSaidAfterLeavingTheField() {
        var state = homeState()
        press(&state, [.character("1")])
        _ = reduce(&state, .pasted(String(repeating: "张", count: 2_100)))
        press(&state, [.enter])
        #expect(state.form?.focus != "name" && state.form?.values["name"]?.count == 30)
        #expect(state.message == "粘贴的内容过长：姓名最多30个字，超出的部分已舍去，请核对")
        // Typed on in the next field, the cut is no longer repeated once that field is left too
        press(&state, type("6301") + [.tab])
        #expect(state.message?.contains("粘贴的内容过长") != true)
    }

    /// Ctrl-C at a terminal too small to draw on quits at once when no form holds unsaved typing, and asks first
    /// when one does (saying whether it is given up or kept as a draft): y quits, any other key keeps it.
    @Test func ctrlCAtTooSmallAsksBeforeGivingUpACorrection() {
        var idle = homeState()
        _ = reduce(&idle, .resized(width: 60, height: 20))
        #expect(press(&idle, [.control("c")]) == [.quit])

        var state = homeState()
        let editing = EditingRecord(register: .survey, id: 7, version: 1, originalFields: ["name": "李四", "id_number": "630102200002290139"])
        _ = reduce(&state, .recordOpened(editing, accepted: [:], focus: nil))
        press(&state, type("X") + [.tab])
        _ = reduce(&state, .resized(width: 60, height: 20))
        #expect(press(&state, [.control("c")]).isEmpty)
        expectScreen(render(state), [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "              终端窗口太小，请调整到至少 80×24",
            "                        当前：60×20",
            "             正在修改的内容尚未保存，退出将放弃",
            "                    y 退出　其他键 取消",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ])
        // Another key keeps the correction; back at full size it is still there, unsaved.
        #expect(press(&state, [.character("n")]).isEmpty)
        _ = reduce(&state, .resized(width: 100, height: 30))
        #expect(state.dialog == nil && state.form?.values["name"] == "李四X")
        _ = reduce(&state, .resized(width: 60, height: 20))
        #expect(press(&state, [.control("c"), .character("y")]) == [.quit])

        // A new record's typing is kept as a draft: it asks too, as the quit dialog does, and says so.
        var typing = homeState()
        press(&typing, [.character("1")] + type("赵敏") + [.tab])
        _ = reduce(&typing, .resized(width: 60, height: 20))
        #expect(press(&typing, [.control("c")]).isEmpty)
        expectScreen(render(typing), [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "              终端窗口太小，请调整到至少 80×24",
            "                        当前：60×20",
            "         表单未保存：草稿已保留，下次启动时提示恢复",
            "                    y 退出　其他键 取消",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ])
        #expect(press(&typing, [.enter]) == [.quit])
    }

    @Test func tooSmallAndBack() {
        var state = homeState()
        _ = reduce(&state, .resized(width: 60, height: 20))
        expectScreen(render(state), [
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "              终端窗口太小，请调整到至少 80×24",
            "                        当前：60×20",
            "                        Ctrl-C 退出",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ])
        #expect(press(&state, [.character("1")]).isEmpty)
        _ = reduce(&state, .resized(width: 100, height: 30))
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
            "     3  新增工作记录                                               │培训后创业率达30%           0/2│",
            "     4  浏览台账                                                   │开设创业服务窗口            0/2│",
            "     5  数据检查                                                   │每人2次以上创业服务        0/16│",
            "     6  社区档案与自评                                             │创业宣传活动3次以上         0/3│",
            "     7  评分计划                                                   │树立创业典型1名以上     █   1/2│",
            "     s  评分明细                                                   │※推荐入园孵化1家以上        0/6│",
            "     8  评选                                                       │※创业指导专家队伍/协作机制     │",
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
}

struct ProfileChecklistTests {
    @Test func checklistAnswersAreChosenFromTheRubricLevelsAndSaved() {
        var state = homeState()
        press(&state, [.character("6")])
        let form = try! #require(state.form)
        #expect(form.spec.pages == ["社区档案", "自评（西宁市创建创业型社区评分表）"])
        #expect(form.values["checklist.leading_group"] == "2分 已成立并切实履职")
        press(&state, [.pageDown])
        #expect(state.form?.focus == "checklist.leading_group")
        press(&state, [.tab])  // work_rules
        press(&state, type("1") + [.tab])
        let effects = press(&state, [.function(2)])
        guard case .saveCommunity(let c, _, _)? = effects.last else { Issue.record("expected a save, got \(effects)"); return }
        #expect(c.checklist["work_rules"] == Points(1))
        #expect(c.checklist["leading_group"] == Points(2))
        #expect(c.labourForce == 40)
    }
}
