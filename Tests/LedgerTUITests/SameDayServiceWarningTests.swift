import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// A service repeating one already saved for the person that day (same type) is warned while it is typed, as the
/// save would warn after F2: the form asks the store off the key loop (an effect) and the answer judges the draft
/// again with the validator's own rule.
struct SameDayServiceWarningTests {
    static let number = "630102199003070116"
    static let key = SameDayServiceKey(person: 1, date: testToday, type: .guidance)

    /// The service form for 张三 (person 1): today, 创业指导, 窗口 and the content typed; the effects of the typing.
    static func typedService() -> (AppState, [Effect]) {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")] + type(number) + [.tab])
        var effects = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        effects += press(&state, [.tab] + type("cyzd") + [.tab, .tab] + type("讲解开业流程"))
        return (state, effects)
    }

    @Test func theRuleIsAskedOfTheStoreAsAnEffectAndSavingWaitsForTheAnswer() {
        let (state, effects) = Self.typedService()
        #expect(effects.contains(.lookUpSameDayServices(Self.key)))
        #expect(keyWaits(.function(2), in: state, pending: [.lookUpSameDayServices(Self.key)]))
        // Typing does not wait for it
        #expect(!keyWaits(.character("讲"), in: state, pending: [.lookUpSameDayServices(Self.key)]))
    }

    /// The question is asked once the person, the date and the type are typed, before 服务内容: a back-dated repeat
    /// was warned only at F2, when the content completed the service.
    @Test func theRuleIsAskedAsSoonAsPersonDateAndTypeAreKnown() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("2")] + type(Self.number) + [.tab])
        _ = reduce(&state, .idNumberLookedUp(Self.number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        let effects = press(&state, [.tab] + type("cyzd") + [.tab])
        #expect(state.form?.values["content"] == nil)
        #expect(effects.contains(.lookUpSameDayServices(Self.key)), "\(effects)")
    }

    @Test func aServiceRepeatingOneSavedThatDayWarnsBeforeF2() throws {
        var (state, _) = Self.typedService()
        #expect(state.form?.findings.contains { $0.severity == .warning } == false)
        _ = reduce(&state, .sameDayServicesLookedUp(Self.key, [4]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业服务记录",
            "",
            "               *服务对象 ✓ 630102199003070116  张三",
            "               *服务日期 ! 2024-12-31",
            "               *服务类型 ✓ 创业指导",
            "               *服务方式   窗口",
            "               *服务内容   讲解开业流程",
            "                服务结果",
            "                 *经办人   王芳",
            "                    备注",
            "",
            "",
            "",
            "",
            "",
            "  最多300个字",
            "",
            "",
            "",
            "",
            "",
            " 服务日期：此人当天已有一条“创业指导”服务记录（第4号），可能重复登记",
            " Tab下一项 Shift-Tab上一项 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
        // F2 asks for a reason before anything is saved, as for any warning.
        #expect(!press(&state, [.function(2)]).contains { if case .saveRecord = $0 { true } else { false } })
        guard case .acceptWarning(let warning, _, _)? = state.dialog else { Issue.record("expected the warning to accept"); return }
        #expect(warning.message == "此人当天已有一条“创业指导”服务记录（第4号），可能重复登记")
    }

    @Test func noServiceThatDayNoWarningAndF2Saves() {
        var (state, _) = Self.typedService()
        _ = reduce(&state, .sameDayServicesLookedUp(Self.key, []))
        #expect(state.message == nil)
        #expect(press(&state, [.function(2)]).contains { if case .saveRecord = $0 { true } else { false } })
    }

    /// Answers are forgotten after each save: the service just saved is the next one's twin.
    @Test func aSaveForgetsTheAnswers() {
        var (state, _) = Self.typedService()
        _ = reduce(&state, .sameDayServicesLookedUp(Self.key, []))
        _ = reduce(&state, .recordSaved(kind: .service, summary: "张三", findings: [], keepForNext: true))
        #expect(state.knownSameDayServices.isEmpty)
    }
}
