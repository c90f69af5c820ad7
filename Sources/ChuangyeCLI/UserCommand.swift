import ArgumentParser
import Foundation
import LedgerPostgres
import LedgerStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "管理操作员及其可修改的社区",
        discussion: """
        尚未登记任何操作员时，所有人都可修改所有社区；登记后，窗口人员只能修改自己的社区，督导（--supervisor，区县）可修改全部社区并做初评，\
        市级督导（--city）做市级考评、不改台账，未登记的人只读。
        只有督导可以登记或删除操作员：第一位登记的必须是督导，最后一位督导不能删除。
        --operator 只作记录、不作验证；登记为督导的姓名只能由同名的系统用户（或本身是督导的系统用户）使用。
        """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记或更新操作员")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("操作员姓名（与 --operator 或系统用户名一致）", valueName: "姓名")) var name: String
        @Option(name: .long, help: ArgumentHelp("可修改的社区代码（可重复）", valueName: "代码")) var community: [String] = []
        @Flag(name: .long, help: "督导：可修改全部社区") var supervisor = false
        @Flag(name: .long, help: "市级督导：对区县推荐的社区做市级考评（不修改台账）") var city = false

        var role: OperatorAccount.Role { city ? .city : supervisor ? .supervisor : .clerk }

        func validate() throws {
            if supervisor && city { throw ValidationError("--supervisor 与 --city 只能选一个：督导（区县）或市级督导") }
            if role == .clerk && community.isEmpty { throw ValidationError("窗口人员至少需要一个 --community，督导请加 --supervisor，市级督导请加 --city") }
        }

        func run() async throws {
            let database = try global.openDatabase()
            try UserCommand.refuseOnPostgres(database)
            try await UserCommand.refuseLockingOut(database, adding: name, role: role)
            do { try await database.saveOperator(name, role: role, communities: community) } catch let e as StoreError {
                throw CLIFailure.data(e.message)
            }
            print("已登记操作员 \(name)：\(UserCommand.scope(role, community))")
        }
    }

    /// The first supervisor registered must be the system account running the command: a supervisor's name acts
    /// only under its own system account (README: trust model), so registering someone else first would leave no
    /// one here able to manage operators or change any community. A refusal of the ledger's state, as the store's
    /// "no supervisor yet" is (exit 1), not of the command line.
    static func refuseLockingOut(_ database: any LedgerStorage, adding name: String, role: OperatorAccount.Role) async throws {
        // A supervisor's name acts under the system account of that name: a service account (daemon, nobody) is
        // nobody's. (The account running the command may register itself, root included: whoever runs as root
        // could change the file itself anyway, README's trust model.)
        if role == .supervisor || role == .city, name != GlobalOptions.Session.systemUser,
           let account = OperatorIdentity.Account.named(name), !account.isPersonal {
            throw CLIFailure.data("""
                \(name) 是系统账户、不是个人，不能登记为\(role.title)。请督导以本人的系统账户登录，运行 chuangye user add 该账户名 --\(role == .city ? "city" : "supervisor")
                """)
        }
        guard role == .supervisor, let me = GlobalOptions.Session.systemUser, name != me else { return }
        guard try await !database.operators().contains(where: { $0.role == .supervisor }) else { return }
        // A person working under a system account (root) is not told to make that account the supervisor: it is
        // nobody's name (OperatorIdentity), and a supervisor needs a login of their own for the name to act.
        if database.operatorName != me, !OperatorIdentity.Account.current.isPersonal {
            throw CLIFailure.data("""
                第一位督导须是运行本命令的系统用户本人：督导的姓名只能由同名的系统用户使用，而当前系统用户 \(me) 是系统账户、不是个人，\
                不应登记为督导。请督导以本人的系统账户（非 \(me)）登录，运行 chuangye user add 该账户名 --supervisor
                """)
        }
        throw CLIFailure.data("""
            第一位督导须是当前系统用户 \(me)：督导的姓名只能由同名的系统用户使用，先登记\(name)会使 \(me) 再也无法管理操作员或修改台账。\
            请先运行 chuangye user add \(me) --supervisor，再登记\(name)
            """)
    }

    /// On a district's PostgreSQL ledger an operator is a database login with its grants, which `admin` makes: a
    /// name added here could not log in.
    static func refuseOnPostgres(_ database: any LedgerStorage) throws {
        guard database is PostgresLedger else { return }
        throw CLIFailure.usage("""
            PostgreSQL 台账的操作员是数据库登录：请由区县管理员用 chuangye admin add-clerk、add-street-supervisor、add-supervisor \
            或 add-inspector 建立（user list 可列出已有的登录）
            """)
    }

    /// `督导（全部社区）`, `市级督导（市级考评）`, `窗口人员（630102001）`.
    static func scope(_ role: OperatorAccount.Role, _ communities: [String]) -> String {
        switch role {
        case .supervisor: "督导（全部社区）"
        case .city: "市级督导（市级考评" + (communities.isEmpty ? "" : "，可修改\(communities.joined(separator: "、"))") + "）"
        case .clerk: "窗口人员（\(communities.joined(separator: "、"))）"
        // Made by `admin add-street-supervisor` / `add-inspector` on a PostgreSQL ledger, never by `user add`.
        case .streetSupervisor, .inspector: role.title
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出操作员")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let all = try await global.openDatabase().operators()
            if all.isEmpty { print("尚未登记操作员：所有人都可修改所有社区") }
            for o in all {
                print("\(o.name)\t\(o.role.title)\t\(o.reach)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除操作员")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("操作员姓名", valueName: "姓名")) var name: String
        func run() async throws {
            let database = try global.openDatabase()
            try UserCommand.refuseOnPostgres(database)
            do { try await database.removeOperator(name) } catch let e as StoreError { throw CLIFailure.data(e.message) }
            print("已删除操作员 \(name)")
        }
    }
}
