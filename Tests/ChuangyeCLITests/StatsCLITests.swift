import Foundation
import Testing

/// `chuangye stats`: operator statistics at the command line, as a supervisor (everyone) and as a clerk (their own).
struct StatsCLITests {
    /// The evaluation ledger (王芳 imported three persons), a submission, and a supervisor's draw of two persons
    /// checked 不属实 and 属实.
    static func checkedLedger() throws -> CLI {
        let cli = try EvaluateCLITests.ledger()
        let supervisor = CLI.systemUser
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "draw", "2", "--seed", "7").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "不属实", "--note", "本人称未参加培训").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "check", "2", "属实").status == 0)
        return cli
    }

    /// Today's date varies between runs: replaced by a fixed word.
    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: #"(?m)^\d{4}-\d\d-\d\d"#, with: "<今天>    ", options: .regularExpression)
    }

    /// The supervisor, without `--operator` (which would narrow the count to their own work): the system user the
    /// process runs as, named once by `$CHUANGYE_OPERATOR` (root names nobody by itself: OperatorIdentity).
    static func asSupervisor(_ cli: CLI, _ args: String...) throws -> CLI.Output {
        try cli.launch(CLI.binary, ["stats"] + args + ["--db", cli.db], environment: ["CHUANGYE_OPERATOR": CLI.systemUser])
    }

    @Test func aSupervisorSeesEveryOperatorsDaysAndTheSpotCheckFindingsPerClerk() throws {
        let cli = try Self.checkedLedger()
        defer { cli.cleanup() }
        let all = try Self.asSupervisor(cli)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(Self.normalised(all.stdout) == """
            操作员统计（全部日期）
            日期        操作员      录入  更正  改字段  接受警告  导入  错误  放弃 每条用时
            <今天>      王芳           0     0       0         0     3     0     0        -
            错误：终端录入时保存前校验查出的错误；放弃：未保存就关闭的表单；
            每条用时：保存的表单从打开到保存的平均时间

            抽样核实（按录入人）
            录入人      核实  属实  不属实  联系不上  不符率
            王芳        2     1     1       0         50%

            """)
        let json = try Self.asSupervisor(cli, "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let days = try #require(document["days"] as? [[String: Any]])
        #expect(days.count == 1 && days[0]["operatorName"] as? String == "王芳" && days[0]["imported"] as? Int == 3)
        let tallies = try #require(document["spotChecks"] as? [[String: Any]])
        #expect(tallies.count == 1 && tallies[0]["untrue"] as? Int == 1 && tallies[0]["discrepancyRate"] as? String == "50%")
    }

    @Test func theDaysAndTheOperatorNarrowTheCount() throws {
        let cli = try Self.checkedLedger()
        defer { cli.cleanup() }
        let longAgo = try Self.asSupervisor(cli, "--from", "2020-01-01", "--to", "2020年1月31日")
        #expect(longAgo.stdout == """
            操作员统计（2020-01-01 至 2020-01-31）
            这段时间没有录入、更正或导入

            抽样核实：这段时间没有核实结果

            """)
        let supervisorsOwn = try cli.run(as: CLI.systemUser, "stats")
        #expect(supervisorsOwn.stdout.hasPrefix("操作员统计（\(CLI.systemUser)，全部日期）\n这段时间没有录入、更正或导入\n"))
        let clerk = try cli.run("stats", "--from", "2020-01-01")
        #expect(clerk.status == 0 && clerk.stdout.hasPrefix("操作员统计（王芳，2020-01-01 起）\n"))
        #expect(clerk.stdout.contains("王芳           0     0       0         0     3"))
    }

    @Test func aSupervisorNarrowsTheCountToOneOperatorWithOf() throws {
        let cli = try Self.checkedLedger()
        defer { cli.cleanup() }
        // The supervisor (the system user) counts one clerk's work
        let one = try Self.asSupervisor(cli, "--of", "王芳")
        #expect(one.status == 0 && one.stdout.hasPrefix("操作员统计（王芳，全部日期）\n"), "\(one.stdout)\(one.stderr)")
        #expect(one.stdout.contains("王芳           0     0       0         0     3"))
        #expect(try Self.asSupervisor(cli, "--of", "李强").stdout.hasPrefix("操作员统计（李强，全部日期）\n这段时间没有录入、更正或导入\n"))
        // A clerk asking for someone else's work is refused, saying why
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "李强", "--community", "630102001").status == 0)
        let other = try cli.run(as: "李强", "stats", "--of", "王芳")
        #expect(other.status == 1 && other.stdout.isEmpty && other.stderr.contains("只有督导可以查看其他操作员的统计，李强只能查看自己的"),
                "\(other.stdout)\(other.stderr)")
    }

    @Test func badDatesAreUsageErrorsInChinese() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let notADay = try cli.run("stats", "--from", "2024-13-01")
        #expect(notADay.status == 2 && notADay.stderr.hasPrefix("错误：--from 应为日期，如 2024-03-15，而不是“2024-13-01”\n"))
        let reversed = try cli.run("stats", "--from", "2024-03-02", "--to", "2024-03-01")
        #expect(reversed.status == 2 && reversed.stderr.hasPrefix("错误：起始日期 2024-03-02 晚于结束日期 2024-03-01\n"))
    }
}
