import ArgumentParser
import Foundation
import LedgerStore

/// The `chuangye` command: the terminal application without arguments, scriptable subcommands otherwise.
public struct Chuangye: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chuangye",
        abstract: "创业台账：创业摸底、创业服务和创建工作台账的录入、检查与评分",
        discussion: "不带参数运行时打开终端录入界面。退出码：0 成功，1 数据有误，2 用法错误。",
        version: "创业台账（chuangye）0.1.0",
        subcommands: [InitCommand.self, ImportCommand.self, ExportCommand.self, ScoreCommand.self, PlanCommand.self, CheckCommand.self,
                      HistoryCommand.self, FindCommand.self, BackupCommand.self, DemoCommand.self, UserCommand.self, EvaluateCommand.self,
                      StatsCommand.self, AdminCommand.self])

    @OptionGroup var global: GlobalOptions

    public init() {}

    /// Without a subcommand: the terminal application.
    public func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIFailure.usage("终端录入界面需要在终端中运行；脚本中请使用子命令（chuangye --help 查看）")
        }
        let database = try global.openDatabase(creating: true)
        let problem = await AppRuntime.run(database: database, databasePath: global.databasePath, rubrics: try Rubrics.all())
        // The process ends with exit(), which closes no connection: the session's work would stay in the `-wal`
        // file beside the ledger, and a clerk who copies the ledger file alone (to a USB stick) would leave it behind.
        (database as? AppDatabase)?.foldWriteAheadLog()
        if let problem { throw CLIFailure.data(problem) }
    }

    /// Parses the arguments, runs the command and exits with 0 (success), 1 (data errors) or 2 (usage).
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        setlocale(LC_ALL, "")
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        do {
            // A first word that is no subcommand is a mistyped one (the root takes no words of its own): the
            // parser's "多余的参数" would not say so.
            let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
            if let first = given.first, !first.hasPrefix("-"), !names.contains(first) {
                throw CLIFailure.usage("没有子命令“\(first)”。可用的子命令：\(names.filter { $0 != "help" }.joined(separator: "、"))（chuangye --help 查看说明）")
            }
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let failure as CLIFailure {
            printError(failure.description)
            Foundation.exit(failure.exitCode)
        } catch let error as StoreError {
            printError(error.message)
            Foundation.exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .failure {
                // Not the parser's: an error no command turned into a message of its own (every store path makes
                // SQLite's errors a StoreError). It is not a usage error, and its text may be English.
                printError("操作失败，数据未改动：\(error)。请检查数据库文件和路径；若问题依旧，请用最近的备份恢复")
                Foundation.exit(1)
            }
            // Unwrapped by the parser (it counts characters, not columns), wrapped by HelpLayout.
            let text = fullMessage(for: error, columns: 100_000)
            if code == .success {
                // --help, help <子命令>, --version: the parser's words in Chinese.
                print(HelpLayout.wrap(UsageText.help(text), width: HelpLayout.width))
                Foundation.exit(0)
            }
            let message = HelpLayout.wrap(UsageText.error(text, negative: given.first(where: UsageText.isNegativeNumber)),
                                          width: HelpLayout.width)
            printError(message)
            if !message.contains("--help") { printError("用法错误，请运行 chuangye --help 查看说明") }
            Foundation.exit(2)
        }
    }
}
