import ArgumentParser
import ChuangyeCLI
import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI
import TerminalUI

/// Types survey records into the app core (state, `reduce`, effects, store) as a clerk would, and prints
/// `committed <ID number>` the moment the app reports a save. The kill -9 fault test runs it and kills it at random
/// moments, then checks that every reported save is in the database.
struct FaultDriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fault-saves", abstract: "故障测试用：通过界面核心连续保存（开发用）",
                                                    shouldDisplay: true)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "保存多少条")
    var count = 5

    @Option(name: .long, help: "第一条的序号（决定身份证号）")
    var first = 0

    func run() async throws {
        let database = try global.openDatabase()
        let runner = EffectRunner(database: database)
        var state = AppState(width: 120, height: 40, operatorName: database.operatorName, today: database.today(),
                             rubrics: try Rubrics.all())
        var saved: String?
        // Runs effects to completion like the app's loop, noting when a save is reported.
        func settle(_ effects: [Effect]) async {
            var pending = effects
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                if effect == .quit { return }
                guard let action = await runner.run(effect) else { continue }
                if case .recordSaved = action, let id = saved {
                    // One write per report, unbuffered: what the test reads is exactly what was reported.
                    FileHandle.standardOutput.write(Data("committed \(id)\n".utf8))
                    saved = nil
                }
                pending += reduce(&state, action)
            }
        }
        func key(_ k: Key) async { await settle(reduce(&state, .keyPressed(k))) }
        func type(_ s: String) async { for ch in s { await key(.character(ch)) } }
        await settle([.loadCommunities])
        if case .chooseCommunity = state.screen { await key(.enter) }
        if state.dialog != nil { await key(.character("n")) } // an old draft: not this run's business
        for n in first..<(first + count) {
            let id = Self.idNumber(n)
            await key(.character("1"))
            if state.dialog != nil { await key(.character("n")) } // a kept draft of an earlier run: start a new person
            await type("测试\(["甲", "乙", "丙", "丁", "戊"][n % 5])"); await key(.tab)
            await type(id); await key(.tab)
            await type("dz"); await key(.tab); await type("cz"); await key(.tab)
            await type("13912345678"); await key(.tab); await type("其他"); await key(.tab); await type("有"); await key(.tab)
            await type("2024-03-15"); await key(.tab)
            saved = id
            await key(.function(2))
            if saved != nil { throw ValidationError("第\(n)条未保存：\(state.message ?? "")") }
            while !Self.isHome(state.screen) {
                await key(state.dialog != nil ? .character("d") : .escape)
            }
        }
    }

    static func isHome(_ screen: Screen) -> Bool {
        if case .home = screen { return true }
        return false
    }

    /// A valid ID number per sequence number (different birth dates and serials).
    static func idNumber(_ n: Int) -> String {
        let birth = Day(year: 1960 + n % 40, month: 1 + n % 12, day: 1 + n % 28)!
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let body = "630102\(birth.year)\(two(birth.month))\(two(birth.day))\(String(format: "%03d", (n / 40) % 1000))"
        return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
    }
}
