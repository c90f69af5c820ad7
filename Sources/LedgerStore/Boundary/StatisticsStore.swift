import LedgerCore

/// Operator statistics (issue 23 item 5, after CSPro's operator log): the app records each closed entry form, and
/// the statistics combine those events with the audit trail, the imports and the spot checks.
///
/// Kept apart from `LedgerStorage`, like `EvaluationStore`; both engines implement it.
public protocol StatisticsStore: LedgerSession {
    /// Appends one closed form (saved or abandoned) by the current operator.
    func recordEntryEvent(_ event: EntryEvent) async throws
    /// Per operator and day, and the spot-check findings per clerk. A supervisor (or anyone while no operator is
    /// registered) sees everyone; any other operator sees only their own work.
    func operatorStatistics(_ filter: StatisticsFilter) async throws -> OperatorStatistics
}
