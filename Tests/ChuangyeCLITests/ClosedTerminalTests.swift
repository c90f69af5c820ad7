import Foundation
import Testing

/// A terminal closed under an app that is not its session's process (started with `runuser` or `setsid`) sends no
/// SIGHUP: the app must still notice, keep its draft and exit, not spin on a terminal that is gone (a fresh-eyes
/// tester's two apps, started with `runuser`, ran at 60% and 35% of a core for an hour after their tmux closed).
@Suite(.serialized)
struct ClosedTerminalTests {
    /// The processes whose command line names `text` (here: the test's own database path).
    static func processes(naming text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return args.first?.hasSuffix("chuangye") == true && args.contains(text)
        }
    }

    @Test func anAppWithoutItsTerminalsHangupSavesItsDraftAndExits() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color"]
        // setsid: the app is not the terminal's session, so closing the terminal sends it no SIGHUP
        var t: TmuxTerminal? = try TmuxTerminal(["setsid", "-w", CLI.binary.path, "--operator", "王芳", "--db", cli.db],
                                                 environment: environment, width: 80, height: 24)
        try t?.waitFor("新增摸底登记")
        try t?.press("1")
        try t?.waitFor("[1 基本信息]")
        try t?.type("钱多多")
        try t?.press("Tab")
        try t?.waitFor("✓ 钱多多")
        #expect(Self.processes(naming: cli.db).count == 1)
        t = nil  // kills the tmux server: the terminal closes
        let deadline = Date().addingTimeInterval(10)
        while !Self.processes(naming: cli.db).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let left = Self.processes(naming: cli.db)
        #expect(left.isEmpty, "the app outlived its terminal: \(left)")
        for pid in left { kill(pid, SIGKILL) }
        // Its draft was kept
        let again = try TmuxTerminal([CLI.binary.path, "--operator", "王芳", "--db", cli.db], environment: environment, width: 80, height: 24)
        try again.waitFor("▶ 创业摸底登记：钱多多")
    }
}
