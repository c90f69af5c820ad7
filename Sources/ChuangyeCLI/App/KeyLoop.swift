import CursesBackend
import Foundation
import LedgerStore
import LedgerTUI
import TerminalUI

/// The key loop: keys → reduce → frame, never waiting for the store. Effects go to an `EffectQueue` and run on an
/// `EffectWorker`, one at a time per lane (`EffectLane`); their results come back as actions between keys. A key waits only where
/// `keyWaits` says its meaning depends on an answer still coming; it is held (with every key after it) and a busy
/// hint shows once it has waited `hintAfter`.
///
/// Runs on a thread of its own (`AppRuntime.onOwnThread`): the terminal read blocks, and the effects' tasks must
/// never be starved by it.
public final class KeyLoop {
    /// A held key shows the busy hint after this long (a save that answers at once does not flash it).
    static let hintAfter = 0.1
    /// How long a key read waits while effects run: how late at most their results are drawn.
    static let busyPollMs: Int32 = 2
    /// How long writes still queued may take when the app stops (a hang-up, a quit) before it stops anyway.
    static let finishWithin = 5.0
    /// Other sessions' writes are read again at most this often: a burst of saves (20 clerks at once) costs one
    /// reload of the screen per gap, not one per save; a single save is drawn within this gap plus a key poll.
    static let refreshGap = 0.3

    let terminal: any AppTerminal
    let worker: EffectWorker
    public private(set) var state: AppState
    var queue = EffectQueue()
    /// The effects the worker runs (their results not yet taken), at most one per lane.
    var running: [EffectLane: Effect] = [:]
    /// Keys read but not yet given to `reduce`, with when they were read.
    var held: [(input: InputEvent, readAt: Double)] = []
    /// When each input reduced since the last frame was read: its keystroke → frame time is taken at the flush.
    var reducedSinceFrame: [Double] = []
    var changed = true
    /// Each key's time from being read to its frame being drawn, in milliseconds (the latency test and the bench).
    public var onKeyFramed: ((Double) -> Void)?
    /// Called for each key that has to wait, with the effects running or queued then (the bench counts them).
    public var onKeyHeld: (([Effect]) -> Void)?
    /// Communities other sessions changed, announced and not yet read again (empty: any), and when the screen
    /// was last read again for them.
    var announced: Set<String>?
    var lastRefresh = -Double.infinity

    public init(terminal: any AppTerminal, runner: EffectRunner, state: AppState) {
        self.terminal = terminal
        self.worker = EffectWorker(runner: runner)
        self.state = state
    }

    /// Seconds on a monotonic clock.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Runs until the clerk quits or a signal arrives; queued writes (drafts, a save) are done before it returns.
    public func run() {
        queue.add([.loadCommunities], now: Self.now())
        let watching = worker.watchStore()
        defer { watching?.cancel() }
        while state.running {
            takeReports()
            if terminal.receivedSignal != nil { break }
            releaseHeldKeys()
            refreshIfDue()
            startNextEffect()
            guard state.running else { break }
            updateBusyHint()
            if changed { draw() }
            readInput()
        }
        finishWrites()
    }

    /// Whether a write runs, waits, or is a draft not yet written.
    var writesLeft: Bool {
        running.values.contains(where: \.isWrite) || queue.waiting.contains(where: \.isWrite) || queue.hasUnwrittenDrafts
    }

    /// Effects running or queued: what a key may have to wait for.
    var pending: [Effect] { Array(running.values) + queue.waiting }

    private func apply(_ action: Action, readAt: Double? = nil) {
        let effects = reduce(&state, action)
        // Forms the action closed are written before its effects (the statistics screen reads them); `reduce` has
        // no clock, so the entry log gets its times here.
        let closedForms = state.entryLog.stamp(now: AppDatabase.timestamp()).map(Effect.recordEntryEvent)
        queue.add(closedForms + effects, running: Array(running.values), now: Self.now())
        if let readAt { reducedSinceFrame.append(readAt) }
        changed = true
    }

    private func takeReports() {
        for report in worker.takeReports() {
            switch report {
            case .progress(let action):
                apply(action)
            case .finished(let effect, let action):
                running[EffectLane.of(effect)] = nil
                if let action { apply(action) }
            case .announced(.changed(let communities)):
                announced = announced.map { StoreEvent.merged($0, communities) } ?? communities
            case .announced(.connectionLost):
                apply(.connectionChanged(lost: true))
            case .announced(.reconnected):
                apply(.connectionChanged(lost: false))
            }
        }
    }

    /// Reads again what others changed, once the gap since the last time has passed.
    private func refreshIfDue() {
        guard let communities = announced, Self.now() - lastRefresh >= Self.refreshGap else { return }
        announced = nil
        lastRefresh = Self.now()
        apply(.storeChanged(communities))
    }

    private func startNextEffect() {
        // A quit waits for the writes asked before it, never for a read (a server that does not answer at start).
        if queue.waiting.contains(.quit) && !writesLeft {
            state.running = false
            return
        }
        for lane in EffectLane.allCases where running[lane] == nil {
            guard let effect = queue.next(lane, now: Self.now()) else { continue }
            if effect == .quit {
                // Last in its lane: everything asked before it has run. Look-ups still running do not matter.
                state.running = false
                return
            }
            running[lane] = effect
            worker.start(effect)
        }
    }

    private func releaseHeldKeys() {
        while let first = held.first, !waits(first.input) {
            held.removeFirst()
            apply(action(for: first.input), readAt: first.readAt)
        }
    }

    private func updateBusyHint() {
        let shown = held.first.map { Self.now() - $0.readAt >= Self.hintAfter } == true ? held.count : 0
        if shown != state.heldKeys { apply(.keysHeld(shown)) }
    }

    private func draw() {
        terminal.flush(render(state))
        let drawn = Self.now()
        if let onKeyFramed { for readAt in reducedSinceFrame { onKeyFramed((drawn - readAt) * 1000) } }
        reducedSinceFrame = []
        changed = false
    }

    /// Reads every key already typed (a paste, key repeat) before drawing again; waits briefly while effects run,
    /// so that their results are drawn at once.
    private func readInput() {
        let busy = !running.isEmpty || !queue.waiting.isEmpty || !held.isEmpty
        var timeout: Int32 = busy ? Self.busyPollMs : 250
        if let due = queue.nextDraftDue { timeout = min(timeout, Int32(max(0, (due - Self.now()) * 1000))) }
        if announced != nil { timeout = min(timeout, Int32(max(0, (lastRefresh + Self.refreshGap - Self.now()) * 1000))) }
        var event = terminal.readKey(timeoutMs: timeout, pasteLimit: state.pasteLimit)
        var handled = 0
        while let input = event, handled < 100_000 {
            let readAt = Self.now()
            if case .resized = input {
                apply(action(for: input))
            } else if held.isEmpty && !waits(input) {
                apply(action(for: input), readAt: readAt)
            } else {
                held.append((input, readAt))
                onKeyHeld?(pending)
            }
            handled += 1
            event = terminal.readKey(timeoutMs: 0, pasteLimit: state.pasteLimit)
        }
    }

    private func waits(_ input: InputEvent) -> Bool {
        switch input {
        case .key(let key): keyWaits(key, in: state, pending: pending)
        case .pasted: keyWaits(nil, in: state, pending: pending)
        case .resized: false
        }
    }

    private func action(for input: InputEvent) -> Action {
        switch input {
        case .key(let key): .keyPressed(key)
        case .pasted(let text): .pasted(text)
        case .resized(let width, let height): .resized(width: width, height: height)
        }
    }

    /// On the way out (quit, hang-up): the drafts not yet written and the writes still queued are done, within
    /// `finishWithin`; reads are dropped (no one will see them).
    private func finishWrites() {
        queue.flushDrafts()
        let deadline = Self.now() + Self.finishWithin
        while Self.now() < deadline {
            takeReports()
            // Reads still running are not waited for: no one will see them.
            guard writesLeft else { return }
            if running[.main] == nil {
                guard let effect = queue.next(.main, now: .infinity) else { return }
                if effect.isWrite {
                    running[.main] = effect
                    worker.start(effect)
                }
            }
            usleep(1_000)
        }
    }
}

extension Effect {
    /// Effects that change what the store holds: done before the app stops.
    var isWrite: Bool {
        switch self {
        case .storeDraft, .discardDraft, .saveRecord, .saveCommunity, .deleteRecord, .restoreRecord, .undoLastChange,
             .acceptWarnings, .recordEntryEvent:
            true
        case .evaluation(_, let request):
            !request.isRead
        case .loadCommunities, .loadFacts, .loadDrafts, .searchPersons, .lookUpIdNumber, .lookUpSameDayServices, .loadServicePerson, .loadPage,
             .searchRecords, .openRecord, .loadHistory, .countServices, .loadChecks, .loadEvidence, .loadOverview,
             .loadPlanDetails, .loadAccess, .loadRole, .loadLock, .exportWorkbook, .loadDistrictPage, .searchDistrict, .loadStatistics, .quit:
            false
        }
    }
}
