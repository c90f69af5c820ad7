import ArgumentParser
import Foundation
import LedgerCore
import LedgerExchange

/// Times the stages of a survey import without a database (development aid; hidden).
struct StageBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-import-stages", abstract: "导入各阶段耗时（开发用）")
    @Argument var file: String

    func run() async throws {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let t0 = now()
        let parsed = try RegisterFile.read(bytes: FileBytes.read(file), register: .survey)
        let t1 = now()
        var rows: [RawRecord] = []
        for r in parsed.records { rows.append(r) }
        let t2 = now()
        let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!)
        let context = ValidationContext(today: Day.today(), communityCode: "X", period: period, editingId: nil)
        var persons: [Person] = []
        for r in rows { if let p = PersonValidator.validate(r.values(for: .survey), context: context).value { persons.append(p) } }
        let t3 = now()
        var n = 0
        for p in persons { n += Contribution.of(p, servicesInPeriod: 0, period: period).values.count }
        let t4 = now()
        for p in persons { n += Pinyin.initials(of: p.name).count + Pinyin.spelled(p.name).count }
        let t5 = now()
        let c = Double(rows.count) / 1e6
        print("rows \(rows.count) read+shape \((t1 - t0) / c) iterate \((t2 - t1) / c) validate \((t3 - t2) / c) contribution \((t4 - t3) / c) pinyin \((t5 - t4) / c) us/row \(n)")
    }
}
