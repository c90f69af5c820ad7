import Foundation
import LedgerCore
import LedgerStore
import PostgresNIO

/// A district's ledger in PostgreSQL: the store's protocols (`LedgerStorage`) over one server connection per
/// session. The rules are `LedgerCore`'s, as in the SQLite engine: records are validated there, their score
/// contributions computed there, and this engine stores them, keeps the audit trail and answers the queries.
/// The conformance suite (`Tests/LedgerStoreTests/Conformance`) holds it to the same behaviour as SQLite.
public struct PostgresLedger: LedgerStorage {
    public let operatorName: String
    public let today: @Sendable () -> Day
    public let location: PostgresLocation
    let gate: ConnectionGate
    /// Whether the server can be reached, as the change feed reports it (ChangeListener.swift).
    let link = LinkWatch()
    /// Drafts kept on this machine while the server could not be reached.
    let spill: DraftSpill
    /// A write whose `COMMIT` went unanswered, until the server tells its fate (UncertainCommit.swift).
    let uncertain = UncertainCommit()
    /// The time written into entries, as `2024-12-30T16:05:00` (the local clock unless a test sets it; under the
    /// district's roles the audit trigger replaces it with the server's).
    let clock: @Sendable () -> String

    /// A session on the ledger at `location`, connected at its first use (opening never blocks or fails; the
    /// first call says in Chinese why the server cannot be reached). `operatorName` is who the audit names.
    /// `migrating`: the first connection creates or upgrades the schema (the command line's sessions).
    /// `draftSpill`: the file of drafts written while the server cannot be reached (DraftSpill.swift); by default
    /// in the user's state folder.
    public init(location: PostgresLocation, operatorName: String, today: @escaping @Sendable () -> Day = { Day.today() },
                migrating: Bool = false, draftSpill: String? = nil, now: (@Sendable () -> String)? = nil) {
        self.location = location
        clock = now ?? Self.localTime
        spill = DraftSpill(path: draftSpill ?? DraftSpill.path(for: location, operatorName: operatorName))
        self.operatorName = operatorName
        self.today = today
        var prepare: (@Sendable (PostgresConnection) async throws -> Void)?
        if migrating {
            prepare = { connection in try await Self.migrate(PG(connection: connection), location: location) }
        }
        gate = ConnectionGate(location: location, prepare: prepare)
    }

    /// Runs statements outside a transaction (each one is its own). A read that finds its connection gone (the
    /// server restarted, the session was ended) is tried once more on a new connection: reading twice is harmless.
    func read<T: Sendable>(_ body: (PG) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let connection = try await acquire()
            do {
                let result = try await body(PG(connection: connection))
                await gate.release()
                return result
            } catch {
                try await giveBack(connection, after: error, retrying: attempt == 1, writing: false)
            }
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws (nothing half-written).
    /// `request` names the write (a save's request), so that the same write sent again after a `COMMIT` went
    /// unanswered is not written twice (UncertainCommit.swift).
    func write<T: Sendable>(request: (any Hashable & Sendable)? = nil, _ body: (PG) async throws -> T) async throws -> T {
        try await transaction(request: request) { pg in (try await body(pg), true) }
    }

    /// A transaction that commits only when `body` says so (its second result). The communities its statements
    /// marked changed (`PG.changed`) are announced with `pg_notify` inside it, so that the other sessions hear of
    /// them when, and only if, it commits.
    ///
    /// A connection found gone at `BEGIN` is replaced and the transaction started again: nothing was sent yet.
    /// Once a statement of the body was sent it is not: a lost connection then rolled it back on the server, and
    /// the caller is told the data was not saved. A connection lost during `COMMIT` itself leaves the outcome
    /// unknown until the server is asked by the transaction's id (UncertainCommit.swift).
    func transaction<T: Sendable>(request: (any Hashable & Sendable)? = nil, _ body: (PG) async throws -> (T, Bool)) async throws -> T {
        if let answer = try await settleUncertainCommit(before: request, as: T.self) { return answer }
        var attempt = 0
        while true {
            attempt += 1
            let connection = try await acquire()
            let pg = PG(connection: connection, changes: ChangedCommunities())
            do {
                try await pg.execute("BEGIN")
            } catch {
                try await giveBack(connection, after: error, retrying: attempt == 1, writing: true)
                continue
            }
            var committing: (transaction: String, result: T)?
            do {
                let (result, commit) = try await body(pg)
                guard commit else {
                    try await pg.execute("ROLLBACK")
                    await gate.release()
                    return result
                }
                try await ChangeNotices.send(pg, channel: ChangeNotices.channel(location))
                // The id by which the server can later say whether the COMMIT below took effect (nil: nothing written).
                if let id = try await pg.row("SELECT pg_current_xact_id_if_assigned()::text AS id")?.optionalText("id") {
                    committing = (id, result)
                }
                try await pg.execute("COMMIT")
                await gate.release()
                return result
            } catch {
                if let committing, PostgresFailure.isConnectionLoss(error) || connection.isClosed {
                    await gate.releaseBroken(connection)
                    await link.lost(gate)
                    return try await afterLostCommit(committing.transaction, request: request, result: committing.result, error: error).get()
                }
                if !PostgresFailure.isConnectionLoss(error) { try? await pg.execute("ROLLBACK") }
                // Two writes that each wait for the other (a clerk's save in one community refreshing the warning
                // of the same number in another, while that community saves the same person) or that serialize
                // badly: the server rolled one back whole, so it is simply run again, twice at most.
                if attempt < 3, ["40P01", "40001"].contains(PostgresFailure.sqlState(error)), !connection.isClosed {
                    await gate.release()
                    continue
                }
                if error is EditConflict {
                    await gate.release()
                    throw error
                }
                try await giveBack(connection, after: error, retrying: false, writing: true)
            }
        }
    }

    /// The session's connection, or the reason in Chinese it cannot be had (a server that cannot be reached is
    /// reported to the change feed, which reconnects).
    private func acquire() async throws -> PostgresConnection {
        do {
            return try await gate.acquire()
        } catch {
            if PostgresFailure.isConnectionLoss(error) { await link.lost(gate) }
            throw error
        }
    }

    /// Returns the connection after `error`; returns normally only when the caller should try again on a new
    /// connection (`retrying` and the connection was lost), otherwise throws the error in Chinese.
    private func giveBack(_ connection: PostgresConnection, after error: any Error, retrying: Bool, writing: Bool) async throws {
        guard PostgresFailure.isConnectionLoss(error) || connection.isClosed else {
            await gate.release()
            throw PostgresFailure.statement(error, writing: writing)
        }
        await gate.releaseBroken(connection)
        if retrying { return }
        await link.lost(gate)
        throw Self.lostConnection(writing: writing, after: error)
    }

    /// What a read or a write that lost its connection says (the engine is reconnecting).
    static func lostConnection(writing: Bool, after error: any Error) -> StoreError {
        StoreError((writing ? "数据未保存：" : "读取数据失败：") + "与数据库服务器的连接中断，正在重连，请稍后重试",
                   detail: String(reflecting: error), connectionLost: true)
    }

    /// Creates the schema's tables or brings them up to the latest version, under a lock so that two first runs
    /// do not both migrate.
    public func migrate() async throws {
        let connection = try await gate.acquire()
        do {
            try await Self.migrate(PG(connection: connection), location: location)
            await gate.release()
        } catch {
            await gate.release()
            throw PostgresFailure.statement(error, writing: true)
        }
    }

    static func migrate(_ pg: PG, location: PostgresLocation) async throws {
        // Nothing is written when the schema is current: a clerk's login may not create tables, only read them.
        if try await isCurrent(pg, schema: location.schema) { return }
        try await pg.execute("BEGIN")
        do {
            try await pg.execute("SELECT pg_advisory_xact_lock(727004021)")
            // A ledger in a schema of its own: created first, or its tables would land in the next one on the path.
            if location.schema != "public" {
                try await pg.execute(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(location.schema)"))
            }
            try await pg.execute("CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try await pg.texts("SELECT version FROM schema_migration"))
            let known = Set(PostgresMigrations.versions.map(\.name))
            if let newer = applied.subtracting(known).sorted().last {
                throw StoreError("数据库 \(location.description) 由更新版本的 chuangye 建立（结构版本 \(newer)），请升级本程序后再打开")
            }
            for (name, statements) in PostgresMigrations.versions where !applied.contains(name) {
                for statement in statements { try await pg.execute(PostgresQuery(unsafeSQL: statement)) }
                try await pg.execute("INSERT INTO schema_migration (version) VALUES (\(name))")
            }
            try await pg.execute("COMMIT")
        } catch {
            try? await pg.execute("ROLLBACK")
            if PostgresFailure.sqlState(error) == "42501" {
                throw StoreError("数据库 \(location.description) 尚未初始化或需要升级，当前用户 \(location.user) 无权建表：请由区县管理员运行 chuangye admin init",
                                 detail: String(reflecting: error))
            }
            throw error
        }
    }

    /// Whether every known migration is applied (read-only).
    static func isCurrent(_ pg: PG, schema: String) async throws -> Bool {
        guard try await pg.integer("""
            SELECT count(*) FROM pg_tables WHERE schemaname = \(schema) AND tablename = 'schema_migration'
            """) > 0 else { return false }
        let applied = Set(try await pg.texts("SELECT version FROM schema_migration"))
        return PostgresMigrations.versions.allSatisfy { applied.contains($0.name) }
    }

    /// Local time as the audit trail and drafts show it (`2024-12-30T16:05:00`), as the SQLite engine writes it.
    func now() -> String { clock() }

    @Sendable static func localTime() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// Appends an audit entry. Every audited write changes its community: the other open apps are told (ChangeNotices).
    func audit(_ pg: PG, community: String, table: String, id: String, action: String, changes: [FieldChange]) async throws {
        pg.changed(community)
        try await pg.execute("""
            INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes)
            VALUES (\(now()), \(operatorName), \(community), \(table), \(id), \(action), \(AuditLog.encode(changes)))
            """)
    }
}
