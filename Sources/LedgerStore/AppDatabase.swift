import CSQLiteControl
import Foundation
import GRDB
import LedgerCore
import SafeFiles

/// The ledger database: every write goes through a named method here, in a transaction with its audit row.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Who is making changes (recorded in the audit trail).
    public let operatorName: String
    /// Injected so tests control "today" (dates in the future are errors).
    public let today: @Sendable () -> Day
    /// Injected so audit times are testable.
    let now: @Sendable () -> String
    /// Opened for bulk loads (`open(…, forBulkLoad: true)`): an import leaves the file in rollback-journal mode.
    let forBulkLoad: Bool
    /// Why this process cannot write the file (opened read-only); nil when it can.
    let readOnlyReason: String?

    init(writer: any DatabaseWriter, operatorName: String, today: @escaping @Sendable () -> Day,
         now: @escaping @Sendable () -> String, forBulkLoad: Bool = false, readOnlyReason: String? = nil) throws {
        self.writer = writer
        self.operatorName = operatorName
        self.today = today
        self.now = now
        self.forBulkLoad = forBulkLoad
        self.readOnlyReason = readOnlyReason
        // Looked at before anything is written: another program's file or a newer ledger is refused untouched.
        let migrator = Migrations.migrator()
        let state = try writer.read { try SchemaCheck.state($0, migrator: migrator, path: writer.path) }
        if state != .ledger(current: true) {
            if let readOnlyReason {
                throw StoreError("数据库 \(writer.path) 需要升级或初始化后才能使用，但\(readOnlyReason)。请让有写权限的用户先运行一次 chuangye，或检查文件权限")
            }
            try migrator.migrate(writer)
        }
        // Search keys are derived data: recomputed once when their reading changed (a read-only file keeps its own).
        if readOnlyReason == nil, try writer.read(SearchKeys.isStale) { try writer.write(SearchKeys.refresh) }
    }

    /// Opens (creating if needed) the database file: WAL journal, synchronous FULL, file readable by its owner only.
    ///
    /// `forBulkLoad` is for a process that opens the database to import (the `import` command). It does not ask
    /// for WAL mode, and its imports, written through a rollback journal when no other connection is open
    /// (`BulkLoad.withRollbackJournalIfAlone`), leave the file in that mode: the next import then neither leaves
    /// nor re-enters WAL mode (each switch rewrites the header and syncs, ~6.5 ms per import in all). The next
    /// interactive open sets WAL mode again.
    /// `busyTimeout`: how long a write waits for another process's write to finish (seconds; tests shorten it).
    public static func open(path: String, operatorName: String,
                            today: @escaping @Sendable () -> Day = { Day.today() }, forBulkLoad: Bool = false,
                            busyTimeout: TimeInterval = 10) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError("无法创建数据库目录 \(directory)", detail: "\(error)")
        }
        // SQLite gives the -wal and -shm files the main file's mode, so creating it 0600 covers all three.
        if !FileManager.default.fileExists(atPath: path) {
            try createPrivateFile(path, exclusive: false, failure: "无法创建数据库文件")
        }
        // A directory, a device or a pipe is never opened as the ledger (SQLite would open /dev/null as an empty
        // database and create its journal beside it).
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw StoreError("数据库路径 \(path) 不是普通文件（目录、设备或管道），未打开。请用 --db 指定台账数据库文件")
        }
        // A file this process cannot write is opened read-only, so that reading still works, and writes say why
        // they fail instead of the file being reported as damaged.
        let readOnlyReason = Self.readOnlyReason(path: path, directory: directory)
        SQLiteSetup.once
        var config = Configuration()
        config.readonly = readOnlyReason != nil
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Set here, on the one connection, and not through GRDB's WAL set-up: that set-up switches the
            // connection to synchronous NORMAL (a commit reported to the clerk could be lost on power failure)
            // and, for a pool, commits a throw-away table at every open.
            // An import in another process may hold the file in rollback-journal mode for a moment
            // (BulkLoad.withRollbackJournalIfAlone). SQLite then refuses the switch at once, and this connection
            // starts in that mode; SQLite moves it to WAL mode when the import sets it back.
            if !forBulkLoad && readOnlyReason == nil {
                do { try db.execute(sql: "PRAGMA journal_mode = WAL") } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {}
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals (multi-row inserts of an import) and sorts stay in memory instead of temp files:
            // on disk the journal cost 15 small writes per imported row.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            // One connection per process: the CLI and the app read and write one thing at a time, and a pool's
            // reader connections cost a second schema parse at every start. Other processes still read while
            // this one writes (WAL).
            // A relative name starting with "file:" must stay a file name now that SQLite reads URIs.
            let queue = try DatabaseQueue(path: path.hasPrefix("file:") ? "./" + path : path, configuration: config)
            return try AppDatabase(writer: queue, operatorName: operatorName, today: today, now: AppDatabase.timestamp,
                                   forBulkLoad: forBulkLoad, readOnlyReason: readOnlyReason)
        } catch let error as DatabaseError {
            // A WAL-mode ledger in a directory this user cannot write: SQLite cannot create the -shm file a reader
            // needs. With no -wal content beside it, the main file is the whole ledger, and it is read as it is.
            if readOnlyReason != nil, access(path, R_OK) == 0, access(directory, W_OK) != 0, Self.hasNoUncommittedLog(path),
               let queue = try? DatabaseQueue(path: Self.immutableURI(path), configuration: config),
               let database = try? AppDatabase(writer: queue, operatorName: operatorName, today: today, now: AppDatabase.timestamp,
                                               forBulkLoad: forBulkLoad, readOnlyReason: readOnlyReason) {
                return database
            }
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw StoreError(BusyHolder.message(databasePath: path, opening: true), detail: "\(error)")
            case .SQLITE_NOTADB:
                throw StoreError("无法打开数据库 \(path)：它不是台账数据库（也不是SQLite数据库），或已损坏。请检查 --db 路径；若它是台账数据库，请用最近的备份恢复", detail: "\(error)")
            case .SQLITE_CORRUPT:
                throw StoreError("数据库 \(path) 无法打开：\(Integrity.damaged)", detail: "\(error)")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                let why = access(path, R_OK) != 0 ? "当前用户没有读取它的权限" : readOnlyReason ?? "无法在其所在目录中创建日志文件"
                // A WAL-mode file needs its -shm beside it even to be read: in a directory this user cannot write
                // it can be read only while another process has it open.
                throw StoreError("无法打开数据库 \(path)：\(why)。请检查文件和所在目录的权限，或把数据库复制到可写的目录后用 --db 打开副本", detail: "\(error)")
            default:
                throw StoreError("无法打开数据库 \(path)：文件可能已损坏或不是台账数据库。请检查 --db 路径，或用最近的备份恢复", detail: "\(error)")
            }
        }
    }

    /// True when no -wal file with content lies beside the database: every committed change is in the file itself.
    static func hasNoUncommittedLog(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) != 0 || info.st_size == 0
    }

    /// `file:` URI opening `path` as immutable (no locks, no -shm). Only for a file this user cannot write in a
    /// directory they cannot write: a change made meanwhile by its owner is not seen, never damaged.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Why this process may not write the database file, or nil. SQLite writes a journal (or -wal and -shm)
    /// beside the file, so the directory must be writable too.
    static func readOnlyReason(path: String, directory: String) -> String? {
        if access(path, W_OK) != 0 {
            return errno == EROFS ? "数据库文件 \(path) 所在的文件系统只读" : "当前用户对数据库文件 \(path) 没有写权限"
        }
        if access(directory, W_OK) != 0 {
            return "当前用户对数据库所在目录 \(directory) 没有写权限（SQLite 需要在其中创建日志文件）"
        }
        return nil
    }

    /// The Chinese message for a failed write.
    func writeFailure(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(BusyHolder.message(databasePath: writer.path), detail: "\(error)")
        case .SQLITE_READONLY:
            return StoreError("数据未保存：\(readOnlyReason ?? "数据库文件只能读取")。请检查文件和所在目录的写权限，或请有权限的用户操作", detail: "\(error)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError("数据未保存：\(Integrity.damaged)", detail: "\(error)")
        case .SQLITE_FULL:
            return StoreError("数据未保存：磁盘空间不足，请清理磁盘后重试", detail: "\(error)")
        default:
            return StoreError("写入数据库失败，数据未保存", detail: "\(error)")
        }
    }

    /// Creates an empty file readable and writable by its owner only (mode 0600); `exclusive` refuses an existing one.
    static func createPrivateFile(_ path: String, exclusive: Bool, failure: String) throws {
        let fd = Foundation.open(path, O_CREAT | O_RDWR | (exclusive ? O_EXCL : 0), 0o600)
        guard fd >= 0 else { throw StoreError("\(failure) \(path)", detail: String(cString: strerror(errno))) }
        close(fd)
    }

    /// The same database used by another operator (tests of who may undo what).
    public init(sharing other: AppDatabase, operatorName: String) {
        writer = other.writer
        self.operatorName = operatorName
        today = other.today
        now = other.now
        forBulkLoad = other.forBulkLoad
        readOnlyReason = other.readOnlyReason
    }

    /// An empty in-memory database, for tests.
    public static func inMemory(operatorName: String = "测试员", today: Day) throws -> AppDatabase {
        SQLiteSetup.once
        let queue = try DatabaseQueue(configuration: Configuration())
        return try AppDatabase(writer: queue, operatorName: operatorName, today: { today }, now: { "\(today)T09:00:00" })
    }

    @Sendable public static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// Runs a read, turning database failures into a Chinese message.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch let error as DatabaseError {
            throw StoreError("读取数据库失败", detail: "\(error)")
        }
    }

    /// Runs a write transaction, turning database failures into a Chinese message.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch let error as DatabaseError {
            throw writeFailure(error)
        }
    }

    /// Runs a transaction that commits only when `body` says so (its second result); a thrown error rolls back.
    /// `asBulkLoad` is for an import (`importRecords`), a body that has itself verified, inside this transaction,
    /// every row it references: the transaction runs with `BulkLoad.withBulkLoadSettings`.
    func writeCommittingIf<T>(asBulkLoad: Bool = false, _ body: (Database) throws -> (T, Bool)) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                func transaction() throws {
                    try db.inTransaction {
                        let (value, commit) = try body(db)
                        result = value
                        return commit ? .commit : .rollback
                    }
                }
                if asBulkLoad { try BulkLoad.withBulkLoadSettings(db, restoringWAL: !forBulkLoad, transaction) } else { try transaction() }
                guard let result else { throw StoreError("写入数据库失败，数据未保存", detail: "transaction produced no result") }
                return result
            }
        } catch let error as DatabaseError {
            throw writeFailure(error)
        }
    }

    /// Writes a compact, consistent copy of the database to `path` (a new file, mode 0600) and checks it.
    /// Other processes may keep reading and writing meanwhile; the copy is the state of one moment.
    /// The copy is made beside the target under a temporary name and linked into place only once it passed the
    /// quick check (SafeFiles): an existing file, the database itself included, is never replaced.
    /// Writes what the write-ahead log holds into the ledger file and empties the log, so that the file alone is the
    /// whole ledger (called when the app ends). Best effort: another process's open connection, or a file opened
    /// read-only, leaves the log as it is, which is harmless (SQLite reads the two together).
    public func foldWriteAheadLog() {
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    public func backup(to path: String) throws {
        let output: NewFile
        do {
            output = try NewFile(OutputTarget(path: path, protected: FileIdentity.database(writer.path),
                                              protectedNames: FileIdentity.databaseNames(writer.path), what: "备份文件",
                                              confirmation: nil))
        } catch let refused as OutputRefused { throw StoreError(refused.message) }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [output.temporaryPath]) }
            let copy = try DatabaseQueue(path: output.temporaryPath, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let check = try copy.read { try String.fetchAll($0, sql: "PRAGMA quick_check(3)") }
            try copy.close()
            guard check == ["ok"] else {
                throw StoreError("备份文件校验失败，未生成备份文件：\(Integrity.damaged)", detail: check.joined(separator: "; "))
            }
            try output.commit()
        } catch {
            output.discard()
            switch error {
            case let e as StoreError: throw e
            case let e as OutputRefused: throw StoreError("备份失败：\(e.message)")
            case let e as DatabaseError where Integrity.isDamage(e):
                throw StoreError("备份失败，未生成备份文件：\(Integrity.damaged)", detail: "\(e)")
            case let e as DatabaseError where e.resultCode == .SQLITE_FULL:
                throw StoreError("备份失败，未生成备份文件：磁盘空间不足，请清理磁盘或换一个位置", detail: "\(e)")
            default: throw StoreError("备份失败，未生成备份文件；请检查目标位置后重试", detail: "\(error)")
            }
        }
    }

    /// The full quick check, whatever the size (the `check` command); throws a StoreError saying what to do.
    public func requireSound() throws {
        try writer.read { try Integrity.requireSound($0, before: "请先恢复再检查台账", bounded: false) }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { try String.fetchOne($0, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// Process-wide SQLite settings, applied before the first connection opens.
enum SQLiteSetup {
    /// Multi-thread mode: SQLite skips the mutex it otherwise takes on every call (58 binds per imported row);
    /// GRDB already lets only one thread at a time use a connection. If SQLite was already in use the call is
    /// refused and the default (serialized) mode stays, which is also correct.
    static let once: Void = {
        _ = cy_sqlite_use_multithread_mode()
        _ = cy_sqlite_accept_uri_filenames()
    }()
}
