import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// An operator who may only read a community (a street supervisor, an inspector, a clerk of another community)
/// sees its residents' numbers masked wherever the record view masks them, its history included, and is not
/// offered the keys that would change it.
struct ReaderPrivacyTests {
    /// A reader of 八一路社区 (they may change only 630102999), in its survey register at 80×24.
    static func readerInRegister() -> AppState {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded(["630102999"]))
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        return state
    }

    /// A correction of the number (with the birth date it carries), the phone and a remark holding a mobile number.
    static let correction = HistoryLine(at: "2026-12-07T03:05:41", operatorName: "fe_clerk1", action: "update", changes: [
        ("id_number", "630102199003070116", "630102198502140015"), ("birth_date", "1990-03-07", "1985-02-14"),
        ("phone", "13912345678", "13900000000"), ("remarks", nil, "本人手机13812345678"),
    ])

    @Test func aReaderSeesTheHistoryMaskedAndIsNotOfferedUndo() {
        var state = Self.readerInRegister()
        #expect(press(&state, [.character("h")]) == [.loadHistory(.survey, id: 5)])
        _ = reduce(&state, .historyLoaded([Self.correction]))
        expectScreen(render(state), [
            " 八一路社区（630102001）［只读］ │ 考核期 2024-01-01..2024-12-31    操作员 王芳",
            "┌─ 摸底台账 第5号记录的修改记录（新的在上） ───────────────────────────────────┐",
            "│ 2026-12-07 03:05  fe_clerk1  修改                                            │",
            "│     公民身份号码：630102********0116 → 630102********0015                    │",
            "│     出生日期：****-**-** → ****-**-**                                        │",
            "│     联系电话：139****5678 → 139****0000                                      │",
            "│     备注：（空） → 本人手机138****5678                                       │",
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
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓滚动  Esc返回  F1帮助",
        ])
        // `u` pressed anyway says why, without asking the store.
        #expect(press(&state, [.character("u")]).isEmpty)
        #expect(state.message == "您对本社区只有查看权限（只读），不能撤销修改")
        press(&state, [.function(1)])
        let help = render(state).trimmedLines
        #expect(help.contains { $0.contains("↑↓") } && !help.contains { $0.contains("撤销") }, "\(help.joined(separator: "\n"))")
    }

    /// The register's footer offers a reader 查看 for Enter and no delete; F1 lists neither D, r nor u.
    @Test func aReadersRegisterOffersNoKeyThatChangesIt() {
        var state = Self.readerInRegister()
        #expect(render(state).trimmedLines.last == " Enter查看 /搜索 h历史 x已删 p问题 s排序 f状态 g类别 t培训 w日期 F1帮助")
        press(&state, [.function(1)])
        let help = render(state).trimmedLines.joined(separator: "\n")
        #expect(!help.contains("删除所选记录") && !help.contains("恢复所选") && !help.contains("撤销") && help.contains("只读查看所选记录"), "\(help)")
    }

    /// Nor does F1 on the home screen list the entry keys the menu leaves out, nor the checks offer `a` (accept).
    @Test func aReadersHomeHelpAndChecksOfferNoKeyThatChangesIt() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded(["630102999"]))
        press(&state, [.function(1)])
        let help = render(state).trimmedLines.joined(separator: "\n")
        #expect(!help.contains("新增摸底登记") && !help.contains("社区档案与自评") && help.contains("浏览台账"), "\(help)")
        press(&state, [.escape, .character("5")])
        _ = reduce(&state, .checksLoaded([CheckItem(register: .survey, id: 9, field: "phone", severity: .warning, message: "w", code: "b.rule")]))
        #expect(render(state).trimmedLines.last == " ↑↓选择  Enter查看  Esc返回  F1帮助")
    }

    /// The clerk who may change the community still sees the numbers whole and is offered `u`.
    @Test func theCommunitysClerkSeesTheHistoryWhole() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        press(&state, [.character("4")])
        _ = reduce(&state, .pageLoaded(.survey, [row(5, "张三")]))
        press(&state, [.character("h")])
        _ = reduce(&state, .historyLoaded([Self.correction]))
        let lines = render(state).trimmedLines
        #expect(lines[3] == "│     公民身份号码：630102199003070116 → 630102198502140015                    │")
        #expect(lines.last == " ↑↓滚动  u撤销自己的最后一次修改  Esc返回  F1帮助")
        #expect(press(&state, [.character("u")]) == [.undoLastChange(.survey, id: 5)])
    }

    /// A locked community's record opened by a reader is masked too: the lock does not lift the reader's mask.
    @Test func aReaderOfALockedCommunitySeesTheRecordMasked() {
        var state = Self.readerInRegister()
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, LockedRecordTests.lock))
        press(&state, [.enter])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 5, version: 1, originalFields: LockedRecordTests.fields),
                                         accepted: [:], focus: nil))
        let lines = render(state).trimmedLines
        #expect(Array(lines[2...4]) == [
            "│ 台账已锁定（督导员 2024-12-31 签署初评）：只能查看；如需修改，请督导解锁     │",
            "│ 姓名：张三                                                                   │",
            "│ 公民身份号码：630102********0116                                             │",
        ])
        #expect(lines[5] == "│ 联系电话：139****5678                                                        │")
        #expect(lines.last == " ↑↓滚动  Esc返回（只读：您无权修改本社区的记录）")
    }

    /// From the district register, the history follows the rights on the row's community, not the current one.
    @Test func theDistrictRegistersHistoryMasksARowOfACommunityTheOperatorOnlyReads() {
        let other = Community(code: "630102002", name: "东关社区", street: "八一路街道", district: "城东区", labourForce: 10,
                              period: testCommunity.period)
        var state = StreetRegisterTests.register([testCommunity, other], width: 80, height: 24)
        _ = reduce(&state, .accessLoaded([testCommunity.code]))
        let rows = [DistrictScreenTests.person(3, "王五", "630102199003070116", community: other.code)]
        _ = reduce(&state, .districtPageLoaded(DistrictScreenTests.allQuery(state), rows))
        press(&state, [.character("h")])
        guard case .history(let h) = state.screen else { Issue.record("no history"); return }
        #expect(h.readOnly)
    }
}
