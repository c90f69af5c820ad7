import CursesBackend
import Foundation
import Synchronization
import LedgerCore
import LedgerStore
import LedgerTUI
import TerminalUI

/// The terminal application: a curses session and the key loop on a thread of their own, the store's effects off
/// it (KeyLoop.swift). The terminal is restored on every way out (normal exit, error, SIGHUP/SIGTERM/SIGINT);
/// drafts not yet written are written before the app stops.
public enum AppRuntime {
    /// Returns why the ledger could not be opened when the clerk quit before it was (the command then fails with it,
    /// as any other start that cannot open its database), else nil.
    static func run(database: any LedgerStorage, databasePath: String? = nil, rubrics: [Rubric]) async -> String? {
        // Before the first frame (about 60 ms, within the start-up budget), so no keystroke ever pays for it.
        Pinyin.warmUp()
        let colour = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let runner = EffectRunner(database: database, databasePath: databasePath)
        let operatorName = database.operatorName
        let today = database.today()
        let problem = Mutex<String?>(nil)
        await onOwnThread {
            let session = CursesSession(colorAllowed: colour)
            defer { session.stop() }
            let loop = KeyLoop(terminal: session, runner: runner,
                               state: initialState(size: session.size, operatorName: operatorName, today: today, rubrics: rubrics,
                                                   colour: colour))
            loop.run()
            if case .loading = loop.state.screen { problem.withLock { $0 = loop.state.startProblem } }
        }
        return problem.withLock { $0 }
    }

    /// The state before the first effect: the terminal's size, who works, where exports go, how gauges are drawn.
    public static func initialState(size: (width: Int, height: Int), operatorName: String, today: Day, rubrics: [Rubric],
                             colour: Bool) -> AppState {
        // Draft slots of this run are tagged with its start time, so two runs of one operator never share a slot.
        let sessionTag = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        var state = AppState(width: size.width, height: size.height, operatorName: operatorName, today: today, rubrics: rubrics,
                             sessionTag: sessionTag)
        state.documentsFolder = documentsFolder()
        state.asciiGauges = !colour || !localeIsUTF8()
        return state
    }

    /// Runs `body` on a new thread and waits for it without holding a thread of the concurrency pool (the key loop
    /// blocks in terminal reads; the effects it starts run on the pool).
    public static func onOwnThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                body()
                done.resume()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    /// Whether the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them).
    static func localeIsUTF8() -> Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// The user's documents folder for export suggestions: `$XDG_DOCUMENTS_DIR`, else `~/文档` or `~/Documents`
    /// when it exists, else the home folder.
    static func documentsFolder() -> String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DOCUMENTS_DIR"], !xdg.isEmpty { return xdg }
        let home = env["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        for name in ["文档", "Documents"] where FileManager.default.fileExists(atPath: home + "/" + name) {
            return home + "/" + name
        }
        return home
    }
}
