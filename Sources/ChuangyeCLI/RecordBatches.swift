import LedgerCore
import LedgerStore

/// Reads a whole register for an export in batches, each turned into what the writer needs (`prepare`), one batch
/// ahead: the next batch is fetched and prepared while the writer writes the current one, so reading and writing
/// overlap on two cores, and at most two batches are held however large the register.
struct RecordBatches<Item: Sendable> {
    let register: Register
    let community: String
    let database: any BrowseStore
    let prepare: @Sendable ([String: String]) -> Item
    static var batchSize: Int { 1000 }

    /// Calls `body` with every batch in id order; stops at the first error (the batch being read is abandoned).
    func forEach(_ body: ([Item]) throws -> Void) async throws {
        var pending = fetch(after: nil)
        while true {
            let (items, last) = try await pending.value
            guard let last else { return }
            pending = fetch(after: last)
            do { try body(items) } catch {
                pending.cancel()
                throw error
            }
        }
    }

    private func fetch(after: Int64?) -> Task<([Item], Int64?), any Error> {
        Task { [register, community, database, prepare] in
            let records = try await database.records(register, community: community, after: after, limit: Self.batchSize)
            return (records.map { prepare($0.fields) }, records.last?.ref.id)
        }
    }
}
