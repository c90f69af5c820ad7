import Foundation
import LedgerStore
import LedgerTUI
import Synchronization

/// Runs the app's effects off the key loop and leaves their results in an inbox that the key loop empties between
/// keys. The loop starts one effect per lane at a time (EffectLane), in the order `reduce` asked for them: a save
/// after its draft, a reload after the save.
final class EffectWorker: Sendable {
    /// What the key loop finds in the inbox.
    enum Report: Sendable {
        /// A long effect's progress (drawn, the effect still runs).
        case progress(Action)
        /// The effect finished; its result, if it has one.
        case finished(Effect, Action?)
        /// The store told of other sessions' writes or of its connection (its change feed).
        case announced(StoreEvent)
    }

    private let runner: EffectRunner
    private let inbox = Mutex<[Report]>([])
    private let executor = EffectExecutor()

    init(runner: EffectRunner) {
        self.runner = runner
    }

    /// Starts an effect; the caller starts the next of its lane only after this one's `.finished` report was taken.
    func start(_ effect: Effect) {
        var runner = self.runner
        if case .exportWorkbook = effect {
            runner.progress = { [self] fraction in post(.progress(.progressed(fraction))) }
        }
        let running = runner
        Task(executorPreference: executor) { [self] in
            post(.finished(effect, await running.run(effect)))
        }
    }

    /// Forwards the store's change feed to the inbox until the returned task is cancelled (nil: the store has none).
    func watchStore() -> Task<Void, Never>? {
        guard let feed = runner.database as? any ChangeFeed else { return nil }
        return Task { [self] in
            for await event in feed.storeEvents() { post(.announced(event)) }
        }
    }

    private func post(_ report: Report) {
        inbox.withLock { $0.append(report) }
    }

    /// The reports that arrived since the last call, oldest first.
    func takeReports() -> [Report] {
        inbox.withLock { reports in
            let taken = reports
            reports = []
            return taken
        }
    }
}

/// Where effects run: a serial dispatch queue of their own rather than the shared concurrency pool, whose few threads
/// other work may hold (in the app nothing does; in a test run, other tests blocking in `waitUntilExit` starved a
/// slow store's effects for seconds).
final class EffectExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "chuangye.effects")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
