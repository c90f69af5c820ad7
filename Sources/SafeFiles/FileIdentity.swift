#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as the system knows it: device and inode. Names lie (symlinks, `..`, hard links, bind mounts); the pair
/// does not, so "is this the open database?" is asked of identities.
public struct FileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64

    /// The file `path` names after following symlinks; nil when there is none.
    public init?(following path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The names SQLite gives the database's files, as "directory identity/name", whether or not they exist now:
    /// an export created as `ledger.sqlite-journal` would later be taken by SQLite for a journal to roll back.
    public static func databaseNames(_ path: String) -> Set<String> {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let directory = OutputTarget.directory(of: path)
        return Set(["", "-wal", "-shm", "-journal"].compactMap { nameKey(directory: directory, name: name + $0) })
    }

    static func nameKey(directory: String, name: String) -> String? {
        FileIdentity(following: directory).map { "\($0.device):\($0.inode)/\(name)" }
    }

    /// Whether anything (even a dangling symlink) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The database file and the companions kept beside it (SQLite's, and the note of who is importing): none of
    /// them may ever be replaced by an output.
    public static func database(_ path: String) -> Set<FileIdentity> {
        Set(["", "-wal", "-shm", "-journal", "-writer"].compactMap { FileIdentity(following: path + $0) })
    }
}
