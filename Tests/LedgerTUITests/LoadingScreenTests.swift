import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// A start that cannot open the ledger: a login the server refuses is said (and kept) with how to fix it, never
/// as a lost connection; q and Esc quit at once, also while the first read still waits for a server.
struct LoadingScreenTests {
    static let refused = "无法登录数据库：用户 tf_clerk 的口令错误。请检查 PGPASSWORD 或 ~/.pgpass"
    static let unreachable = "无法连接数据库服务器 127.0.0.1:5999：请检查服务器是否在运行、主机名和端口是否正确、网络是否通畅"

    static func starting() -> AppState {
        AppState(width: 80, height: 24, operatorName: "tf_clerk", today: testToday, rubrics: [])
    }

    @Test func aRefusedLoginIsSaidAndKeptAfterAKey() {
        var state = Self.starting()
        _ = reduce(&state, .effectFailed(Self.refused))
        press(&state, [.character("x"), .down])
        expectScreen(render(state), [
            " 创业台账                                                       操作员 tf_clerk",
            "",
            "  未能打开台账：",
            "  无法登录数据库：用户 tf_clerk 的口令错误。请检查 PGPASSWORD 或 ~/.pgpass",
            "",
            "  按 q 退出，改正后重新运行 chuangye",
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
            "",
            "",
            "",
            " q退出",
        ])
    }

    @Test(arguments: [Key.character("q"), .escape, .control("c")])
    func aQuitKeyQuitsAtOnceWhileTheFirstReadWaits(key: Key) {
        var state = Self.starting()
        #expect(!keyWaits(key, in: state, pending: [.loadCommunities]))
        #expect(keyWaits(.character("x"), in: state, pending: [.loadCommunities]))
        #expect(reduce(&state, .keyPressed(key)) == [.quit])
        _ = reduce(&state, .effectFailed(Self.refused))
        #expect(!keyWaits(key, in: state, pending: [.loadCommunities]))
        #expect(reduce(&state, .keyPressed(key)) == [.quit])
    }

    @Test func anUnreachableServerAtStartSaysItKeepsTryingAndQQuits() {
        var state = Self.starting()
        _ = reduce(&state, .effectLostConnection(Self.unreachable, writing: false))
        _ = reduce(&state, .connectionChanged(lost: true))
        press(&state, [.character("x")])
        expectScreen(render(state), [
            " 创业台账                                                       操作员 tf_clerk",
            "",
            "  未能打开台账：",
            "  无法连接数据库服务器 127.0.0.1:5999：请检查服务器是否在运行、主机名和端口是",
            "  否正确、网络是否通畅",
            "",
            "  服务器恢复后将自动打开；按 q 退出",
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
            "",
            "",
            " 正在重连数据库…  q退出",
        ])
        #expect(press(&state, [.character("q")]) == [.quit])
        // Once it opens, the problem is gone with the loading screen.
        _ = reduce(&state, .connectionChanged(lost: false))
        _ = reduce(&state, .communitiesLoaded([testCommunity, testCommunity]))
        #expect(state.startProblem == nil)
    }
}
