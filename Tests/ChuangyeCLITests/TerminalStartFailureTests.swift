import Foundation
import Testing

/// Starting the app on a PostgreSQL ledger it cannot open: a refused login is said in Chinese with how to fix it,
/// kept, never called a lost connection; q quits at once (exit status 1, as any start that cannot open its
/// database), also while the server cannot be reached at all.
@Suite(.serialized)
struct TerminalStartFailureTests {
    static let server = ProcessInfo.processInfo.environment["CHUANGYE_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }

    /// The app under a shell that prints its exit status when it ends (tmux may leave an exited pane unreaped).
    static let app = ["sh", "-c", "\"$0\"; echo \"退出码=$?\"", CLI.binary.path]

    static func environment(_ db: String, _ dir: URL) -> [String: String] {
        ["CHUANGYE_DB": db, "PGPASSWORD": "tf_wrong_password", "LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_STATE_HOME": dir.path]
    }

    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: a refused login was NOT tested"))
    func aWrongPasswordIsSaidAndKeptAndQQuits() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let base = try #require(Self.server)
        let t = try TmuxTerminal(Self.app, environment: Self.environment(base, cli.dir), width: 80, height: 24)
        try t.waitFor("口令错误")
        // The change listener fails too, a moment later: it must not call the refusal a lost connection.
        let deadline = Date().addingTimeInterval(1.5)
        while Date() < deadline {
            #expect(!t.screen.contains("正在重连"), "\(t.screen)")
            Thread.sleep(forTimeInterval: 0.1)
        }
        try t.press("x")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(t.screen.contains("口令错误") && t.screen.contains("请检查 PGPASSWORD"), "\(t.screen)")
        let pressed = Date()
        try t.press("q")
        try t.waitFor("退出码=", timeout: 3)
        #expect(Date().timeIntervalSince(pressed) < 2)
        #expect(t.screen.contains("退出码=1"), "\(t.screen)")
    }

    @Test func whileTheServerCannotBeReachedQQuitsAtOnce() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        // Nothing listens on port 1: every connection attempt is refused, and the app keeps trying.
        let t = try TmuxTerminal(Self.app, environment: Self.environment("postgresql://tf_nobody@127.0.0.1:1/tf_none?sslmode=disable", cli.dir),
                                 width: 80, height: 24)
        try t.waitFor("无法连接数据库服务器 127.0.0.1:1")
        let pressed = Date()
        try t.press("q")
        try t.waitFor("退出码=", timeout: 3)
        #expect(Date().timeIntervalSince(pressed) < 2)
        #expect(t.screen.contains("退出码=1"), "\(t.screen)")
    }
}
