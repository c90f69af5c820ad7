import Foundation
import Testing

/// Runs the built binary as a child under a virtual-memory limit (`ulimit -v`) and reports how it ended and its
/// peak resident memory (from wait4), so a test can hold any import to a memory bound.
enum BoundedChild {
    struct Outcome {
        /// Exit status, or nil when a signal ended it.
        let status: Int32?
        let signal: Int32?
        let stderr: String
        /// Peak resident set, in KB.
        let maxRSSKB: Int
    }

    static func run(_ arguments: [String], virtualMemoryKB: Int, in directory: URL) throws -> Outcome {
        let errPath = directory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        // The shell sets the limit and execs the binary, so the pid waited for is the binary's.
        let argv = ["/bin/sh", "-c", "ulimit -v \(virtualMemoryKB) && exec \"$0\" \"$@\"", CLI.binary.path] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArgs, cEnv) == 0 else {
            throw TmuxTerminal.Failure(description: "could not start \(argv)")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let stderr = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
        let signalled = status & 0x7F != 0
        return Outcome(status: signalled ? nil : (status >> 8) & 0xFF, signal: signalled ? status & 0x7F : nil,
                       stderr: stderr, maxRSSKB: usage.ru_maxrss)
    }
}
