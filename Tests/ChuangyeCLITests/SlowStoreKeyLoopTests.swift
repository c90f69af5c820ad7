import Foundation
import Testing
@testable import ChuangyeBenchKit
@testable import ChuangyeCLI
import LedgerCore
import LedgerStore
import LedgerTUI
import TerminalUI

/// Issue 19 item 2: the key loop with a store that answers every call 200 ms late. A scripted clerk types at 50
/// keys a second (faster than anyone types), waiting only where a clerk looks before going on (a search's list,
/// "已保存").
@Suite(.serialized)
struct SlowStoreKeyLoopTests {
    static let today = Day(year: 2024, month: 12, day: 31)!

    static func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        try database.saveCommunity(Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区",
                                             labourForce: 100, period: Period.year(of: Day(year: 2024, month: 1, day: 1)!)))
        return database
    }

    @Test func typingNeverWaitsForAStoreThatTakes200msPerCall() async throws {
        // The figure itself (p99 < 5 ms) is the release build's, measured by `scripts/bench` (bench-keys). Here, in a
        // debug build on a shared machine beside other tests, a key costs 1–3 ms to reduce and draw, depending on the
        // machine, so an absolute bound would judge the machine. What this test holds is that the store's delay
        // never reaches the keys: in some run, no key that was not held (KeyWaits.swift) takes anywhere near one
        // store call, and the keys' p99 is under 5 ms or no worse than the same journey over a store that answers at
        // once, measured just before. A loop that waited for the store on any key it did not hold fails every run (a frame that
        // waited while effects ran: 113 such keys of 314).
        var runs: [String] = []
        var passed = false
        // Up to eight runs: beside the heaviest suites a run's p99 swings 2–5× either way (CI: 33.2 against the
        // instant store's 9.1 ms, then 15.4 against 52.8); once they finish, a run passes.
        for _ in 0..<8 {
            let instant = try await Self.journey(delay: .zero)
            let slow = try await Self.journey(delay: .milliseconds(200))
            // Keys that took most of a store call's time without having been held for an answer.
            let unheldWaits = max(0, slow.latencies.filter { $0 >= 150 }.count - slow.held)
            runs.append(String(format: "200 ms store: p50 %.2f p99 %.2f max %.2f ms (%d keys, %d held, %d waited unheld); instant store: p99 %.2f ms",
                               slow.p50, slow.p99, slow.latencies.last ?? 0, slow.latencies.count, slow.held, unheldWaits, instant.p99))
            print("slow store, keystroke → frame: \(runs.last ?? "")")
            if unheldWaits == 0 && (slow.p99 < 5 || slow.p99 <= instant.p99 * 1.5 + 1) {
                passed = true
                break
            }
            // Give the tests beside this one a moment to finish before measuring again.
            try await Task.sleep(for: .seconds(3))
        }
        #expect(passed, "keys waited for the slow store, or their p99 was neither under 5 ms nor near the instant store's: \(runs)")
    }

    struct Journey {
        /// Every key's read → frame time, sorted.
        let latencies: [Double]
        let held: Int
        var p50: Double { KeystrokeProbe.percentile(latencies, 0.5) }
        var p99: Double { KeystrokeProbe.percentile(latencies, 0.99) }
    }

    /// The scripted clerk's three rounds (a person and a service for them each) over a store `delay` late per call,
    /// into a fresh ledger; checks that the journey happened.
    static func journey(delay: Duration) async throws -> Journey {
        let database = try Self.database()
        let rounds = 3
        let result = try await KeystrokeProbe.run(store: SlowStorage(database, delay: delay),
                                                  steps: ClerkJourney.steps(rounds: rounds, firstNumber: 0), width: 80, height: 24)
        #expect(result.failure == nil, "\(result.failure ?? "")")
        // The journey happened: every person and service it typed is saved, the drafts are gone, the app quit.
        #expect(try database.count(.survey, community: "630102001") == rounds)
        #expect(try database.count(.service, community: "630102001") == rounds)
        #expect(try database.keptDrafts().isEmpty)
        #expect(!result.finalState.running)
        #expect(result.latencies.count > 100 * rounds)
        return Journey(latencies: result.latencies.sorted(), held: result.held)
    }
}

extension SlowStoreKeyLoopTests {
    /// Drafts are written at most once per 0.3 s of typing (not once per key), and the draft typed last before a
    /// hang-up is written before the app stops.
    @Test func draftsAreCoalescedWhileTypingAndWrittenOnHangUp() async throws {
        let database = try Self.database()
        let store = SlowStorage(database, delay: .milliseconds(20))
        typealias S = ScriptedClerk.Step
        let typed = "欧阳明明白白" + String(repeating: "一", count: 24)
        let steps: [S] = [.waitFor("新增摸底登记"), .pause(0.5), .key(.character("1")), .waitFor("[1 基本信息]")]
            + ScriptedClerk.type(typed) + [.hangUp]
        let started = KeyLoop.now()
        let result = try await KeystrokeProbe.run(store: store, steps: steps, width: 100, height: 30)
        let seconds = KeyLoop.now() - started
        #expect(result.failure == nil, "\(result.failure ?? "")")
        // Thirty keys, each a change of the draft: far fewer writes than keys, at most one per interval (and the one
        // at the hang-up).
        let writes = store.draftWrites.value
        #expect(writes >= 1 && writes <= Int(seconds / EffectQueue.draftInterval) + 2, "\(writes) writes in \(seconds) s")
        #expect(writes < typed.count / 3, "\(writes) writes for \(typed.count) keys")
        // What was typed last is what the store keeps.
        let kept = try database.keptDrafts()
        #expect(kept.count == 1)
        #expect(kept.first?.content.contains(typed) == true, "\(kept.first?.content ?? "none")")
    }
}

extension SlowStoreKeyLoopTests {
    /// Keys typed right after F2 belong to the screen after the save: they wait for it, the status bar says so,
    /// and then they act there (the `2` opens the service form; it is not typed into the survey form).
    @Test func keysTypedAfterSaveWaitForItWithABusyHint() async throws {
        let database = try Self.database()
        typealias S = ScriptedClerk.Step
        let id = FaultDriveCommand.idNumber(7)
        var steps: [S] = [.waitFor("新增摸底登记"), .pause(1), .key(.character("1")), .waitFor("[1 基本信息]")]
        steps += ScriptedClerk.type("欧阳明") + [.key(.tab)] + ScriptedClerk.type(id) + [.key(.tab)]
        steps += ScriptedClerk.type("dz") + [.key(.tab)] + ScriptedClerk.type("cz") + [.key(.tab)]
        steps += ScriptedClerk.type("13712345678") + [.key(.tab)] + ScriptedClerk.type("其他") + [.key(.tab)]
        steps += ScriptedClerk.type("有") + [.key(.tab)] + ScriptedClerk.type("2024-05-06") + [.key(.tab), .pause(0.6)]
        steps += [.key(.function(2)), .key(.character("2")), .waitFor("请稍候：正在等待数据库，已按的1个键随后处理")]
        steps += [.waitFor("创业服务记录"), .key(.escape), .waitFor("新增摸底登记"), .key(.character("q")), .waitFor("确定退出"),
                  .key(.character("y"))]
        let result = try await KeystrokeProbe.run(store: SlowStorage(database, delay: .milliseconds(200)), steps: steps, width: 80, height: 24)
        #expect(result.failure == nil, "\(result.failure ?? "")")
        #expect(result.held == 1)
        #expect(try database.count(.survey, community: "630102001") == 1)
        #expect(!result.finalState.running)
    }
}
