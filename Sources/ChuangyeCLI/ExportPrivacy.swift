import LedgerStore

/// Who sees ID and phone numbers in full in an export: those who may change the community (its clerks, and
/// supervisors; everyone while no operator is registered). Everyone else gets them masked, as on screen.
enum ExportPrivacy {
    static func mayChange(_ community: String, database: any LedgerStorage) async throws -> Bool {
        try await database.writableCommunities().map { $0.contains(community) } ?? true
    }
}
