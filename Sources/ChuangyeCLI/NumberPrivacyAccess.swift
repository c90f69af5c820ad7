import LedgerCore
import LedgerStore

extension NumberPrivacy {
    /// Whether the operator of `database` sees `community`'s personal numbers in full (`NumberPrivacy`: whoever
    /// may change it), for the exports and `history`; everyone else gets them masked, as on screen.
    static func showsInFull(_ community: String, database: any LedgerStorage) async throws -> Bool {
        showsInFull(community, writable: try await database.writableCommunities())
    }
}
