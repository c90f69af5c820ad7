import Foundation
import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// What a clerk's day on the app found unsaid: a name cut while typed, a labour force typo, a service the survey
/// record contradicts, a draft thrown away by one key, a quit that did not say what becomes of the open form.
struct ClerkGapsTests {
    /// 32 characters typed into 姓名 (at most 30): said as they are refused, and again when the field is left.
    @Test func typingPastTheLimitIsSaidAndSaidAgainOnLeavingTheField() {
        var state = homeState(width: 80, height: 24)
        let name = "阿卜杜热合曼·买买提艾力·司马义阿不都热西提·吐尔逊托合提阿依" // 31 characters: 30 fit
        press(&state, [.character("1")] + type(String(name.prefix(29))))
        #expect(state.message == nil)
        press(&state, type(String(name.dropFirst(29).prefix(1))))
        #expect(state.message == "姓名已达最多30个字，再输入的字不会录入")
        press(&state, type("阿提"))
        #expect(state.message == "姓名最多30个字，已满：多输入的2个字未录入")
        #expect(state.form?.editor.text == String(name.prefix(30)))
        // Tab clears the status line for the next field's message: the cut is said again.
        press(&state, [.tab])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴",
            "",
            "                   *姓名 ✓ 阿卜杜热合曼·买买提艾力·司马义阿不都热西提·吐尔逊托…",
            "           *公民身份号码",
            "               *文化程度",
            "               *户籍性质",
            "               *联系电话",
            "               *人员类别",
            "               *创业状态",
            "               *摸底日期   2024-12-31",
            "                    民族",
            "              现居住地址",
            "",
            "",
            "",
            "  18位公民身份号码（15位旧号码会自动升级）",
            "",
            "",
            "",
            "",
            "",
            " 姓名最多30个字：多输入的2个字未录入，请核对",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
        // The next field starts afresh
        press(&state, type("6"))
        #expect(state.message == nil)
    }

    /// 14 nines typed into 城镇劳动者总数 (12 fit): the refused digits are said first on leaving, then the problem of
    /// the number kept, which the clerk did not type as such.
    @Test func digitsRefusedAtTheLimitAreSaidBeforeTheProblemOfWhatWasKept() throws {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("6")])
        var form = try #require(state.form)
        form.focus(on: "labour_force")
        state.screen = .form(form)
        press(&state, [.control("u")] + type(String(repeating: "9", count: 14)) + [.tab])
        let field = try #require(state.form?.spec.field("labour_force"))
        let kept = try #require(state.form?.findings.first { $0.field == "labour_force" && $0.severity == .error })
        #expect(state.form?.values["labour_force"] == String(repeating: "9", count: field.maxLength))
        #expect(state.message == "\(field.label)最多\(field.maxLength)个字：多输入的\(14 - field.maxLength)个字未录入；\(kept.message)")
        #expect(state.messageIsError)
    }

    /// 3200 → 32: the profile form warns and F2 asks for a reason, as for any warning.
    @Test func aLabourForceTypoAsksForAReasonBeforeSaving() throws {
        var state = homeState(width: 80, height: 24)
        var saved = testCommunity
        saved.labourForce = 3200
        _ = reduce(&state, .communitiesLoaded([saved]))
        var facts = ScoreFacts()
        facts[.labourForce] = 3200
        facts[.registered] = 7
        facts[.participants] = 4
        _ = reduce(&state, .factsLoaded(facts, Counts(persons: 7)))
        press(&state, [.character("6")])
        var form = try #require(state.form)
        form.focus(on: "labour_force")
        state.screen = .form(form)
        press(&state, [.control("u")] + type("32") + [.function(2)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 社区档案与自评  [1 社区档案]  2 自评（西宁市创建创业型社区评分表）",
            "",
            "               *社区代码 ✓ 630102001",
            "               *社区名称   八一路社区",
            "               *所属街道   八一路街道",
            "                   *区县   城东区",
            "                   *级别   社区",
            "         *城镇劳动者总数 ! 32",
            "   ┌─ 确认警告 ─────────────────────────────────────────────────────────────┐",
            "   │ ! 城镇劳动者总数由3200改为32，相差10倍以上，请核对是否多输或少输了数字 │",
            "   │                                                                        │",
            "   │ 如确认无误，请填写理由后按 Enter（Esc 取消）：                         │",
            "   │                                                                        │",
            "   └────────────────────────────────────────────────────────────────────────┘",
            "",
            "  ! 城镇劳动者总数由3200改为32，相差10倍以上，请核对是否多输或少输了数字",
            "",
            "",
            "",
            "",
            "",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 Esc返回 F1帮助 F4评分",
        ])
        let saving = press(&state, type("人口普查后重新核定") + [.enter])
        #expect(saving.contains { if case .saveCommunity(let c, _, _) = $0 { c.labourForce == 32 } else { false } })
    }

    /// Below the persons registered as well as ten times smaller: each warning is asked in turn.
    @Test func aLabourForceBelowThePersonsRegisteredIsAskedToo() throws {
        var state = homeState(width: 80, height: 24)
        var facts = ScoreFacts()
        facts[.labourForce] = 40
        facts[.registered] = 7
        _ = reduce(&state, .factsLoaded(facts, Counts(persons: 7)))
        press(&state, [.character("6")])
        var form = try #require(state.form)
        form.focus(on: "labour_force")
        state.screen = .form(form)
        press(&state, [.control("u")] + type("4") + [.function(2)])
        guard case .acceptWarning(let first, _, _)? = state.dialog else { Issue.record("expected a warning"); return }
        #expect(first.code == "labour_force.below_registered")
        press(&state, type("已核实") + [.enter])
        guard case .acceptWarning(let second, _, _)? = state.dialog else { Issue.record("expected a second warning"); return }
        #expect(second.code == "labour_force.tenfold")
        let saving = press(&state, type("已核实") + [.enter])
        #expect(saving.contains { if case .saveCommunity(let c, _, _) = $0 { c.labourForce == 4 } else { false } })
    }

    @Test func aPlausibleLabourForceChangeSavesWithoutAQuestion() throws {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("6")])
        var form = try #require(state.form)
        form.focus(on: "labour_force")
        state.screen = .form(form)
        // 40 → 80: twice, not ten times; the empty register has nobody it could be fewer than.
        let effects = press(&state, [.control("u")] + type("80") + [.function(2)])
        #expect(state.dialog == nil)
        #expect(effects.contains { if case .saveCommunity(let c, _, _) = $0 { c.labourForce == 80 } else { false } })
    }

    /// A 创业培训 service for a person whose survey record says 参加创业培训 = 否 warns once the record is known.
    @Test func aTrainingServiceForAnUntrainedPersonWarnsInTheForm() throws {
        var state = homeState(width: 80, height: 24)
        let number = "630102199003070116"
        press(&state, [.character("2")] + type(number) + [.tab])
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        press(&state, [.tab] + type("cypx") + [.tab, .tab] + type("SYB创业培训第一期"))
        #expect(state.form?.findings.isEmpty == true)
        let raw = ["name": "张三", "id_number": number, "education": "大专", "hukou": "城镇", "phone": "13912345678",
                   "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
        var person = try #require(PersonValidator.validate(raw, context: ValidationContext(
            today: testToday, communityCode: "630102001", period: testCommunity.period)).value)
        person.id = 1
        _ = reduce(&state, .servicePersonLoaded(PersonSnapshot(person: person, servicesInPeriod: 0)))
        #expect(state.form?.findings.map(\.code) == ["service.training_not_in_survey"])
        #expect(!press(&state, [.function(2)]).contains { if case .saveRecord = $0 { true } else { false } })
        guard case .acceptWarning(let warning, _, _)? = state.dialog else { Issue.record("expected the warning to accept"); return }
        #expect(warning.field == "service_type")
    }

    /// A service draft is named by the person its number found (a list of masked numbers says nothing to a clerk),
    /// and the name survives the store's encoding; a draft kept before it was still reads by its number.
    @Test func aServiceDraftIsNamedByItsPerson() throws {
        var state = homeState(width: 80, height: 24)
        let number = "630102199003070116"
        press(&state, [.character("2")] + type(number) + [.tab])
        let raw = ["name": "张三", "id_number": number, "education": "大专", "hukou": "城镇", "phone": "13912345678",
                   "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
        var person = try #require(PersonValidator.validate(raw, context: ValidationContext(
            today: testToday, communityCode: "630102001", period: testCommunity.period)).value)
        person.id = 1
        // The draft stored before the person was known is stored again with the name, without another key.
        let loaded = reduce(&state, .servicePersonLoaded(PersonSnapshot(person: person, servicesInPeriod: 0)))
        #expect(loaded.compactMap { if case .storeDraft(let d) = $0 { d.label } else { nil } } == ["创业服务记录：张三（630102********0116）"])
        #expect(state.drafts.map(\.label) == ["创业服务记录：张三（630102********0116）"])
        let effects = press(&state, type("x"))
        let stored = try #require(effects.compactMap { if case .storeDraft(let d) = $0 { d } else { nil } }.last)
        #expect(stored.label == "创业服务记录：张三（630102********0116）")
        let decoded = try JSONDecoder().decode(Draft.self, from: try JSONEncoder().encode(stored))
        #expect(decoded.personName == "张三")
        let older = try JSONDecoder().decode(Draft.self, from: Data(#"{"kind":"service","communityCode":"630102001","values":{"id_number":"\#(number)"},"focus":"content"}"#.utf8))
        #expect(older.label == "创业服务记录：630102********0116")
    }

    /// A service opened for correction starts on its 服务对象 field, holding a number nothing was searched for: the
    /// person it names is shown there once known, not "未找到匹配的人员" (which told a clerk the service had lost
    /// its person).
    @Test func aServiceOpenedForCorrectionShowsItsPersonNotAFailedSearch() throws {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("4"), .tab])
        let number = "630102199003070116"
        let fields = ["id_number": number, "service_date": "2024-04-01", "service_type": "创业指导", "method": "窗口",
                      "content": "讲解首次创业补贴申请流程", "staff": "王芳"]
        _ = reduce(&state, .recordOpened(EditingRecord(register: .service, id: 7, version: 1, originalFields: fields), accepted: [:], focus: nil))
        let raw = ["name": "张三", "id_number": number, "education": "大专", "hukou": "城镇", "phone": "13912345678",
                   "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
        var person = try #require(PersonValidator.validate(raw, context: ValidationContext(
            today: testToday, communityCode: "630102001", period: testCommunity.period)).value)
        person.id = 1
        // The two look-ups the opened record asks for, answered
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        _ = reduce(&state, .servicePersonLoaded(PersonSnapshot(person: person, servicesInPeriod: 1)))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业服务记录",
            "",
            "               *服务对象 ✓ 630102199003070116",
            "               *服务日期 ✓ 2024-04-01",
            "               *服务类型 ✓ 创业指导",
            "               *服务方式 ✓ 窗口",
            "               *服务内容 ✓ 讲解首次创业补贴申请流程",
            "                服务结果",
            "                 *经办人 ✓ 王芳",
            "                    备注",
            "",
            "",
            "",
            "",
            "",
            "  输入姓名、拼音首字母或身份证号末四位查找人员；↑↓ 选择，Tab 确认",
            "  张三  630102********0116",
            "",
            "",
            "",
            "",
            " 正在修改第7号记录：保存时会校验并记入修改记录",
            " Tab下一项 Shift-Tab上一项 F2保存 Esc返回 F1帮助 F4评分",
        ])
        // Typed over, it is a search again: nobody found for what was typed is said so
        press(&state, [.control("u")] + type("zzz"))
        _ = reduce(&state, .personsFound(query: "zzz", []))
        #expect(render(state).trimmedLines.contains("  （未找到匹配的人员）"))
    }

    /// Several persons found for what was typed are a question: Tab stays and names them (it had taken the first,
    /// and a service went on the wrong person); ↓ takes the highlighted one, ↓ again the next.
    @Test func severalPersonsFoundAreNotGuessed() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")] + type("ly"))
        let hits = [PersonHit(id: 1, name: "李艳", idNumber: "630102199003070116", status: "有创业意愿"),
                    PersonHit(id: 2, name: "刘洋", idNumber: "63010219880412022X", status: "已创业")]
        _ = reduce(&state, .personsFound(query: "ly", hits))
        press(&state, [.tab])
        #expect(state.form?.focus == "id_number" && state.form?.values["id_number"] == nil)
        #expect(state.message == "服务对象“ly”不唯一，可能是：李艳（…0116）、刘洋（…022X）。请用↑↓选择或多输入几个字")
        press(&state, [.down, .down, .tab])
        #expect(state.form?.values["id_number"] == "63010219880412022X" && state.form?.focus != "id_number")
    }

    /// A name or digits that found nobody is said to have found nobody, not to be an ID number of the wrong length;
    /// a whole number still gets the number's own message.
    @Test func aSearchThatFoundNobodySaysSo() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")] + type("钱多多"))
        _ = reduce(&state, .personsFound(query: "钱多多", []))
        press(&state, [.tab])
        let nobody = "本社区摸底台账中没有找到“钱多多”：请输入已登记人员的姓名、拼音首字母或身份证号码（末四位即可）；新人员请先登记摸底信息"
        #expect(state.form?.findings.filter { $0.field == "id_number" }.map(\.message) == [nobody])
        press(&state, [.backTab, .control("u")] + type("63010219900307011"))
        _ = reduce(&state, .personsFound(query: "63010219900307011", []))
        press(&state, [.tab])
        #expect(state.form?.findings.filter { $0.field == "id_number" }.map(\.code) == ["id.format"])
    }

    static func kept(_ name: String, slot: String) -> Draft {
        var d = Draft(kind: .survey, communityCode: "630102001", values: ["name": name], focus: "phone", slot: slot)
        d.savedAt = "2024-12-30T16:05:41"
        return d
    }

    /// d in the start list asks, naming the draft; only y or Enter throws it away.
    @Test func discardingAKeptDraftAsksFirst() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .draftsLoaded([Self.kept("钱九", slot: "z-1"), Self.kept("孙十", slot: "z-2")]))
        press(&state, [.down])
        #expect(press(&state, [.character("d")]).isEmpty)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "",
            "  八一路社区  八一路街道 · 城东区",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人",
            "",
            "  摸底登记 0 人    服务记录 0 条    工作记录 0 条",
            "  评分（西宁市创建创业型社区评分表）：总分 3 / 100",
            "  各台账没有发现问题",
            "",
            "     1  新增 ┌─ 未保存的草稿（2份） ──────────────────────────────┐",
            "     2  新增 │ 放弃草稿“创业摸底登记：孙十”？                     │",
            "     3  新增 │ 放弃后其中填写的内容无法恢复。                     │",
            "     4  浏览 │                                                    │",
            "     5  数据 │ Enter / y 放弃    其他键 保留并返回列表            │",
            "     6  社区 └────────────────────────────────────────────────────┘",
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
        // Any other key: kept, back in the list
        press(&state, [.character("n")])
        #expect(state.dialog == .keptDrafts(ListState(selected: 1)))
        #expect(state.drafts.count == 2)
        let effects = press(&state, [.character("d"), .character("y")])
        #expect(effects == [.discardDraft(slot: "z-2")])
        #expect(state.drafts.map(\.slot) == ["z-1"])
        #expect(state.message == "已放弃草稿：创业摸底登记：孙十")
    }

    /// The quit dialog over a new record's form says its draft is kept and offered next time.
    @Test func quittingOverAFormSaysItsDraftIsKept() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")] + type("赵敏") + [.tab, .control("c")])
        #expect(state.dialog == .quit)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴",
            "",
            "                   *姓名 ✓ 赵敏",
            "           *公民身份号码",
            "               *文化程度",
            "               *户籍性质",
            "               *联系电话",
            "               *人员类别",
            "          ┌─ 退出 ───────────────────────────────────────────────────┐",
            "          │ 确定退出创业台账吗？                                     │",
            "          │ 正在填写的表单未保存：草稿已保留，下次启动时会提示恢复。 │",
            "          │                                                          │",
            "          │ Enter / y 退出    其他键 取消（F2 保存）                 │",
            "          └──────────────────────────────────────────────────────────┘",
            "",
            "  18位公民身份号码（15位旧号码会自动升级）",
            "",
            "",
            "",
            "",
            "",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
        // Over a correction, the changes are given up, and it says so.
        var correcting = homeState(width: 80, height: 24)
        let editing = EditingRecord(register: .survey, id: 7, version: 1, originalFields: ["name": "李四", "id_number": "630102200002290139"])
        _ = reduce(&correcting, .recordOpened(editing, accepted: [:], focus: nil))
        press(&correcting, type("X") + [.tab, .control("c")])
        #expect(render(correcting).trimmedLines.contains { $0.contains("正在修改的内容尚未保存，退出后将放弃。") })
        // Nothing typed: the plain question
        var plain = homeState(width: 80, height: 24)
        press(&plain, [.character("1"), .control("c")])
        #expect(!render(plain).trimmedLines.contains { $0.contains("草稿") })
    }
}
