import ArgumentParser
import ChuangyeCLI
import Foundation
import LedgerCore
import LedgerStore

/// Keystroke → frame through the real key loop, with every store call made `--delay-ms` late (a slow network
/// database): a scripted clerk enters persons and services (ClerkJourney) and every key's time from being read to
/// its frame being drawn is taken. Writes to the database it is given.
struct KeystrokeBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-keys", abstract: "慢速数据库下的按键响应测量（开发用）")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "社区代码（默认第一个）")
    var community: String?

    @Option(name: .long, help: "每次数据库调用的延迟（毫秒）")
    var delayMs = 200

    @Option(name: .long, help: "录入几轮（每轮一人一条服务）")
    var rounds = 10

    @Option(name: .long, help: "第一个身份证号的序号")
    var first = 900_000

    func run() async throws {
        let engine = try global.openDatabase(creating: true)
        let communities = try await engine.communities()
        let index = community.flatMap { code in communities.firstIndex { $0.code == code } } ?? 0
        let store = SlowStorage(engine, delay: .milliseconds(delayMs))
        let result = try await KeystrokeProbe.run(store: store,
                                                  steps: ClerkJourney.steps(rounds: rounds, firstNumber: first,
                                                                            chooseCommunityAt: communities.count > 1 ? index : nil))
        if let failure = result.failure { throw ValidationError("脚本未完成：\(failure)") }
        KeystrokeProbe.report("keystroke_frame_slow_store", result.latencies)
        print("keys_held_for_store: \(result.held) keys")
        // What they waited for: the effects pending when each was held, and the store calls' own times.
        for (kind, keys) in result.heldBehind.sorted(by: { $0.key < $1.key }) { print("held_behind_\(kind): \(keys) keys") }
        for (call, times) in store.callTimes.byCall.sorted(by: { $0.key < $1.key }) {
            KeystrokeProbe.report("store_call_\(call)", times, counted: "calls")
        }
    }
}

/// Runs the real key loop on a scripted clerk and collects every key's read → frame time.
public enum KeystrokeProbe {
    public struct Result: Sendable {
        public let latencies: [Double]
        /// Keys that waited for an answer (KeyWaits.swift) at some point.
        public let held: Int
        /// For each kind of effect, how many held keys had it running or queued.
        public let heldBehind: [String: Int]
        public let failure: String?
        public let finalState: AppStateSummary
    }

    /// What the run ended with, for the test's checks.
    public struct AppStateSummary: Sendable {
        public let running: Bool
        public let message: String?
    }

    public static func run(store: any LedgerStorage, steps: [ScriptedClerk.Step], width: Int = 120, height: Int = 40) async throws -> Result {
        let rubrics = try Rubrics.all()
        let runner = EffectRunner(database: store)
        let operatorName = store.operatorName
        let today = store.today()
        let box = ResultBox()
        await AppRuntime.onOwnThread {
            let clerk = ScriptedClerk(steps, width: width, height: height)
            let loop = KeyLoop(terminal: clerk, runner: runner,
                               state: AppRuntime.initialState(size: clerk.size, operatorName: operatorName, today: today,
                                                              rubrics: rubrics, colour: true))
            var latencies: [Double] = []
            var held = 0
            var heldBehind: [String: Int] = [:]
            loop.onKeyFramed = { latencies.append($0) }
            loop.onKeyHeld = { pending in
                held += 1
                for kind in Set(pending.map { String(String(describing: $0).prefix { $0 != "(" }) }) { heldBehind[kind, default: 0] += 1 }
            }
            loop.run()
            box.set(Result(latencies: latencies, held: held, heldBehind: heldBehind, failure: clerk.failure ?? (clerk.finished ? nil : "script not finished"),
                           finalState: AppStateSummary(running: loop.state.running, message: loop.state.message)))
        }
        guard let result = box.get() else { throw ValidationError("no result") }
        return result
    }

    /// Prints p50, p99 and max as `name_p50: 1.234 ms` lines.
    /// `name_p50`, `name_p99` and `name_max` in ms, the max line with the number of samples (`counted`).
    public static func report(_ name: String, _ samples: [Double], counted: String = "keys") {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return }
        print("\(name)_p50: \(String(format: "%.3f", percentile(sorted, 0.5))) ms")
        print("\(name)_p99: \(String(format: "%.3f", percentile(sorted, 0.99))) ms")
        print("\(name)_max: \(String(format: "%.3f", sorted.last ?? 0)) ms (\(sorted.count) \(counted))")
    }

    /// The value below which `q` of the sorted samples lie (nearest rank).
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .infinity }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))]
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result?
        func set(_ r: Result) { lock.withLock { result = r } }
        func get() -> Result? { lock.withLock { result } }
    }
}
