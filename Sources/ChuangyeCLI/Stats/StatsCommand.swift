import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `chuangye stats`: operator statistics per operator and day (issue 23 item 5).
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "操作员统计：每人每天录入、更正、改动字段、接受的警告、保存前查出的错误、每条用时，以及按录入人统计的抽样核实结果",
        discussion: """
        督导看到所有操作员，其他操作员只看到自己的。加 --of 姓名 只统计该操作员（督导可指定任何人）。\
        保存前查出的错误和每条用时来自终端录入界面（导入和命令行不计）。
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("从这一天起（含），如 2024-03-01", valueName: "日期")) var from: String?
    @Option(name: .long, help: ArgumentHelp("到这一天止（含），如 2024-03-31", valueName: "日期")) var to: String?
    @Option(name: .long, help: ArgumentHelp("只统计这位操作员（督导可指定任何人，其他人只能是自己）", valueName: "姓名")) var of: String?
    @Flag(name: .long, help: "以JSON格式输出") var json = false

    func validate() throws {
        let first = try Self.day(from, option: "--from"), last = try Self.day(to, option: "--to")
        if let first, let last, first > last { throw ValidationError("起始日期 \(first) 晚于结束日期 \(last)") }
    }

    static func day(_ text: String?, option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day.parse(text) else { throw ValidationError("\(option) 应为日期，如 2024-03-15，而不是“\(text)”") }
        return day
    }

    func run() async throws {
        let ledger = try global.openDatabase()
        guard let store = ledger as? any StatisticsStore else { throw CLIFailure.data("当前数据库引擎不支持操作员统计") }
        // `--of` names whose work is counted. Who reads is the operator (the login on PostgreSQL): the store shows
        // a clerk only their own work whatever is asked. `--operator` alone (SQLite) still means one's own.
        let whose = of ?? (global.operatorName == nil ? nil : ledger.operatorName)
        let filter = StatisticsFilter(operatorName: whose,
                                      from: try Self.day(from, option: "--from"), to: try Self.day(to, option: "--to"))
        let statistics: OperatorStatistics
        do { statistics = try await store.operatorStatistics(filter) } catch let e as StoreError { throw CLIFailure.data(e.message) }
        print(json ? try StatsJSON.render(statistics, filter: filter) : StatsText.render(statistics, filter: filter))
    }
}
