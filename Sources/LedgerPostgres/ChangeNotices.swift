import Foundation
import PostgresNIO
import Synchronization

/// The communities one transaction changed, collected while its statements run.
final class ChangedCommunities: Sendable {
    private let codes = Mutex<Set<String>>([])

    func insert(_ community: String) {
        guard !community.isEmpty else { return }
        codes.withLock { _ = $0.insert(community) }
    }

    var all: [String] { codes.withLock { $0.sorted() } }
}

/// How the sessions of one ledger tell each other about writes: `pg_notify` on the ledger's channel, once per
/// changed community, payload the community's code. Sent inside the writing transaction, a notification is
/// delivered when it commits and never when it rolls back; the server sends one of identical notifications of a
/// transaction, so a batch of a community's records costs one.
enum ChangeNotices {
    /// The channel of the ledger at a location: one per schema, as several ledgers may share a database.
    static func channel(_ location: PostgresLocation) -> String {
        location.schema == "public" ? "chuangye_changes" : "chuangye_changes_" + location.schema
    }

    static func send(_ pg: PG, channel: String) async throws {
        guard let codes = pg.changes?.all, !codes.isEmpty else { return }
        try await pg.execute("SELECT pg_notify(\(channel), code) FROM unnest(\(codes)::text[]) AS code")
    }
}
