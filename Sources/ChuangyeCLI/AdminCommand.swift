import ArgumentParser
import Foundation
import LedgerPostgres
import LedgerStore

/// The district administrator's commands on a PostgreSQL ledger: the schema, the roles and the clerks' logins.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "区县管理员：初始化 PostgreSQL 台账数据库，建立窗口人员的数据库登录",
        discussion: """
        只用于区县 PostgreSQL 数据库（--db postgresql://管理员@主机/库名），须以能建立角色的数据库用户运行。
        初始化后，数据表属于不能登录的角色：窗口人员只能读写自己社区的数据，街道督导只读所管街道的社区，
        区县督导读写全部社区，检查员只读全部社区，市级督导只读台账、做市级考评；修改记录只能追加、不能改删。
        """,
        subcommands: [Init.self, AddClerk.self, AddStreetSupervisor.self, AddSupervisor.self, AddCitySupervisor.self, AddInspector.self,
                      Migrate.self])

    /// The PostgreSQL ledger `--db` names, once its login is known to be the administrator's (`command` names the
    /// subcommand in the refusal); anything else is a usage error.
    static func administratorLocation(_ global: GlobalOptions, command: String) async throws -> PostgresLocation {
        let location = try location(global)
        try await requireAdministrator(location, command: command)
        return location
    }

    /// Refuses `command` with a login other than the district administrator's, naming the login's role.
    static func requireAdministrator(_ location: PostgresLocation, command: String) async throws {
        do { try await PostgresSecurity.requireAdministrator(location, command: command) } catch let e as StoreError {
            throw CLIFailure.data(e.message)
        }
    }

    /// The PostgreSQL ledger `--db` names; anything else is a usage error.
    static func location(_ global: GlobalOptions) throws -> PostgresLocation {
        guard PostgresLocation.isURL(global.databasePath) else {
            throw CLIFailure.usage("admin 命令只用于区县 PostgreSQL 数据库：请用 --db postgresql://管理员@主机/库名 指定")
        }
        if global.operatorName != nil {
            throw CLIFailure.usage("PostgreSQL 台账的操作员就是数据库登录用户（地址中的用户名），不能用 --operator 指定")
        }
        do { return try PostgresLocation(url: global.databasePath) } catch let e as StoreError { throw CLIFailure.usage(e.message) }
    }

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "建立或升级数据表，设置角色、授权和行级安全")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let location = try await AdminCommand.administratorLocation(global, command: "init")
            do { try await PostgresSecurity.initialize(location) } catch let e as StoreError { throw CLIFailure.data(e.message) }
            print("已初始化 \(location.description)：数据表属于角色 \(PostgresSecurity.ownerRole(location))，\(location.user) 为督导")
        }
    }

    /// Creates or updates a login with its role; the password comes from the environment, never the command line.
    static func addOperator(_ global: GlobalOptions, name: String, role: OperatorAccount.Role, communities: [String] = [],
                            streets: [String] = []) async throws {
        let command: String = switch role {
        case .clerk: AddClerk.configuration.commandName ?? ""
        case .streetSupervisor: AddStreetSupervisor.configuration.commandName ?? ""
        case .supervisor: AddSupervisor.configuration.commandName ?? ""
        case .city: AddCitySupervisor.configuration.commandName ?? ""
        case .inspector: AddInspector.configuration.commandName ?? ""
        }
        let location = try await administratorLocation(global, command: command)
        let password = ProcessInfo.processInfo.environment["CHUANGYE_NEW_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            try await PostgresSecurity.addOperator(name, role: role, communities: communities, streets: streets,
                                                   password: password, at: location)
        } catch let e as StoreError {
            throw CLIFailure.data(e.message)
        }
        let reach = OperatorAccount(name: name, role: role, communities: communities, streets: streets).reach
        print("已建立\(role.title)登录 \(name)：\(role == .clerk ? "可修改社区 " : role == .streetSupervisor ? "可查看街道 " : "")\(reach)"
            + (password == nil ? "；未设置口令，请用 psql 的 \\password \(name) 设置" : ""))
    }

    static let passwordNote = "口令不写在命令行上：设置环境变量 CHUANGYE_NEW_PASSWORD 时用它作为该登录的口令，否则请用 psql 的 \\password 设置。"

    struct AddClerk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-clerk", abstract: "建立或更新窗口人员的数据库登录及其可修改的社区", discussion: AdminCommand.passwordNote)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("登录名（窗口人员的数据库用户名）", valueName: "登录名")) var name: String
        @Option(name: .long, help: ArgumentHelp("可修改的社区代码（可重复）", valueName: "代码")) var community: [String] = []

        func validate() throws {
            if community.isEmpty { throw ValidationError("至少需要一个 --community") }
        }

        func run() async throws { try await AdminCommand.addOperator(global, name: name, role: .clerk, communities: community) }
    }

    struct AddStreetSupervisor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-street-supervisor", abstract: "建立或更新街道督导的数据库登录：只读所管街道的社区",
            discussion: AdminCommand.passwordNote)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("登录名", valueName: "登录名")) var name: String
        @Option(name: .long, help: ArgumentHelp("所管街道名称，与社区档案中的街道一致（可重复）", valueName: "街道")) var street: [String] = []

        func validate() throws {
            if street.isEmpty { throw ValidationError("至少需要一个 --street") }
        }

        func run() async throws { try await AdminCommand.addOperator(global, name: name, role: .streetSupervisor, streets: street) }
    }

    struct AddSupervisor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-supervisor", abstract: "建立或更新区县督导的数据库登录：可查看和修改全部社区",
            discussion: AdminCommand.passwordNote)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("登录名", valueName: "登录名")) var name: String

        func run() async throws { try await AdminCommand.addOperator(global, name: name, role: .supervisor) }
    }

    struct AddCitySupervisor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-city-supervisor", abstract: "建立或更新市级督导的数据库登录：只读全部社区，对区县推荐的社区做市级考评",
            discussion: AdminCommand.passwordNote)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("登录名", valueName: "登录名")) var name: String

        func run() async throws { try await AdminCommand.addOperator(global, name: name, role: .city) }
    }

    struct AddInspector: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-inspector", abstract: "建立或更新检查员的数据库登录：只读全部社区",
            discussion: AdminCommand.passwordNote)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("登录名", valueName: "登录名")) var name: String

        func run() async throws { try await AdminCommand.addOperator(global, name: name, role: .inspector) }
    }
}
