import Foundation
import TerminalUI
import Testing

/// Runs the binary with exactly these arguments (no `--db` added), in `cli`'s directory.
private func runBinary(_ cli: CLI, _ args: [String]) throws -> CLI.Output {
    try cli.launch(CLI.binary, args, environment: ["CHUANGYE_DB": nil, "COLUMNS": "80"])
}

/// The command line speaks Chinese only: help, version, usage errors (the parser's own words included).
struct CommandLineTextTests {
    @Test func usageErrorsAreChineseOnly() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let badValue = try cli.run("export", "frob", "x.csv")
        #expect(badValue.status == 2)
        // Wrapped to the terminal's width: compared without the line breaks.
        #expect(badValue.stderr.replacingOccurrences(of: "\n", with: "").hasPrefix("错误：<台账> 的值“frob”无效，应为 survey、service、activity、score、overview 之一"),
                "\(badValue.stderr)")
        let unknown = try cli.run("score", "--frob")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("错误：未知选项 --frob"), "\(unknown.stderr)")
        let missing = try runBinary(cli, ["history", "--limit"])
        #expect(missing.stderr.hasPrefix("错误：选项 --limit <条数> 缺少取值\n"), "\(missing.stderr)")
        for output in [badValue, unknown, missing] {
            for english in ["Error:", "Please provide", "Usage:", "Help:", "See '", "for more information"] {
                #expect(!output.stderr.contains(english), "\(output.stderr)")
            }
        }
        #expect(missing.stderr.contains("用法：chuangye history"))
        #expect(try runBinary(cli, ["init"]).stderr.hasPrefix("错误：缺少选项 --profile <文件>\n"))
        #expect(try runBinary(cli, ["import", "survey"]).stderr.hasPrefix("错误：缺少参数 <文件>\n"))
        #expect(missing.stderr.contains("运行 chuangye history --help 查看详细说明。"))
    }

    /// The parser takes `-1` for an option and would say a value is missing: the error names the number instead.
    @Test func aNegativeNumberIsNamedNotTakenForAMissingValue() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let negative = "错误：“-1”是负数：人数、序号、分数等取值都不能为负数\n"
        for args in [["evaluate", "adjust", "建立摸底台账", "-1", "--reason", "台账缺少签字"], ["evaluate", "draw", "-1"],
                     ["evaluate", "check", "-1", "属实"], ["history", "--limit", "-1"]] {
            let run = try cli.launch(CLI.binary, args + ["--db", cli.db, "--operator", "王芳"])
            #expect(run.status == 2 && run.stderr.hasPrefix(negative), "\(args): \(run.stderr)")
        }
        // Other words that begin with a minus sign are still the parser's
        #expect(try cli.run("score", "--frob").stderr.hasPrefix("错误：未知选项 --frob"))
        #expect(try cli.run("evaluate", "adjust", "建立摸底台账", "1", "--reason").stderr.hasPrefix("错误：选项 --reason <理由> 缺少取值"))
    }

    @Test func helpTextIsChineseVerbatim() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let help = try runBinary(cli, ["history", "--help"])
        #expect(help.status == 0)
        let expected = """
            简介：查看修改记录（新的在前）：谁在何时把哪个字段从什么改成了什么（含每次导入）

            用法：chuangye history [--db <路径>] [--operator <姓名>] [--community <代码>] [<台账>] [<编号>] [--limit <条数>] [--all] [--json]

            参数：
              <台账>                  只看一条记录：台账（survey 摸底 / service 服务 /
                                      activity 工作）（可选值：survey、service、activity）
              <编号>                  记录编号（与台账一起给出）

            选项：
              --db <路径>             数据库文件路径或 postgresql:// 地址（默认：
                                      $CHUANGYE_DB，否则
                                      $XDG_DATA_HOME/chuangye/ledger.sqlite）
              --operator <姓名>       操作员姓名，记入修改记录和填表人（默认：
                                      $CHUANGYE_OPERATOR，否则个人的系统用户名）
              --community <代码>      社区代码（数据库中只有一个社区时可省略）
              --limit <条数>          最多显示多少条（默认：50）
              --all                   全部社区的修改记录，新的在前，每条注明社区（督导用；不
                                      能与 --community 或单条记录同用）
              --json                  以JSON格式输出
              --version               显示版本号
              -h, --help              显示帮助信息


            """
        #expect(help.stdout == expected, "\(help.stdout)")
        let root = try runBinary(cli, ["--help"])
        for english in ["OVERVIEW", "USAGE", "OPTIONS", "SUBCOMMANDS", "Show ", "See '", "<subcommand>", "(default", "(values"] {
            #expect(!root.stdout.contains(english), "\(root.stdout)")
        }
        #expect(root.stdout.contains("子命令："))
        #expect(root.stdout.contains("运行 chuangye help <子命令> 查看子命令的详细说明。"))
        // Wrapped by display width (the parser counts characters): no line but the usage line is wider than 80
        for help in [root, try runBinary(cli, ["import", "--help"]), try runBinary(cli, ["backup", "--help"])] {
            for line in help.stdout.split(separator: "\n") where !line.hasPrefix("用法：") {
                #expect(DisplayWidth.of(String(line)) <= 80, "\(line)")
            }
        }
        let version = try runBinary(cli, ["--version"])
        #expect(version.stdout == "创业台账（chuangye）0.1.0\n")
    }

    @Test func aMistypedSubcommandIsNamedAsOne() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let output = try runBinary(cli, ["scroe"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("没有子命令“scroe”。可用的子命令：init、import、export、score"), "\(output.stderr)")
    }

    @Test func aDatabaseInAMissingDirectoryIsRefusedNotCreated() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let missing = cli.dir.appendingPathComponent("没有的目录").path
        let output = try runBinary(cli, ["score", "--db", missing + "/ledger.sqlite"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("数据库所在的目录不存在：\(missing)"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func initSaysEachProblemOnce() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let bad = profile.replacingOccurrences(of: "leading_group = 2", with: "leading_group = 7")
        let output = try cli.run("init", "--profile", cli.write("bad.toml", bad))
        #expect(output.status == 1)
        let lines = output.stderr.split(separator: "\n")
        // The item by the name a clerk reads in the 评分表
        #expect(lines.filter { $0.contains("成立创建工作领导小组") }.count == 1, "\(output.stderr)")
        #expect(!output.stderr.contains("leading_group"))
        #expect(Set(lines).count == lines.count, "\(output.stderr)")
    }

    @Test func fileProblemsAreSaidInChinese() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let init1 = try cli.run("init", "--profile", "没有的档案.toml")
        #expect(init1.status == 1)
        #expect(init1.stderr == "无法读取档案文件 没有的档案.toml：文件不存在\n", "\(init1.stderr)")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let export = try cli.run("export", "survey", cli.dir.appendingPathComponent("没有的目录/out.csv").path)
        #expect(export.status == 1)
        #expect(export.stderr.contains("目录") && export.stderr.contains("不存在"), "\(export.stderr)")
        #expect(!export.stderr.contains("The "), "\(export.stderr)")
    }

    @Test func theScoreTableShowsWholeItemNames() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        for rubric in ["xining-community", "shandong-city"] {
            let table = try cli.run("score", "--rubric", rubric)
            #expect(table.status == 0)
            #expect(!table.stdout.contains("…"), "\(table.stdout)")
        }
        #expect(try cli.run("score", "--rubric", "shandong-city").stdout.contains("一次性创业补贴和岗位开发补贴享受比例"))
    }
}
