#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output goes, and whether what is there may be replaced.
///
/// The rule: a file is created new. Only with the user's explicit confirmation (`overwrite`, from `--force`) is an
/// existing file replaced, and only an ordinary regular file that belongs to the user and is not a database: never a
/// directory, a device or pipe, a symlink (nor what it points to), the open database or its -wal/-shm/-journal
/// (compared by device and inode, so another name for them is caught too), or any SQLite file.
public struct OutputTarget: Sendable {
    public let path: String
    public let overwrite: Bool
    /// The open database and its companions (`FileIdentity.database`).
    public let protected: Set<FileIdentity>
    /// Their names, existing or not (`FileIdentity.databaseNames`).
    public let protectedNames: Set<String>
    /// What the file is, for messages: 导出文件, 被拒绝行文件, 备份文件.
    public let what: String
    /// How the user confirms an overwrite (`--force`); nil when this output never replaces a file.
    public let confirmation: String?
    /// The new file's mode: 0600 (ledger data) unless a caller says otherwise.
    public var mode: mode_t = 0o600

    public init(path: String, overwrite: Bool = false, protected: Set<FileIdentity>, protectedNames: Set<String> = [],
                what: String, confirmation: String? = "--force") {
        self.path = path
        self.overwrite = overwrite
        self.protected = protected
        self.protectedNames = protectedNames
        self.what = what
        self.confirmation = confirmation
    }

    var directory: String { Self.directory(of: path) }
    var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Refuses a target that may not be written; returns the identity of the existing file to replace, or nil
    /// when the file will be new. Called again by `NewFile` at creation; callers may call it early to refuse
    /// before doing any work (an import checks its rejected-rows file before writing to the database).
    @discardableResult
    public func check() throws -> FileIdentity? {
        guard !path.isEmpty else { throw OutputRefused("请给出\(what)的文件名") }
        guard !path.hasSuffix("/"), fileName != ".", fileName != ".." else {
            throw OutputRefused("\(path) 是目录，不能写成\(what)；请给出文件名，例如 \(path.hasSuffix("/") ? path : path + "/")台账.csv")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw OutputRefused("无法写入\(what) \(path)：\(SystemError.reason(code))") }
            var parent = stat()
            guard stat(directory, &parent) == 0, parent.st_mode & S_IFMT == S_IFDIR else {
                throw OutputRefused("目录 \(directory) 不存在，请先创建它或换一个路径")
            }
            // An existing file of the database is caught by its identity below; a name SQLite may yet use is not.
            if let key = FileIdentity.nameKey(directory: directory, name: fileName), protectedNames.contains(key) {
                throw OutputRefused("\(path) 是台账数据库自用的文件名，不能写入；请换一个文件名")
            }
            return nil
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw OutputRefused("\(path) 是一个目录，不能写成\(what)；请给出目录中的文件名")
        case S_IFLNK: throw OutputRefused("\(path) 是符号链接，不会写入它指向的文件；请换一个文件名")
        case S_IFREG: break
        default: throw OutputRefused("\(path) 不是普通文件（设备、管道或套接字），不能写入；请换一个文件名")
        }
        let identity = FileIdentity(info)
        if protected.contains(identity) {
            throw OutputRefused("\(path) 是正在使用的台账数据库文件，不能覆盖；请换一个文件名")
        }
        if Self.isSQLite(path) { throw OutputRefused("\(path) 已存在，且是一个数据库文件，不能覆盖；请换一个文件名") }
        guard overwrite, let confirmation else {
            if let confirmation { throw OutputRefused("\(path) 已存在；确认要覆盖请加 \(confirmation)，或换一个文件名") }
            throw OutputRefused("\(path) 已存在，不会覆盖已有文件；请换一个文件名")
        }
        guard info.st_uid == geteuid() else { throw OutputRefused("\(path) 属于其他用户，不能覆盖；请换一个文件名") }
        return identity
    }

    /// Whether the file starts with SQLite's header: some program's database, which no export may replace.
    static func isSQLite(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        return n == 16 && header == Array("SQLite format 3\0".utf8)
    }
}
