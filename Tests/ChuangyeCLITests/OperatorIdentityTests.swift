import Foundation
import Testing
@testable import ChuangyeCLI

/// Who the operator of a SQLite ledger is (README, "Command line"): `--operator`, else `$CHUANGYE_OPERATOR`, else a
/// person's own login. A system account (root) names nobody: the command asks for a name instead of writing the
/// account into the registers as 填表人 and into the history.
struct OperatorIdentityTests {
    typealias Account = OperatorIdentity.Account
    static let root = Account(name: "root", uid: 0)
    static let person = Account(name: "wangfang", uid: 1000)

    /// The name, or the refusal's message.
    func resolve(_ given: String?, _ environment: [String: String], _ account: Account) -> String {
        do { return try OperatorIdentity.resolve(given: given, environment: environment, account: account) } catch {
            guard case CLIFailure.usage(let message) = error else { return "unexpected: \(error)" }
            return "refused: " + message
        }
    }

    static let refusal = "refused: 未指定操作员：当前系统用户 root 是系统账户，不是个人，不能作为填表人和修改记录中的操作员。"
        + "请用 --operator 姓名 写明您的姓名（例如 chuangye --operator 王芳），或设置一次环境变量 CHUANGYE_OPERATOR=您的姓名（可写入 ~/.profile）"

    @Test func aGivenNameWinsThenTheVariableThenAPersonsLogin() {
        #expect(resolve("王芳", ["CHUANGYE_OPERATOR": "李娜", "USER": "root"], Self.root) == "王芳")
        #expect(resolve(nil, ["CHUANGYE_OPERATOR": "李娜", "USER": "root"], Self.root) == "李娜")
        #expect(resolve("　", ["CHUANGYE_OPERATOR": " 李娜 "], Self.root) == "李娜") // blanks name nobody
        #expect(resolve(nil, ["USER": "wangfang"], Self.person) == "wangfang")
        #expect(resolve(nil, [:], Self.person) == "wangfang")
    }

    @Test func rootNamesNobody() {
        #expect(resolve(nil, ["USER": "root"], Self.root) == Self.refusal)
        #expect(resolve(nil, [:], Self.root) == Self.refusal)
        #expect(resolve(nil, ["CHUANGYE_OPERATOR": " "], Self.root) == Self.refusal)
    }

    @Test(arguments: [Account(name: "nobody", uid: 65534), Account(name: "daemon", uid: 1), Account(name: "www-data", uid: 33)])
    func otherSystemAccountsNameNobody(_ account: Account) {
        #expect(resolve(nil, ["USER": account.name ?? ""], account).hasPrefix("refused: 未指定操作员：当前系统用户 \(account.name ?? "") 是系统账户"))
    }

    /// `sudo` and `su` leave `USER=root` in a person's shell: still not a person's name.
    @Test func aUserVariableSayingRootIsNotTaken() {
        #expect(resolve(nil, ["USER": "root"], Self.person).hasPrefix("refused: 未指定操作员"))
    }
}

/// The same as a clerk meets it: as root, without `--operator`, nothing is written; named once by the variable,
/// that name is the 填表人 of the workbook and the operator of the history; a first supervisor is not `root`.
@Suite(.serialized)
struct OperatorUnderRootTests {
    static let asRoot = geteuid() == 0

    @Test(.enabled(if: asRoot, "the tests do not run as root: the refusal of a system account was NOT tested end to end"))
    func rootWithoutANameIsAskedForOneAndNothingIsWritten() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let unnamed: [String: String?] = ["CHUANGYE_OPERATOR": nil, "USER": "root"]
        let message = String(OperatorIdentityTests.refusal.dropFirst("refused: ".count))
        let profilePath = try cli.write("p.toml", profile)
        // Neither `init` nor the app creates a ledger under nobody's name; the app says why before it takes the
        // screen (under a shell that prints its exit status and stays: tmux may leave an exited pane unreaped, and a
        // pane that ends before the terminal's `remain-on-exit` is set takes its session with it).
        let refused = try cli.launch(CLI.binary, ["init", "--profile", profilePath, "--db", cli.db], environment: unnamed)
        #expect(refused.status == 2 && refused.stderr.contains(message), "\(refused.stderr)")
        let app = try TmuxTerminal(["sh", "-c", "\"$0\" --db \"$1\"; echo \"退出码=$?\"; sleep 30", CLI.binary.path, cli.db],
                                   environment: ["CHUANGYE_OPERATOR": "", "USER": "root", "LANG": "C.UTF-8", "TERM": "xterm-256color"],
                                   width: 80, height: 24)
        try app.waitFor("退出码=2")
        // The message's first lines may have scrolled by the time the shell prints its status: its end is enough.
        #expect(app.screen.replacingOccurrences(of: "\n", with: "").contains("CHUANGYE_OPERATOR=您的姓名（可写入 ~/.profile）退出码=2"), "\(app.screen)")
        #expect(!FileManager.default.fileExists(atPath: cli.db), "a ledger was created")
        // On a ledger that exists, every command asks the same, before it reads or writes anything.
        #expect(try cli.run("init", "--profile", profilePath).status == 0)
        for command in [["score"], ["import", "survey", try cli.write("s.csv", surveyCSV)]] {
            let refused = try cli.launch(CLI.binary, command + ["--db", cli.db], environment: unnamed)
            #expect(refused.status == 2 && refused.stderr.contains(message), "\(command): \(refused.stderr)")
        }
        #expect(!(try cli.run("history").stdout.contains("root")))
    }

    @Test(.enabled(if: asRoot, "the tests do not run as root: the variable under a system account was NOT tested end to end"))
    func theVariableNamesTheFillerAndTheHistory() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let named: [String: String?] = ["CHUANGYE_OPERATOR": "李娜", "USER": "root"]
        func run(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", cli.db], environment: named) }
        #expect(try run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let history = try run("history")
        #expect(history.status == 0 && history.stdout.contains("李娜") && !history.stdout.contains("root"), "\(history.stdout)")
        let path = cli.dir.appendingPathComponent("摸底台账.xlsx").path
        #expect(try run("export", "survey", path).status == 0)
        let filing = try #require(try WorkbookProbe.read(path).first?.text(1, 0))
        #expect(filing.contains("填表人：李娜") && !filing.contains("root"), "\(filing)")
    }

    @Test(.enabled(if: asRoot, "the tests do not run as root: the first supervisor under root was NOT tested"))
    func aPersonWorkingAsRootIsNotToldToMakeRootTheSupervisor() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let first = try cli.run(as: "张主任", "user", "add", "张主任", "--supervisor")
        #expect(first.status == 1)
        #expect(first.stderr.contains("当前系统用户 root 是系统账户、不是个人，不应登记为督导") && !first.stderr.contains("user add root"),
                "\(first.stderr)")
        #expect(try cli.run(as: "张主任", "user", "list").stdout.hasPrefix("尚未登记操作员"))
    }
}
