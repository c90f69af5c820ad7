import Foundation
import Testing

/// What the command line tells each login of a district on PostgreSQL about what it did or may not do: an
/// overview of the communities it reads (not `全部社区` when it reads one), and an `admin` command refused for the
/// administrator's login it needs (not a generic `无权访问`).
struct RoleMessagesPostgresTests {
    /// A district of three communities in two streets, a clerk of one of them and the supervisor of one street;
    /// `run(login, args)` runs the binary as that login (its own password), nil as the administrator.
    struct District {
        let cli: CLI
        let url: String
        let clerk: String, street: String
        static let password = "pw-roles"

        init() throws {
            cli = try CLI()
            url = try CLIPostgresTests.freshLedgerURL()
            let tag = UUID().uuidString.prefix(8).lowercased()
            clerk = "clerk_\(tag)"
            street = "street_\(tag)"
            #expect(try run(nil, "admin", "init").status == 0)
            for (code, name, street) in [("630102101", "东关社区", "东关街道"), ("630102102", "南川社区", "东关街道"), ("630102103", "西门社区", "西门街道")] {
                let profile = """
                    [community]
                    code = "\(code)"
                    name = "\(name)"
                    street = "\(street)"
                    district = "城东区"
                    level = "社区"
                    labour_force = 100
                    period = "2024-01-01..2024-12-31"
                    """
                #expect(try run(nil, "init", "--profile", try cli.write("\(code).toml", profile)).status == 0)
            }
            for add in [["add-clerk", clerk, "--community", "630102101"], ["add-street-supervisor", street, "--street", "东关街道"]] {
                let added = try cli.launch(CLI.binary, ["admin"] + add + ["--db", url], environment: ["CHUANGYE_NEW_PASSWORD": Self.password])
                #expect(added.status == 0, "\(added.stderr)")
            }
        }

        func run(_ login: String?, _ args: String...) throws -> CLI.Output {
            guard let login else { return try cli.launch(CLI.binary, args + ["--db", url]) }
            let base = try #require(CLIPostgresTests.server)
            let as_ = url.replacingOccurrences(of: "://" + (URLComponents(string: base)?.user ?? "") + "@", with: "://\(login)@")
            return try cli.launch(CLI.binary, args + ["--db", as_], environment: ["PGPASSWORD": Self.password])
        }

        func cleanup() {
            CLIPostgresTests.dropLedger(schemaOf: url, logins: [clerk, street])
            cli.cleanup()
        }
    }

    @Test(.enabled(if: CLIPostgresTests.server != nil, "CHUANGYE_TEST_PG is not set: the role messages on PostgreSQL were NOT tested"))
    func theOverviewSaysWhatEachLoginExported() throws {
        let d = try District()
        defer { d.cleanup() }
        let byClerk = try d.run(d.clerk, "export", "overview", "clerk.xlsx")
        #expect(byClerk.status == 0 && byClerk.stdout == "已导出1个社区的汇总表到 clerk.xlsx\n", "\(byClerk.stdout)\(byClerk.stderr)")
        let byStreet = try d.run(d.street, "export", "overview", "street.xlsx")
        #expect(byStreet.status == 0 && byStreet.stdout == "已导出东关街道2个社区的汇总表到 street.xlsx\n", "\(byStreet.stdout)\(byStreet.stderr)")
        let byAdministrator = try d.run(nil, "export", "overview", "all.xlsx")
        #expect(byAdministrator.stdout == "已导出全部3个社区的汇总表到 all.xlsx\n", "\(byAdministrator.stdout)\(byAdministrator.stderr)")
        // The candidates' list counts the same way.
        let candidates = try d.run(d.street, "plan", "--candidates")
        #expect(candidates.stdout.hasPrefix("评选入围条件（劳动者创业参与率达到7%、创业带动就业指数达到3）：东关街道共2个社区"), "\(candidates.stdout)")
        let clerkCandidates = try d.run(d.clerk, "plan", "--candidates")
        #expect(clerkCandidates.stdout.hasPrefix("评选入围条件（劳动者创业参与率达到7%、创业带动就业指数达到3）：共1个社区"), "\(clerkCandidates.stdout)")
    }

    @Test(.enabled(if: CLIPostgresTests.server != nil, "CHUANGYE_TEST_PG is not set: the role messages on PostgreSQL were NOT tested"))
    func anAdminCommandNamesTheAdministratorsLoginItNeeds() throws {
        let d = try District()
        defer { d.cleanup() }
        #expect(try d.cli.launch(CLI.binary, ["demo", "--db", d.cli.db, "--operator", "王芳"]).status == 0)
        let migrate = try d.run(d.clerk, "admin", "migrate", d.cli.db)
        #expect(migrate.status == 1 && migrate.stderr == """
            chuangye admin migrate 须用区县管理员的数据库登录运行（建立本台账、运行 chuangye admin init 的用户）：\(d.clerk)是窗口人员的登录。请联系区县管理员

            """, "\(migrate.stderr)")
        let add = try d.run(d.street, "admin", "add-clerk", "nobody", "--community", "630102101")
        #expect(add.status == 1 && add.stderr.hasPrefix("chuangye admin add-clerk 须用区县管理员的数据库登录运行") && add.stderr.contains("\(d.street)是街道督导（只读）的登录"),
                "\(add.stderr)")
        // The administrator's login migrates as before.
        let moved = try d.run(nil, "admin", "migrate", d.cli.db)
        #expect(moved.status == 0 && moved.stdout.contains("已迁入摸底台账"), "\(moved.stdout)\(moved.stderr)")
    }
}
