import Foundation
import LedgerStore
import PostgresNIO

/// One session's connection to the server, used by one statement sequence at a time: the app runs its effects
/// concurrently, and a transaction must not interleave with another caller's statements on the same connection.
/// The connection is made at first use (opening a ledger never blocks), and made again if the server closed it.
actor ConnectionGate {
    let location: PostgresLocation
    private var connection: PostgresConnection?
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private static let logger = Logger(label: "chuangye.postgres")
    private var nextId = 1

    /// Runs on every new connection before it is used (the schema check of a command-line session).
    private let prepare: (@Sendable (PostgresConnection) async throws -> Void)?

    init(location: PostgresLocation, prepare: (@Sendable (PostgresConnection) async throws -> Void)? = nil) {
        self.location = location
        self.prepare = prepare
    }

    /// How the server lists this ledger's sessions (`pg_stat_activity.application_name`): the schema is named when it
    /// is not `public`, so that an administrator (or a test) can tell the ledgers of one database apart.
    static func applicationName(_ location: PostgresLocation) -> String {
        location.schema == "public" ? "chuangye" : "chuangye/" + location.schema
    }

    deinit {
        // Kept alive until closed: a connection released open is a programming error to PostgresNIO.
        if let connection { connection.close().whenComplete { _ in _ = connection } }
    }

    /// Waits for the connection to be free, then hands it over (connected); `release` gives it back.
    func acquire() async throws -> PostgresConnection {
        if held {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            held = true
        }
        if let connection, !connection.isClosed { return connection }
        let made: PostgresConnection
        do {
            made = try await connect()
        } catch {
            release()
            throw PostgresFailure.connecting(error, to: location)
        }
        do {
            try await prepare?(made)
        } catch {
            release()
            made.close().whenComplete { _ in _ = made }
            throw PostgresFailure.statement(error, writing: true)
        }
        connection = made
        return made
    }

    func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }

    /// Gives the connection back after it failed as a lost connection: it is closed and forgotten, so that the next
    /// caller connects anew rather than trying a session the server already ended.
    func releaseBroken(_ broken: PostgresConnection) {
        if connection === broken {
            connection = nil
            broken.close().whenComplete { _ in _ = broken }
        }
        release()
    }

    /// Closes the session's connection (the next caller connects anew): a statement waiting on it fails at once
    /// instead of waiting for an answer that a dropped network will never bring.
    func dropConnection() {
        guard let dropped = connection else { return }
        connection = nil
        dropped.close().whenComplete { _ in _ = dropped }
    }

    /// Whether the server answers (reconnecting if needed): what the reconnect loop waits for.
    func ping() async throws {
        let made = try await acquire()
        do {
            try await PG(connection: made).execute("SELECT 1")
            release()
        } catch {
            releaseBroken(made)
            throw error
        }
    }

    /// A new connection of this session's settings, not shared with anyone: the change listener's.
    func connect() async throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: tls)
        // Every statement names its tables unqualified: the ledger's schema is the only one on the path, so that a
        // missing schema fails instead of reaching another ledger's tables in `public`.
        configuration.options.additionalStartupParameters = [("search_path", location.schema),
                                                             ("application_name", Self.applicationName(location))]
        // A server that does not answer at all (a cut network) is reported after this long, and retried.
        configuration.options.connectTimeout = .seconds(5)
        nextId += 1
        let id = nextId, settings = configuration
        return try await ConnectDeadline.within(Self.connectDeadline) {
            try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: settings,
                                                 id: id, logger: Self.logger)
        }
    }

    /// How long making a connection may take in all (the TCP connect, TLS, the start-up and the password).
    static let connectDeadline = Duration.seconds(6)
}
