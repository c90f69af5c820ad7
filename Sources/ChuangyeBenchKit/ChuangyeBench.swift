import ArgumentParser
import Foundation

/// `chuangye-bench`: the measurements behind BENCHMARKS.md and the driver of the kill -9 fault test. A separate
/// executable, so the shipped `chuangye` carries none of it.
public struct ChuangyeBench: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chuangye-bench",
        abstract: "创业台账的性能测量与故障测试（开发用）",
        subcommands: [BenchCommand.self, KeystrokeBenchCommand.self, StageBenchCommand.self, FaultDriveCommand.self,
                      PostgresBenchCommand.self, DistrictBenchCommand.self])

    public init() {}

    /// Parses the arguments and runs the subcommand; exits 0, or with the parser's code and message.
    public static func runMain() async -> Never {
        setlocale(LC_ALL, "")
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            exit(withError: error)
        }
    }
}
