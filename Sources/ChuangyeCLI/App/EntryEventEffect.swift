import LedgerCore
import LedgerStore
import LedgerTUI

/// Writes a closed entry form to the operator statistics.
enum EntryEventEffect {
    /// Failures are not shown: the statistics must never stand between a clerk and the form (a file opened
    /// read-only, or an engine without statistics, simply records none).
    static func run(_ event: EntryEvent, database: any LedgerStorage) async -> Action? {
        guard let store = database as? any StatisticsStore else { return nil }
        try? await store.recordEntryEvent(event)
        return nil
    }
}
