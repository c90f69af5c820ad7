import LedgerCore

/// Bulk imports of register files: all-or-nothing, or skipping invalid rows, with a report by line.
public protocol ImportStore: LedgerSession {
    /// `acceptWarningsReason` accepts every warning with that reason; `source` names the file in the history.
    func importRows<Rows: Sequence<RawRecord>>(_ register: Register, _ rows: Rows, community: String, mode: ImportMode,
                                               acceptWarningsReason: String?, source: String) async throws -> ImportReport
}
