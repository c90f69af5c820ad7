import ChuangyeCLI
import CursesBackend
import Foundation
import LedgerCore
import TerminalUI

/// A terminal played by a script: keys typed at a steady pace, and waits for text on the screen before keys that
/// use what an effect brought (as a clerk looks at a list before picking from it). The key loop reads it like the
/// curses session; each frame it draws is kept, so the script can wait for text.
public final class ScriptedClerk: AppTerminal {
    public enum Step: Sendable {
        case key(Key)
        /// Waits until the last frame shows this text (at most `patience` seconds, then the script fails).
        case waitFor(String)
        /// Looks at the screen for a while before typing on.
        case pause(Double)
        /// The terminal is closed (SIGHUP).
        case hangUp
    }

    public let size: (width: Int, height: Int)
    private let steps: [Step]
    /// Seconds between two keys.
    private let pace: Double
    private let patience: Double
    private var index = 0
    private var nextKeyAt = 0.0
    private var waitingSince: Double?
    /// The last frame drawn (read as text only when a step waits for text: the flush is inside the measured time).
    private var lastFrame: Buffer?
    private var screenText: String?
    /// The last frame drawn, one string.
    public var screen: String {
        if let screenText { return screenText }
        let text = lastFrame?.trimmedLines.joined(separator: "\n") ?? ""
        screenText = text
        return text
    }
    public private(set) var frames = 0
    /// Why the script stopped early (a text that never showed, with the screen), if it did.
    public private(set) var failure: String?

    public init(_ steps: [Step], width: Int = 120, height: Int = 40, pace: Double = 0.02, patience: Double = 20) {
        self.steps = steps
        self.size = (width, height)
        self.pace = pace
        self.patience = patience
    }

    /// Keys for each character of a text.
    public static func type(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    /// Whether every step was played.
    public var finished: Bool { index >= steps.count }

    private var hungUp = false

    public var receivedSignal: Int32? {
        // A failed script ends the run as a hang-up would.
        hungUp || failure != nil ? SIGHUP : nil
    }

    public func flush(_ buffer: Buffer) {
        lastFrame = buffer
        screenText = nil
        frames += 1
    }

    public func readKey(timeoutMs: Int32, pasteLimit: Int) -> InputEvent? {
        let deadline = KeyLoop.now() + Double(max(0, timeoutMs)) / 1000
        while index < steps.count, failure == nil {
            let now = KeyLoop.now()
            switch steps[index] {
            case .waitFor(let text):
                if screen.contains(text) {
                    index += 1
                    waitingSince = nil
                    nextKeyAt = now + pace
                    continue
                }
                let since = waitingSince ?? now
                waitingSince = since
                if now - since > patience {
                    failure = "“\(text)” never showed; screen:\n\(screen)"
                    return nil
                }
            case .hangUp:
                index += 1
                hungUp = true
                return nil
            case .pause(let seconds):
                index += 1
                nextKeyAt = now + seconds
                continue
            case .key(let key):
                if now >= nextKeyAt {
                    index += 1
                    nextKeyAt = now + pace
                    return .key(key)
                }
            }
            guard now < deadline else { return nil }
            // Until the next key is due (or a frame may have come), never past the loop's timeout.
            let until = min(deadline, steps.indices.contains(index) && isKey(steps[index]) ? nextKeyAt : now + 0.001)
            usleep(UInt32(max(0, until - now) * 1_000_000))
        }
        if timeoutMs > 0 { usleep(UInt32(timeoutMs) * 1000) }
        return nil
    }

    private func isKey(_ step: Step) -> Bool {
        if case .key = step { return true }
        return false
    }
}

/// The clerk's journey the keystroke figures are taken on: per round, a person entered and saved in the survey
/// form, then a service for them found by name and saved; then quit.
public enum ClerkJourney {
    public static func steps(rounds: Int, firstNumber: Int, chooseCommunityAt: Int? = nil) -> [ScriptedClerk.Step] {
        typealias S = ScriptedClerk.Step
        let type = ScriptedClerk.type
        var steps: [S] = []
        if let index = chooseCommunityAt {
            // The clerk reads the list first (its keys wait for the rights to write, read at start).
            steps += [.waitFor("选择社区"), .pause(1)] + Array(repeating: S.key(.down), count: index) + [.key(.enter)]
        }
        // The clerk looks at the home screen after the start (its keys wait for the kept drafts and the rights to write,
        // read at start, four calls after the first frame: KeyWaits.swift).
        steps += [.waitFor("新增摸底登记"), .pause(2)]
        let names = ["欧阳明", "司马青", "上官云", "东方白", "诸葛兰"]
        for round in 0..<rounds {
            let name = names[round % names.count]
            let id = FaultDriveCommand.idNumber(firstNumber + round)
            steps += [.key(.character("1")), .waitFor("[1 基本信息]")]
            steps += type(name) + [.key(.tab)] + type(id) + [.key(.tab)]
            steps += type("dz") + [.key(.tab)] + type("cz") + [.key(.tab)] + type("13712345678") + [.key(.tab)]
            steps += type("其他") + [.key(.tab)] + type("有") + [.key(.tab)] + type("2024-05-06") + [.key(.tab)]
            steps += [.key(.function(2)), .waitFor("已保存：\(name)")]
            steps += [.key(.character("2")), .waitFor("创业服务记录")]
            // The person by their number; picked once the search has answered (the list shows it masked).
            steps += type(id) + [.waitFor(ResidentID.masked(id)), .key(.tab)]
            steps += type("20240601") + [.key(.tab)] + type("政策") + [.key(.tab), .key(.tab)] + type("讲解创业担保贷款政策") + [.key(.tab)]
            steps += [.key(.function(2)), .waitFor("已保存：\(name)")]
        }
        steps += [.key(.character("q")), .waitFor("确定退出"), .key(.character("y"))]
        return steps
    }
}
