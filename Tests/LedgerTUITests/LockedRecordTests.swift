import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// Once the 初评 is signed the community's records are locked: a record opens read-only with the lock said above
/// it (not in an edit form refused only at F2), and the entry keys refuse in one line at 80 columns.
struct LockedRecordTests {
    static let lock = Signature(by: "督导员", at: "2024-12-31T11:00:00")
    static let fields = ["name": "张三", "id_number": "630102199003070116", "gender": "男", "phone": "13912345678",
                         "status": "已创业", "survey_date": "2024-03-15", "industry": "H", "entity_name": "张三面馆"]

    static func lockedBrowser() -> AppState {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, lock))
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        return state
    }

    @Test func enterOpensTheRecordReadOnlyWithTheLockAndWhoSigned() {
        var state = Self.lockedBrowser()
        #expect(press(&state, [.enter]) == [.openRecord(.survey, id: 5, focus: nil)])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 5, version: 1, originalFields: Self.fields),
                                         accepted: [:], focus: nil))
        // Typing changes nothing: there is no form to type into.
        press(&state, type("李") + [.function(2)])
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "┌─ 八一路社区 摸底台账 第5号记录（只读） ──────────────────────────────────────┐",
            "│ 台账已锁定（督导员 2024-12-31 签署初评）：只能查看；如需修改，请督导解锁     │",
            "│ 姓名：张三                                                                   │",
            "│ 公民身份号码：630102199003070116                                             │",
            "│ 联系电话：13912345678                                                        │",
            "│ 创业状态：已创业                                                             │",
            "│ 摸底日期：2024-03-15                                                         │",
            "│ 行业门类：H 住宿和餐饮业                                                     │",
            "│ 经营主体名称：张三面馆                                                       │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓滚动  Esc返回（只读：台账已锁定）",
        ])
        press(&state, [.escape])
        guard case .browser(let b) = state.screen else { Issue.record("Esc should go back to the register"); return }
        #expect(b.viewing == nil)
    }

    @Test(arguments: ["1", "2", "3", "6"])
    func theEntryKeysRefuseInOneLineAt80Columns(key: String) {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, Self.lock))
        #expect(press(&state, [.character(Character(key))]).isEmpty)
        if case .home = state.screen {} else { Issue.record("\(key) left home") }
        #expect(state.message == "台账已锁定（督导员 2024-12-31 签署初评），不能新增或修改")
        #expect(DisplayWidth.of(state.message ?? "") <= 79)
    }

    @Test func deleteAndAcceptingWarningsSayTheLockToo() {
        var state = Self.lockedBrowser()
        press(&state, [.character("D")])
        #expect(state.dialog == nil)
        #expect(state.message == "台账已锁定（督导员 2024-12-31 签署初评），不能删除")
    }
}
