import Foundation
import Testing

/// The command line on a district's PostgreSQL ledger (`--db postgresql://…`): the same commands, the same
/// output as on a SQLite file. Runs when `CHUANGYE_TEST_PG` names a test server (.ci/run sets it); the
/// conformance suite's `PostgresAvailability` reports when it does not.
struct CLIPostgresTests {
    static let server = ProcessInfo.processInfo.environment["CHUANGYE_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }

    /// The test server's address with a schema of this test's own (created by the first command).
    static func freshLedgerURL() throws -> String {
        let base = try #require(server)
        let schema = "cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }

    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: the command line on PostgreSQL was NOT tested"))
    func scoreCheckAndExportSayTheSameOnBothEngines() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try Self.freshLedgerURL()
        func onPostgres(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", url]) }
        func onSQLite(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", cli.db]) }
        #expect(try onPostgres("demo").status == 0)
        #expect(try onSQLite("demo").status == 0)
        for command in [["score"], ["check"], ["plan"]] {
            let pg = try cli.launch(CLI.binary, command + ["--db", url])
            let lite = try cli.launch(CLI.binary, command + ["--db", cli.db])
            #expect(pg.status == lite.status && pg.status == 0, "\(command): \(pg.stderr)")
            #expect(pg.stdout.split(separator: "\n") == lite.stdout.split(separator: "\n"), "\(command)")
        }
        #expect(try onPostgres("export", "survey", "pg.csv").status == 0)
        #expect(try onSQLite("export", "survey", "lite.csv").status == 0)
        let pgFile = try Data(contentsOf: cli.dir.appendingPathComponent("pg.csv"))
        #expect(pgFile == (try Data(contentsOf: cli.dir.appendingPathComponent("lite.csv"))) && pgFile.count > 1000)
        // An import of rows already registered is refused whole, with the same message
        let pgImport = try onPostgres("import", "survey", "lite.csv")
        let liteImport = try onSQLite("import", "survey", "lite.csv")
        #expect(pgImport.status != 0 && pgImport.status == liteImport.status)
        #expect(pgImport.stderr.split(separator: "\n").suffix(1) == liteImport.stderr.split(separator: "\n").suffix(1))
    }

    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: the command line on PostgreSQL was NOT tested"))
    func theOperatorIsTheLoginAndFailuresAreExplainedInChinese() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try Self.freshLedgerURL()
        let claimed = try cli.launch(CLI.binary, ["score", "--db", url, "--operator", "王芳"])
        #expect(claimed.status != 0 && claimed.stderr.contains("不能用 --operator 指定"))
        let inURL = try cli.launch(CLI.binary, ["score", "--db", "postgresql://u:secret@127.0.0.1/x"])
        #expect(inURL.status != 0 && inURL.stderr.contains("口令不能写在命令行"))
        let unreachable = try cli.launch(CLI.binary, ["score", "--db", "postgresql://u@127.0.0.1:1/x?sslmode=disable"])
        #expect(unreachable.status != 0 && unreachable.stderr.contains("无法连接数据库服务器 127.0.0.1:1"))
        let wrong = try cli.launch(CLI.binary, ["score", "--db", url], environment: ["PGPASSWORD": "certainly-wrong"])
        #expect(wrong.status != 0 && wrong.stderr.contains("口令错误"), "\(wrong.stderr)")
    }

    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: the command line on PostgreSQL was NOT tested"))
    func theAdministratorInitialisesAndAClerksLoginSeesItsCommunityOnly() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try Self.freshLedgerURL()
        let admin = try cli.launch(CLI.binary, ["admin", "init", "--db", url])
        #expect(admin.status == 0 && admin.stdout.contains("已初始化"), "\(admin.stderr)")
        #expect(try cli.launch(CLI.binary, ["demo", "--db", url]).status == 0)
        let tag = UUID().uuidString.prefix(8).lowercased()
        let clerk = "clerk_\(tag)", password = "pw-\(tag)"
        let added = try cli.launch(CLI.binary, ["admin", "add-clerk", clerk, "--community", "630102999", "--db", url],
                                   environment: ["CHUANGYE_NEW_PASSWORD": password])
        #expect(added.status == 0 && added.stdout == "已建立窗口人员登录 \(clerk)：可修改社区 630102999\n", "\(added.stderr)")
        let unknown = try cli.launch(CLI.binary, ["admin", "add-clerk", clerk, "--community", "999", "--db", url])
        #expect(unknown.status != 0 && unknown.stderr.contains("社区或记录不存在"), "\(unknown.stderr)")
        // The clerk's login (its own password) reads its community's score, as the administrator does
        let base = try #require(Self.server)
        let clerkURL = url.replacingOccurrences(of: "://" + (URLComponents(string: base)?.user ?? "") + "@", with: "://\(clerk)@")
        let asClerk = try cli.launch(CLI.binary, ["score", "--db", clerkURL], environment: ["PGPASSWORD": password])
        let asAdmin = try cli.launch(CLI.binary, ["score", "--db", url])
        #expect(asClerk.status == 0 && asClerk.stdout == asAdmin.stdout, "\(asClerk.stderr)")
        // A clerk's login cannot initialise the database (it may create neither roles nor tables)
        let stranger = try cli.launch(CLI.binary, ["admin", "init", "--db", clerkURL], environment: ["PGPASSWORD": password])
        #expect(stranger.status != 0)
    }
}
