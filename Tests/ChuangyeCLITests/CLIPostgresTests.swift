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

    /// Removes what a test made on the server (psql, as the test server's login): the ledger's schema, the roles
    /// `admin init` made for it, and the test's logins. Every test that makes a ledger defers it.
    static func dropLedger(schemaOf url: String, logins: [String]) {
        guard let base = CLIPostgresTests.server, let schema = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "schema" })?.value,
              let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let statements = ["DROP SCHEMA IF EXISTS \(schema) CASCADE"] + logins.map { "DROP ROLE IF EXISTS \"\($0)\"" } + [
            "DROP ROLE IF EXISTS \(schema)_clerk", "DROP ROLE IF EXISTS \(schema)_reader",
            "REASSIGN OWNED BY \(schema)_owner TO CURRENT_USER", "DROP ROLE IF EXISTS \(schema)_owner",
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = [base.replacingOccurrences(of: "?sslmode=disable", with: "?sslmode=disable"), "-q"] + statements.flatMap { ["-c", $0] }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }

    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: the command line on PostgreSQL was NOT tested"))
    func scoreCheckAndExportSayTheSameOnBothEngines() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try Self.freshLedgerURL()
        defer { Self.dropLedger(schemaOf: url, logins: []) }
        func onPostgres(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", url]) }
        // On SQLite the operator is named (the tests run as root, which names nobody: OperatorIdentity).
        func onSQLite(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", cli.db, "--operator", "王芳"]) }
        #expect(try onPostgres("demo").status == 0)
        #expect(try onSQLite("demo").status == 0)
        for command in [["score"], ["check"], ["plan"]] {
            let pg = try cli.launch(CLI.binary, command + ["--db", url])
            let lite = try cli.launch(CLI.binary, command + ["--db", cli.db, "--operator", "王芳"])
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
        defer { Self.dropLedger(schemaOf: url, logins: []) }
        let claimed = try cli.launch(CLI.binary, ["score", "--db", url, "--operator", "王芳"])
        #expect(claimed.status != 0 && claimed.stderr.contains("不能用 --operator 指定"))
        // A name in the environment (set for SQLite ledgers) is said not to apply, not silently dropped
        let named = try cli.launch(CLI.binary, ["score", "--db", url], environment: ["CHUANGYE_OPERATOR": "王芳"])
        #expect(named.stderr.hasPrefix("注意：PostgreSQL 台账的操作员就是数据库登录用户 "), "\(named.stderr)")
        #expect(named.stderr.contains("，环境变量 CHUANGYE_OPERATOR（王芳）不起作用\n"), "\(named.stderr)")
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
        #expect(unknown.status != 0 && unknown.stderr.contains("找不到社区代码为999的社区"), "\(unknown.stderr)")
        let street = "street_\(tag)", inspector = "inspector_\(tag)"
        defer { Self.dropLedger(schemaOf: url, logins: [clerk, street, inspector]) }
        let typo = try cli.launch(CLI.binary, ["admin", "add-street-supervisor", street, "--street", "演示路街道", "--db", url])
        #expect(typo.status != 0 && typo.stderr.contains("没有社区属于街道“演示路街道”（已有街道：演示街道）"), "\(typo.stderr)")
        let streetAdded = try cli.launch(CLI.binary, ["admin", "add-street-supervisor", street, "--street", "演示街道", "--db", url])
        #expect(streetAdded.status == 0 && streetAdded.stdout
                == "已建立街道督导（只读）登录 \(street)：可查看街道 演示街道；未设置口令，请用 psql 的 \\password \(street) 设置\n",
                "\(streetAdded.stderr)")
        let inspectorAdded = try cli.launch(CLI.binary, ["admin", "add-inspector", inspector, "--db", url])
        #expect(inspectorAdded.status == 0 && inspectorAdded.stdout
                == "已建立检查员（只读）登录 \(inspector)：全部社区（只读）；未设置口令，请用 psql 的 \\password \(inspector) 设置\n",
                "\(inspectorAdded.stderr)")
        let listed = try cli.launch(CLI.binary, ["user", "list", "--db", url])
        #expect(listed.stdout.contains("\(street)\t街道督导（只读）\t演示街道\n") && listed.stdout.contains("\(clerk)\t窗口人员\t630102999\n"),
                "\(listed.stdout)\(listed.stderr)")
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

    /// `admin migrate`: a community's SQLite ledger moves into the district database; every command then says
    /// the same of it on both; a second run changes nothing; mistakes are named.
    @Test(.enabled(if: server != nil, "CHUANGYE_TEST_PG is not set: admin migrate was NOT tested"))
    func aCommunitysLedgerFileMovesIntoTheDistrictOnce() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try Self.freshLedgerURL()
        defer { Self.dropLedger(schemaOf: url, logins: []) }
        #expect(try cli.launch(CLI.binary, ["demo", "--db", cli.db, "--operator", "王芳"]).status == 0)
        #expect(try cli.launch(CLI.binary, ["admin", "init", "--db", url]).status == 0)
        let moved = try cli.launch(CLI.binary, ["admin", "migrate", cli.db, "--db", url])
        let lines = moved.stdout.split(separator: "\n")
        #expect(moved.status == 0 && lines.count == 4, "\(moved.stdout)\(moved.stderr)")
        #expect(lines.first?.hasPrefix("社区 630102999 示范社区（演示）：已迁入摸底台账 ") == true && lines.dropFirst().first?.hasPrefix("  得分核对一致：") == true)
        // The demo file names no clerk: the line to add one is printed all the same.
        #expect(lines.suffix(2) == ["台账文件没有登记以下社区的窗口人员，请为其建立登录（姓名换成窗口人员的）：",
                                    "  chuangye admin add-clerk 姓名 --community 630102999    # 示范社区（演示）"])
        // The move is in the district's history, newest first.
        let history = try cli.launch(CLI.binary, ["history", "--community", "630102999", "--db", url]).stdout.split(separator: "\n")
        #expect(history.first?.hasSuffix("迁入区县数据库  社区档案 示范社区（演示）") == true
                && history.dropFirst().first == "    来源文件：\((cli.db as NSString).lastPathComponent)"[...], "\(history.prefix(2))")
        for command in [["score"], ["check"], ["plan"]] {
            let pg = try cli.launch(CLI.binary, command + ["--db", url])
            let lite = try cli.launch(CLI.binary, command + ["--db", cli.db, "--operator", "王芳"])
            #expect(pg.status == 0 && pg.stdout == lite.stdout && !pg.stdout.isEmpty, "\(command): \(pg.stderr)")
        }
        for register in ["survey", "service", "activity"] {
            #expect(try cli.launch(CLI.binary, ["export", register, "pg-\(register).csv", "--db", url]).status == 0)
            #expect(try cli.launch(CLI.binary, ["export", register, "lite-\(register).csv", "--db", cli.db, "--operator", "王芳"]).status == 0)
            let pgFile = try Data(contentsOf: cli.dir.appendingPathComponent("pg-\(register).csv"))
            #expect(pgFile == (try Data(contentsOf: cli.dir.appendingPathComponent("lite-\(register).csv"))) && pgFile.count > 300, "\(register)")
        }
        let again = try cli.launch(CLI.binary, ["admin", "migrate", cli.db, "--db", url])
        #expect(again.status == 0 && again.stdout.hasPrefix("社区 630102999 示范社区（演示）：已于 ") && again.stdout.contains("未再迁入"))
        let missing = try cli.launch(CLI.binary, ["admin", "migrate", "没有.sqlite", "--db", url])
        #expect(missing.status != 0 && missing.stderr.contains("台账文件不存在：没有.sqlite"), "\(missing.stderr)")
        let unknown = try cli.launch(CLI.binary, ["admin", "migrate", cli.db, "--community", "999", "--db", url])
        #expect(unknown.status != 0 && unknown.stderr.contains("台账文件中没有社区 999（文件中有：630102999 示范社区（演示））"), "\(unknown.stderr)")
        let notDistrict = try cli.launch(CLI.binary, ["admin", "migrate", cli.db, "--db", cli.db])
        #expect(notDistrict.status != 0 && notDistrict.stderr.contains("admin 命令只用于区县 PostgreSQL 数据库"))
    }
}

/// `chuangye evaluate` and `stats` on a district's PostgreSQL ledger, each step by the login whose role it is: the
/// clerk's login submits, the district supervisor's adjusts, draws, checks and signs, the lock refuses the clerk's
/// import in the same words as on SQLite, the supervisor unlocks and recommends, the city supervisor's login lists
/// the candidates.
struct EvaluateCLIPostgresTests {
    @Test(.enabled(if: CLIPostgresTests.server != nil, "CHUANGYE_TEST_PG is not set: evaluate on PostgreSQL was NOT tested"))
    func theEvaluationRunsOnADistrictsServerWithEachLoginsRole() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(at: cli.dir) }
        let url = try CLIPostgresTests.freshLedgerURL()
        func admin(_ args: String...) throws -> CLI.Output { try cli.launch(CLI.binary, args + ["--db", url]) }
        #expect(try admin("admin", "init").status == 0)
        #expect(try admin("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try admin("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let tag = UUID().uuidString.prefix(8).lowercased()
        let clerk = "clerk_\(tag)", city = "city_\(tag)", password = "pw-\(tag)"
        defer { CLIPostgresTests.dropLedger(schemaOf: url, logins: [clerk, city]) }
        #expect(try cli.launch(CLI.binary, ["admin", "add-clerk", clerk, "--community", "630102001", "--db", url],
                               environment: ["CHUANGYE_NEW_PASSWORD": password]).status == 0)
        let cityAdded = try cli.launch(CLI.binary, ["admin", "add-city-supervisor", city, "--db", url], environment: ["CHUANGYE_NEW_PASSWORD": password])
        #expect(cityAdded.status == 0 && cityAdded.stdout == "已建立市级督导登录 \(city)：市级考评（不改台账）\n", "\(cityAdded.stderr)")
        let base = try #require(CLIPostgresTests.server)
        let adminUser = URLComponents(string: base)?.user ?? ""
        func login(_ name: String, _ args: String...) throws -> CLI.Output {
            try cli.launch(CLI.binary, args + ["--db", url.replacingOccurrences(of: "://\(adminUser)@", with: "://\(name)@")],
                           environment: ["PGPASSWORD": password])
        }

        let submitted = try login(clerk, "evaluate", "submit")
        #expect(submitted.status == 0 && submitted.stdout.hasPrefix("已提交八一路社区（630102001）考核期 2024-01-01..2024-12-31 的自评："),
                "\(submitted.stderr)")
        let byClerk = try login(clerk, "evaluate", "adjust", "survey_register", "0", "--reason", "台账缺少签字")
        #expect(byClerk.status == 1 && byClerk.stderr == "只有区县督导可以初评改分，\(clerk)不是区县督导\n")
        let adjusted = try admin("evaluate", "adjust", "建立摸底台账", "0", "--reason", "台账缺少签字")
        #expect(adjusted.status == 0 && adjusted.stdout.hasPrefix("已记录初评：建立摸底台账 0分（自评 2分）。"), "\(adjusted.stderr)")
        let drawn = try admin("evaluate", "draw", "2", "--seed", "7")
        #expect(drawn.status == 0 && drawn.stdout.contains("随机抽样：种子 7，抽2人（有创业意愿 2人抽1；已创业 1人抽1）"), "\(drawn.stdout)\(drawn.stderr)")
        // The same seed over the same registers draws the same persons as on a SQLite file
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run("evaluate", "submit").status == 0)
        let lite = try cli.run("evaluate", "draw", "2", "--seed", "7")
        #expect(lite.stdout.split(separator: "\n").suffix(2) == drawn.stdout.split(separator: "\n").suffix(2), "\(lite.stdout)")
        for position in ["1", "2"] {
            #expect(try admin("evaluate", "check", position, "属实").status == 0)
        }
        let signed = try admin("evaluate", "sign")
        #expect(signed.status == 0, "\(signed.stderr)")
        // The clerk's import is refused by the lock, in the words the SQLite engine uses
        let refused = try login(clerk, "import", "survey", cli.write("more.csv", surveyCSV.replacingOccurrences(of: "张三", with: "张叁")))
        #expect(refused.status == 1 && refused.stderr.contains("台账已锁定，不能修改：八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评已由\(adminUser)于"),
                "\(refused.stderr)")
        let clerkUnlock = try login(clerk, "evaluate", "unlock", "--reason", "要改")
        #expect(clerkUnlock.status == 1 && clerkUnlock.stderr == "只有区县督导可以解锁，\(clerk)不是区县督导\n")
        #expect(try admin("evaluate", "recommend", "--confirm").status == 0)
        let candidates = try login(city, "evaluate", "candidates")
        #expect(candidates.status == 0 && candidates.stdout.contains("630102001"), "\(candidates.stdout)\(candidates.stderr)")
        let shown = try login(clerk, "evaluate", "show")
        #expect(shown.status == 0 && shown.stdout.contains("初评已由\(adminUser)于"), "\(shown.stdout)\(shown.stderr)")
        let unlocked = try admin("evaluate", "unlock", "--reason", "抽查发现错误需更正")
        #expect(unlocked.status == 0, "\(unlocked.stderr)")
        // Operator statistics: the clerk's login reads its own work only
        let stats = try login(clerk, "stats")
        #expect(stats.status == 0, "\(stats.stderr)")
        let everyone = try admin("stats")
        #expect(everyone.status == 0 && everyone.stdout.contains(adminUser), "\(everyone.stdout)\(everyone.stderr)")
    }

}
