import CursesBackend
import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI
import TerminalUI

/// The terminal application's loop: keys → reduce → effects → render → flush. The terminal is restored on
/// every way out (normal exit, error, SIGHUP/SIGTERM/SIGINT); drafts are already saved when a signal arrives.
enum AppRuntime {
    static func run(database: any LedgerStorage, databasePath: String? = nil, rubrics: [Rubric]) async {
        // Before the first frame (about 60 ms, within the start-up budget), so no keystroke ever pays for it.
        Pinyin.warmUp()
        let colour = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let session = CursesSession(colorAllowed: colour)
        defer { session.stop() }
        let runner = EffectRunner(database: database, databasePath: databasePath)
        let size = session.size
        // Draft slots of this run are tagged with its start time, so two runs of one operator never share a slot.
        let sessionTag = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        var state = AppState(width: size.width, height: size.height, operatorName: database.operatorName,
                             today: database.today(), rubrics: rubrics, sessionTag: sessionTag)
        state.documentsFolder = documentsFolder()
        state.asciiGauges = !colour || !localeIsUTF8()
        var pending: [Effect] = [.loadCommunities]
        while state.running {
            // Closed forms are written before the effects of the keys after them (the statistics screen reads them).
            pending = state.entryLog.stamp(now: AppDatabase.timestamp()).map(Effect.recordEntryEvent) + pending
            await runEffects(&pending, state: &state, runner: runner, show: { session.flush(render($0)) })
            guard state.running else { break }
            session.flush(render(state))
            if session.receivedSignal != nil { break }
            guard let first = session.readKey(timeoutMs: 250, pasteLimit: state.pasteLimit) else { continue }
            // Take every key already waiting (a paste, key repeat) before drawing again.
            var event: InputEvent? = first
            var handled = 0
            while let current = event, handled < 100_000 {
                switch current {
                case .key(let key): pending += reduce(&state, .keyPressed(key))
                case .resized(let w, let h): pending += reduce(&state, .resized(width: w, height: h))
                case .pasted(let text): pending += reduce(&state, .pasted(text))
                }
                handled += 1
                if pending.contains(where: isBlocking) { break }
                event = session.readKey(timeoutMs: 0, pasteLimit: state.pasteLimit)
            }
        }
    }

    /// Effects whose results the next key may depend on: run them before reading more input.
    static func isBlocking(_ effect: Effect) -> Bool {
        switch effect {
        case .saveRecord, .saveCommunity, .acceptWarnings, .quit: true
        // Tab right after a name picks from the search's results, and the next field is judged by the look-up of
        // the number just typed: keys typed (or pasted) ahead must wait for them.
        case .searchPersons, .lookUpIdNumber, .loadServicePerson: true
        default: false
        }
    }

    /// `show` draws a frame while a long effect runs (a workbook's progress bar); the key loop is not running then.
    static func runEffects(_ pending: inout [Effect], state: inout AppState, runner: EffectRunner, show: ((AppState) -> Void)? = nil) async {
        var rounds = 0
        while !pending.isEmpty && rounds < 20 {
            rounds += 1
            var effects = pending
            pending = []
            // Only the newest draft of each form needs writing; earlier ones in the same batch are superseded.
            var newest: [String: Int] = [:]
            for (i, effect) in effects.enumerated() { if case .storeDraft(let d) = effect { newest[d.slot] = i } }
            effects = effects.enumerated().filter { i, e in
                if case .storeDraft(let d) = e { return newest[d.slot] == i }
                return true
            }.map(\.element)
            for effect in effects {
                if effect == .quit { state.running = false; return }
                var running = runner
                if let show, case .exportWorkbook = effect {
                    let shown = state
                    running.progress = { fraction in
                        var frame = shown
                        frame.progress = fraction
                        show(frame)
                    }
                }
                if let action = await running.run(effect) { pending += reduce(&state, action) }
            }
        }
    }

    /// The user's documents folder for export suggestions: `$XDG_DOCUMENTS_DIR`, else `~/文档` or `~/Documents`
    /// when it exists, else the home folder.
    /// Whether the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them).
    static func localeIsUTF8() -> Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

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
