import Foundation
import Testing

/// The real binary in a real terminal (tmux): type keys, read the screen, wait for text (never sleep-and-hope).
final class TmuxTerminal {
    let session: String
    let socket: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `arguments` (binary first) in a detached tmux session of the given size.
    init(_ arguments: [String], environment: [String: String], width: Int = 100, height: Int = 30) throws {
        session = "cy\(UUID().uuidString.prefix(8))"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(session)").path
        let env = environment.map { "\($0.key)=\($0.value)" }
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), "env"] + env + arguments)
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Runs tmux with posix_spawn and waitpid. Foundation's Process is not used: it never reaps a tmux client
    /// that forked the server (the test hung on a zombie).
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let argv = ["tmux", "-S", socket] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        // Start tmux with no signals blocked (this thread of the test runner may block some).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, cArgs, cEnv)
        guard spawned == 0 else { throw Failure(description: "tmux could not be started (is it installed?)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self)
        guard status == 0 else { throw Failure(description: "tmux \(args.joined(separator: " ")) failed (status \(status))") }
        return output
    }

    /// Sends keys: text is typed literally, names in `keys` (Tab, Enter, F2, C-u) are key names.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Waits until the screen contains `text`; fails with the screen shown.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let s = screen
            if s.contains(text) { return s }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for “\(text)”; screen:\n\(screen)")
    }

    /// Whether the program in the pane has exited (the pane stays, `remain-on-exit`).
    var paneIsDead: Bool { (try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]))?.hasPrefix("1") ?? false }

    /// The exit status of the program once the pane is dead.
    var exitStatus: Int32? {
        guard paneIsDead else { return nil }
        return Int32((try? tmux(["display-message", "-p", "-t", session, "#{pane_dead_status}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
    }

    func waitUntilExited(timeout: Double = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if paneIsDead { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the program did not exit; screen:\n\(screen)")
    }

    var panePid: Int32 { Int32((try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0 }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Restarts the pane's program after it exited.
    func respawn(_ arguments: [String], environment: [String: String]) throws {
        let env = environment.map { "\($0.key)=\($0.value)" }
        try tmux(["respawn-pane", "-k", "-t", session, "env"] + env + arguments)
    }
}
