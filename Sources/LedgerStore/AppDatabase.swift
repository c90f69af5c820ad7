import CSQLiteControl
import Foundation
import GRDB
import LedgerCore

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

    init(writer: any DatabaseWriter, operatorName: String, today: @escaping @Sendable () -> Day,
         now: @escaping @Sendable () -> String, forBulkLoad: Bool = false) throws {
        self.writer = writer
        self.operatorName = operatorName
        self.today = today
        self.now = now
        self.forBulkLoad = forBulkLoad
        try Migrations.migrator().migrate(writer)
        if try writer.read(SearchKeys.isStale) { try writer.write(SearchKeys.refresh) }
    }

    /// Opens (creating if needed) the database file: WAL journal, synchronous FULL, file readable by its owner only.
    ///
    /// `forBulkLoad` is for a process that opens the database to import (the `import` command). It does not ask
    /// for WAL mode, and its imports, written through a rollback journal when no other connection is open
    /// (`BulkLoad.withRollbackJournalIfAlone`), leave the file in that mode: the next import then neither leaves
    /// nor re-enters WAL mode (each switch rewrites the header and syncs, ~6.5 ms per import in all). The next
    /// interactive open sets WAL mode again.
    public static func open(path: String, operatorName: String,
                            today: @escaping @Sendable () -> Day = { Day.today() }, forBulkLoad: Bool = false) throws -> AppDatabase {
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
        SQLiteSetup.once
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Set here, on the one connection, and not through GRDB's WAL set-up: that set-up switches the
            // connection to synchronous NORMAL (a commit reported to the clerk could be lost on power failure)
            // and, for a pool, commits a throw-away table at every open.
            // An import in another process may hold the file in rollback-journal mode for a moment
            // (BulkLoad.withRollbackJournalIfAlone). SQLite then refuses the switch at once, and this connection
            // starts in that mode; SQLite moves it to WAL mode when the import sets it back.
            if !forBulkLoad {
                do { try db.execute(sql: "PRAGMA journal_mode = WAL") } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {}
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Statement journals (multi-row inserts of an import) and sorts stay in memory instead of temp files:
            // on disk the journal cost 15 small writes per imported row.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try SQLFunctions.register(db)
        }
        do {
            // One connection per process: the CLI and the app read and write one thing at a time, and a pool's
            // reader connections cost a second schema parse at every start. Other processes still read while
            // this one writes (WAL).
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try AppDatabase(writer: queue, operatorName: operatorName, today: today, now: AppDatabase.timestamp, forBulkLoad: forBulkLoad)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw StoreError("数据库 \(path) 正被其他程序占用，请稍后重试", detail: "\(error)")
            }
            throw StoreError("无法打开数据库 \(path)：文件可能已损坏或不是台账数据库", detail: "\(error)")
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
    }

    /// An empty in-memory database, for tests.
    public static func inMemory(operatorName: String = "测试员", today: Day) throws -> AppDatabase {
        SQLiteSetup.once
        var config = Configuration()
        config.prepareDatabase { try SQLFunctions.register($0) }
        let queue = try DatabaseQueue(configuration: config)
        return try AppDatabase(writer: queue, operatorName: operatorName, today: { today }, now: { "\(today)T09:00:00" })
    }

    @Sendable static func timestamp() -> String {
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
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw StoreError("数据库正被其他程序占用，请稍后重试", detail: "\(error)")
            }
            throw StoreError("写入数据库失败，数据未保存", detail: "\(error)")
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
            throw StoreError("写入数据库失败，数据未保存", detail: "\(error)")
        }
    }

    /// Writes a compact, consistent copy of the database to `path` (a new file, mode 0600) and checks it.
    /// Other processes may keep reading and writing meanwhile; the copy is the state of one moment.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError("备份文件 \(path) 已存在，请换一个文件名（不会覆盖已有文件）")
        }
        // Create the file 0600 first so the copy is never readable by others, even for a moment.
        try Self.createPrivateFile(path, exclusive: true, failure: "无法创建备份文件")
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            let copy = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let check = try copy.read { try String.fetchOne($0, sql: "PRAGMA quick_check") }
            try copy.close()
            guard check == "ok" else { throw StoreError("备份文件校验失败：\(check ?? "")") }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            if let e = error as? StoreError { throw e }
            throw StoreError("备份失败，未生成备份文件", detail: "\(error)")
        }
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
    static let once: Void = { _ = cy_sqlite_use_multithread_mode() }()
}
