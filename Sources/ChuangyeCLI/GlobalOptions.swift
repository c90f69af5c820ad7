import ArgumentParser
import Foundation
import LedgerCore
import LedgerPostgres
import LedgerResources
import LedgerStore

/// Options every subcommand shares: which database, who is working.
public struct GlobalOptions: ParsableArguments {
    public init() {}

    @Option(name: .long, help: ArgumentHelp("数据库文件路径或 postgresql:// 地址（默认：$CHUANGYE_DB，否则 $XDG_DATA_HOME/chuangye/ledger.sqlite）", valueName: "路径"))
    var db: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("操作员姓名，记入修改记录和填表人（默认：$CHUANGYE_OPERATOR，否则个人的系统用户名）", valueName: "姓名"))
    var operatorName: String?

    var session: Session { Session(db: db, operatorName: operatorName) }
    var databasePath: String { session.databasePath }

    /// `forBulkLoad`: see `AppDatabase.open`. `creating`: a missing SQLite file is created (the app, `init`,
    /// `demo`); every other command refuses it, so that a mistyped `--db` leaves no empty ledger behind.
    public func openDatabase(forBulkLoad: Bool = false, creating: Bool = false) throws -> any LedgerStorage {
        try session.openDatabase(forBulkLoad: forBulkLoad, creating: creating)
    }

    /// The options' values, as read by the parser.
    struct Session: Equatable {
        var db: String?
        var operatorName: String?

        /// `--db`, else `$CHUANGYE_DB`, else `$XDG_DATA_HOME/chuangye/ledger.sqlite` (XDG default `~/.local/share`).
        var databasePath: String {
            let env = ProcessInfo.processInfo.environment
            if let db, !db.isEmpty { return db }
            if let path = env["CHUANGYE_DB"], !path.isEmpty { return path }
            let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
            return (base as NSString).appendingPathComponent("chuangye/ledger.sqlite")
        }

        /// The operator of a SQLite ledger (`OperatorIdentity`); refused under a system account nobody named.
        func resolvedOperator() throws -> String {
            try OperatorIdentity.resolve(given: operatorName, environment: ProcessInfo.processInfo.environment,
                                         account: .current)
        }

        /// The account this process runs as. Unlike `--operator` and `$USER`, the caller cannot choose it.
        static var systemUser: String? {
            guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return nil }
            return String(cString: name)
        }

        /// The path the user gave (`--db` or `$CHUANGYE_DB`), nil for the default one.
        var givenPath: String? {
            if let db, !db.isEmpty { return db }
            if let path = ProcessInfo.processInfo.environment["CHUANGYE_DB"], !path.isEmpty { return path }
            return nil
        }

        func openDatabase(forBulkLoad: Bool = false, creating: Bool = false) throws -> any LedgerStorage {
            if PostgresLocation.isURL(databasePath) { return try openPostgres() }
            // Only the default location is created on first use: a given path whose directory is missing is
            // most likely mistyped, and a database quietly created there would be lost from the clerk's view.
            if let given = givenPath {
                let directory = (given as NSString).deletingLastPathComponent
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory)
                if !exists { throw CLIFailure.usage("数据库所在的目录不存在：\(directory)（数据库路径 \(given)）。请检查路径，或先建立该目录") }
                if !isDirectory.boolValue { throw CLIFailure.usage("数据库路径 \(given) 无效：\(directory) 不是目录") }
            }
            if !creating, !FileManager.default.fileExists(atPath: databasePath) {
                throw CLIFailure.usage(givenPath == nil
                    ? "还没有台账数据库（\(databasePath)）。请先运行 chuangye 建立社区档案，或用 chuangye init 导入档案"
                    : "数据库文件不存在：\(databasePath)。请检查 --db 路径；新建台账请用 chuangye init，或直接运行 chuangye")
            }
            let name = try resolvedOperator()
            let database: AppDatabase
            do {
                database = try AppDatabase.open(path: databasePath, operatorName: name, forBulkLoad: forBulkLoad)
                // `--operator` is recorded, not verified (README: trust model), but it may not claim a supervisor:
                // that name acts for a supervisor only when the system account is the supervisor's own, or is
                // itself registered as a supervisor (who may do everything anyway).
                // A city supervisor's name is protected the same way.
                if name != Self.systemUser, let role = try database.privilegedRole(name),
                   try !(Self.systemUser.map(database.isSupervisor) ?? false) {
                    throw CLIFailure.data("\(name)是登记的\(role.title)，只有以系统用户 \(name) 登录时才能以此身份操作（当前系统用户：\(Self.systemUser ?? "未知")）。请以该系统用户登录，或用 --operator 填写自己的姓名")
                }
            } catch let e as StoreError {
                throw CLIFailure.data(e.message)
            }
            return database
        }

        /// A district's PostgreSQL ledger. The operator is the database login: the server checks who it is, so
        /// `--operator` (a name anyone may type) is refused rather than recorded.
        func openPostgres() throws -> any LedgerStorage {
            if operatorName != nil {
                throw CLIFailure.usage("PostgreSQL 台账的操作员就是数据库登录用户（地址中的用户名），不能用 --operator 指定")
            }
            do {
                let location = try PostgresLocation(url: databasePath)
                // A name set for SQLite ledgers (in a profile, say) does not apply here: said, so that nobody thinks
                // the records carry it.
                if let named = ProcessInfo.processInfo.environment["CHUANGYE_OPERATOR"].flatMap(Normalize.optional), named != location.user {
                    printError("注意：PostgreSQL 台账的操作员就是数据库登录用户 \(location.user)，环境变量 CHUANGYE_OPERATOR（\(named)）不起作用")
                }
                return PostgresLedger(location: location, operatorName: location.user, migrating: true)
            } catch let e as StoreError {
                throw CLIFailure.usage(e.message)
            }
        }
    }
}

/// `--community`, optional when the database holds exactly one community.
struct CommunityOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("社区代码（数据库中只有一个社区时可省略）", valueName: "代码"))
    var community: String?

    /// `alternative`: what else the command accepts, said when the database has several communities and none was
    /// named (`，或用 --all 检查全部社区`).
    func resolve(in database: any LedgerStorage, or alternative: String = "") async throws -> Community {
        try await Self.resolve(community, in: database, or: alternative)
    }

    /// What a command that needs a community says on a database with none.
    static let noCommunityYet = "数据库中还没有社区，请先运行 chuangye init --profile 档案.toml"

    /// The community with `code`, or the only one when `code` is nil.
    static func resolve(_ code: String?, in database: any LedgerStorage, or alternative: String = "") async throws -> Community {
        // One community read by its code: every import names one, and a district has a hundred.
        if let code, let community = try await database.community(code: code) { return community }
        let all = try await database.communities()
        if let code {
            guard let c = all.first(where: { $0.code == code }) else {
                let known = all.isEmpty ? noCommunityYet : "已有：" + all.map { "\($0.code) \($0.name)" }.joined(separator: "、")
                // On a district's database the login sees only the communities it may read.
                let hidden = database is PostgresLedger ? "（或您的数据库登录无权查看该社区）" : ""
                throw CLIFailure.usage("找不到社区代码 \(code)\(hidden)。\(known)")
            }
            return c
        }
        switch all.count {
        case 0: throw CLIFailure.usage(noCommunityYet)
        case 1: return all[0]
        default:
            throw CLIFailure.usage("数据库中有\(all.count)个社区，请用 --community 指定\(alternative)：" + all.map { "\($0.code) \($0.name)" }.joined(separator: "、"))
        }
    }
}

public enum Rubrics {
    /// Every shipped rubric.
    public static func all() throws -> [Rubric] {
        guard let dir = LedgerResources.rubricsDirectory else { throw CLIFailure.data("找不到评分表文件（安装不完整）") }
        do { return try Rubric.loadAll(from: dir) } catch let e as RubricError { throw CLIFailure.data(e.message) }
    }

    /// The default rubric for a profile level.
    public static func defaultId(for level: Community.Level) -> String {
        level == .street ? "xining-street" : "xining-community"
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write((text + "\n").data(using: .utf8) ?? Data())
}
