import GRDB
import LedgerCore

extension AppDatabase {
    /// Appends a closed form to `entry_event`. Not a change of the registers, so neither rights nor the period lock
    /// apply: a form abandoned in a locked community is still work done.
    public func recordEntryEvent(_ event: EntryEvent) throws {
        guard event.errorsShown >= 0, event.closedAt >= event.openedAt,
              event.outcome == .saved || event.recordId == nil else {
            throw StoreError("录入记录不完整，未保存", detail: "\(event)")
        }
        try write { db in
            try db.execute(sql: """
                INSERT INTO entry_event (operator, community_code, record_table, record_id, outcome, opened_at, closed_at, errors_shown)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [operatorName, event.community, event.register.table, event.recordId, event.outcome.rawValue,
                                 event.openedAt, event.closedAt, event.errorsShown])
        }
    }
}
