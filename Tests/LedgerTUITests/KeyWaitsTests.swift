import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// KeyWaits.swift: typing never waits for the store; a key waits only for the answer its meaning depends on.
struct KeyWaitsTests {
    static let draft = Draft(kind: .survey, communityCode: "630102001", values: ["name": "王"], focus: "name", slot: "s-1")
    static let lookUp = Effect.lookUpIdNumber("630102199003070116")
    static let save = Effect.saveRecord(kind: .survey, community: "630102001", fields: [:], acceptedWarnings: [:], keepForNext: false)

    @Test func typingInAFormNeverWaitsForLookUpsDraftsOrFigures() {
        var state = homeState()
        press(&state, [.character("1")])
        let pending: [Effect] = [Self.lookUp, .storeDraft(Self.draft), .loadFacts(community: "630102001"), .loadCommunities]
        for key in [Key.character("王"), .tab, .backTab, .backspace, .pageDown, .escape, .control("u")] {
            #expect(!keyWaits(key, in: state, pending: pending), "\(key)")
        }
        #expect(!keyWaits(nil, in: state, pending: pending)) // a paste
    }

    @Test func savingWaitsForTheLookUpThatDecidesItsWarnings() {
        var state = homeState()
        press(&state, [.character("1")])
        for key in [Key.function(2), .function(3), .control("s")] {
            #expect(keyWaits(key, in: state, pending: [Self.lookUp]))
            #expect(!keyWaits(key, in: state, pending: [.storeDraft(Self.draft)]))
        }
    }

    @Test func pickingFromAPersonSearchWaitsForItsResultsTypingDoesNot() {
        var state = homeState()
        press(&state, [.character("2")])
        let search = Effect.searchPersons(community: "630102001", query: "zs")
        #expect(keyWaits(.tab, in: state, pending: [search]))
        #expect(keyWaits(.down, in: state, pending: [search]))
        #expect(!keyWaits(.character("s"), in: state, pending: [search]))
        #expect(!keyWaits(.tab, in: state, pending: [Self.lookUp]))
    }

    @Test func everyKeyWaitsWhileTheNextScreenIsDecided() {
        var state = homeState()
        press(&state, [.character("1")])
        for effect in [Self.save, .openRecord(.survey, id: 1, focus: nil), .deleteRecord(.survey, id: 1, reason: "重复"), .quit] {
            #expect(keyWaits(.character("a"), in: state, pending: [effect]), "\(effect)")
            #expect(keyWaits(nil, in: state, pending: [effect]), "\(effect)")
        }
    }

    @Test func homeKeysWaitForKeptDraftsAndRightsNotForFigures() {
        let state = homeState()
        #expect(keyWaits(.character("1"), in: state, pending: [.loadDrafts]))
        #expect(keyWaits(.character("1"), in: state, pending: [.loadAccess]))
        #expect(!keyWaits(.character("1"), in: state, pending: [.loadFacts(community: "630102001"), .loadCommunities]))
        #expect(!keyWaits(.character("1"), in: state, pending: []))
    }

    @Test func browserRowKeysWaitForTheRowsSearchTypingDoesNot() {
        var state = homeState()
        press(&state, [.character("4")])
        let page = Effect.searchRecords(register: .survey, community: "630102001", query: "w", limit: 22)
        #expect(keyWaits(.enter, in: state, pending: [page]))
        #expect(keyWaits(.down, in: state, pending: [page]))
        press(&state, [.character("/")])
        #expect(!keyWaits(.character("m"), in: state, pending: [page]))
        #expect(!keyWaits(.enter, in: state, pending: [page]))
    }

    /// The busy hint replaces the key hints while keys wait (whole screen, 80×24).
    @Test func heldKeysShowTheBusyHint() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")])
        _ = reduce(&state, .keysHeld(3))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴",
            "",
            "                   *姓名",
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
            "  最多30个字",
            "",
            "",
            "",
            "",
            "",
            "",
            " 请稍候：正在等待数据库，已按的3个键随后处理",
        ])
        _ = reduce(&state, .keysHeld(0))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴",
            "",
            "                   *姓名",
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
            "  最多30个字",
            "",
            "",
            "",
            "",
            "",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助 F4评分",
        ])
    }
}

/// Issue 19 item 7: a draft is validated once per change of what validation reads, not again by each step of
/// `reduce` or by `render`.
struct ValidationOnceTests {
    @Test func findingsAreKeptUntilTheirInputsChange() throws {
        var state = homeState()
        press(&state, [.character("1")] + type("赵敏"))
        // A finding no validator writes: it stays only if nothing validates again.
        let marker = Finding(field: "name", severity: .warning, code: "test.marker", message: "标记")
        var form = try #require(state.form)
        form.findings = [marker]
        state.screen = .form(form)
        _ = reduce(&state, .keysHeld(0))          // an action that changes nothing validation reads
        _ = render(state)
        #expect(state.form?.findings == [marker])
        press(&state, type("敏"))                  // the name changes: validated again
        #expect(state.form?.findings.contains(marker) == false)
    }
}
