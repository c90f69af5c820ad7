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

/// Reads the statistics screen's figures through the store's `StatisticsStore` role.
enum StatisticsEffect {
    static func run(_ filter: StatisticsFilter, database: any LedgerStorage) async throws -> Action {
        guard let store = database as? any StatisticsStore else { return .effectFailed("当前数据库引擎不支持操作员统计") }
        return .statisticsLoaded(try await store.operatorStatistics(filter))
    }
}
