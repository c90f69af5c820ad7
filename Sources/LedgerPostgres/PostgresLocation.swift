import Foundation

/// Where a district's PostgreSQL ledger is: `postgresql://user@host:port/dbname` (also `postgres://`), with an
/// optional `?schema=NAME` (the ledger's tables in a schema of their own) and `sslmode=disable|prefer|require`.
/// The password never comes from the command line: `PGPASSWORD`, else `~/.pgpass` (as libpq's tools read them).
public struct PostgresLocation: Sendable, Hashable {
    public enum TLSMode: String, Sendable { case disable, prefer, require }
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var schema: String
    public var tls: TLSMode
    public var password: String?

    /// Whether a `--db` value names a PostgreSQL ledger rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a URL; `environment` and `home` are where PGPASSWORD and ~/.pgpass come from (tests inject them).
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String = NSHomeDirectory()) throws {
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw PostgresError("数据库地址格式不对：应为 postgresql://用户名@主机/数据库名")
        }
        guard url.password == nil else {
            throw PostgresError("数据库口令不能写在命令行或地址中（其他用户可以看到）。请用环境变量 PGPASSWORD 或 ~/.pgpass 文件提供口令")
        }
        host = url.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? "localhost"
        port = url.port ?? 5432
        user = url.user?.removingPercentEncoding ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        schema = query["schema"].flatMap { $0.isEmpty ? nil : $0 } ?? "public"
        guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), schema.first?.isNumber == false else {
            throw PostgresError("模式名 \(schema) 只能由英文字母、数字和下划线组成，且不能以数字开头")
        }
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode) else {
            throw PostgresError("sslmode 只能是 disable、prefer 或 require，收到的是 \(mode)")
        }
        self.tls = tls
        password = environment["PGPASSWORD"]
            ?? Self.passwordFile(environment["PGPASSFILE"] ?? home + "/.pgpass", host: host, port: port, database: database, user: user)
    }

    /// The URL shown to the user (never a password): what the operators' apps can be given as it is, with the
    /// schema and the TLS mode when they are not the defaults.
    public var description: String {
        let options = (schema == "public" ? [] : ["schema=\(schema)"]) + (tls == .prefer ? [] : ["sslmode=\(tls.rawValue)"])
        return "postgresql://\(user)@\(host):\(port)/\(database)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    /// The first matching line of a libpq password file (`host:port:database:user:password`, `*` matches
    /// anything, `\:` and `\\` escaped). A file readable by others is ignored, as libpq does.
    static func passwordFile(_ path: String, host: String, port: Int, database: String, user: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitEscaped(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func splitEscaped(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true } else if ch == ":" {
                fields.append(current)
                current = ""
            } else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
