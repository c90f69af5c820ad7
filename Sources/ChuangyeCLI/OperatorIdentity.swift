import Foundation
import LedgerCore

/// Who works on a SQLite ledger: the one name written as 填表人 on the workbooks, into the audit trail and as a
/// service's default 经办人. (On PostgreSQL it is the database login: `GlobalOptions.Session.openPostgres`.)
enum OperatorIdentity {
    /// The account the process runs as.
    struct Account: Equatable {
        let name: String?
        let uid: uid_t

        /// The real user of this process.
        static var current: Account {
            let uid = getuid()
            guard let pw = getpwuid(uid), let name = pw.pointee.pw_name else { return Account(name: nil, uid: uid) }
            return Account(name: String(cString: name), uid: uid)
        }

        /// The system account of that name, if there is one.
        static func named(_ name: String) -> Account? {
            guard let pw = getpwnam(name) else { return nil }
            return Account(name: name, uid: pw.pointee.pw_uid)
        }

        /// A person's own login, not the system's: Debian gives accounts below 1000 to root (0) and to services,
        /// and 65534 to nobody (policy §9.2.2). A clerk working as root is not called "root" in the registers.
        var isPersonal: Bool { uid >= 1000 && uid != 65534 }
    }

    /// The variable that names the operator once for every command (`export CHUANGYE_OPERATOR=王芳`).
    static let variable = "CHUANGYE_OPERATOR"

    /// `--operator`, else `$CHUANGYE_OPERATOR`, else the login when it is a person's own (`$USER`, as before,
    /// else the account's name). Under a system account nobody is named, so the command is refused and says how to
    /// name oneself rather than writing the account into the registers as if it were a person.
    static func resolve(given: String?, environment: [String: String], account: Account) throws -> String {
        if let given, let name = Normalize.optional(given) { return name }
        if let set = environment[variable], let name = Normalize.optional(set) { return name }
        let login = environment["USER"].flatMap(Normalize.optional) ?? account.name
        if account.isPersonal, let login, login != "root" { return login }
        let who = account.name ?? login ?? "（未知）"
        throw CLIFailure.usage("""
            未指定操作员：当前系统用户 \(who) 是系统账户，不是个人，不能作为填表人和修改记录中的操作员。\
            请用 --operator 姓名 写明您的姓名（例如 chuangye --operator 王芳），\
            或设置一次环境变量 \(variable)=您的姓名（可写入 ~/.profile）
            """)
    }
}
