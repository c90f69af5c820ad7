import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Appends a closed form to `entry_event`, as the SQLite engine does: not a change of the registers, so
    /// neither the community's rights nor its lock apply (a form abandoned in a locked community is still work).
    public func recordEntryEvent(_ event: EntryEvent) async throws {
        guard event.errorsShown >= 0, event.closedAt >= event.openedAt,
              event.outcome == .saved || event.recordId == nil else {
            throw StoreError("录入记录不完整，未保存", detail: "\(event)")
        }
        try await write { pg in
            try await pg.execute("""
                INSERT INTO entry_event (operator, community_code, record_table, record_id, outcome, opened_at, closed_at, errors_shown)
                VALUES (\(operatorName), \(event.community), \(event.register.table), \(event.recordId), \(event.outcome.rawValue),
                        \(event.openedAt), \(event.closedAt), \(event.errorsShown))
                """)
        }
    }
}
