import LedgerCore
import LedgerStore
import PostgresNIO

// The operator's kept drafts: on the server, or in the local spill while it cannot be reached (DraftSpill.swift).
extension PostgresLedger {
    public func storeDraft(slot: String, content: String) async throws {
        do {
            try await write { pg in try await Self.upsertDraft(pg, operatorName: operatorName, slot: slot, content: content, at: now()) }
        } catch let error as StoreError where error.connectionLost {
            try spill.put(slot: slot, DraftSpill.Entry(content: content, savedAt: now()))
            return
        }
        spill.forget(slot: slot)
        try await moveSpilledDrafts()
    }

    public func discardDraft(slot: String) async throws {
        do {
            try await write { pg in try await pg.execute("DELETE FROM kept_draft WHERE operator = \(operatorName) AND slot = \(slot)") }
        } catch let error as StoreError where error.connectionLost {
            try spill.put(slot: slot, DraftSpill.Entry(content: nil, savedAt: now()))
            return
        }
        spill.forget(slot: slot)
        try await moveSpilledDrafts()
    }

    /// The server's drafts with the spilled ones over them (newer: written after the server was last reached).
    public func keptDrafts() async throws -> [KeptDraft] {
        try await moveSpilledDrafts()
        let stored = try await read { pg in
            try await pg.rows("SELECT slot, content, saved_at FROM kept_draft WHERE operator = \(operatorName) ORDER BY saved_at, slot")
                .map { KeptDraft(slot: try $0.text("slot"), content: try $0.text("content"), savedAt: try $0.text("saved_at")) }
        }
        // Drafts that could not be moved (the server answered the read but not the write) still count.
        var bySlot = Dictionary(stored.map { ($0.slot, $0) }, uniquingKeysWith: { _, b in b })
        for (slot, entry) in spill.entries() {
            bySlot[slot] = entry.content.map { KeptDraft(slot: slot, content: $0, savedAt: entry.savedAt) }
        }
        return bySlot.values.sorted { ($0.savedAt, $0.slot) < ($1.savedAt, $1.slot) }
    }

    /// Writes the spilled drafts to the server in one transaction, then forgets them locally. Quietly leaves them
    /// when the server still cannot be reached (the next draft written tries again).
    func moveSpilledDrafts() async throws {
        let spilled = spill.entries()
        guard !spilled.isEmpty else { return }
        do {
            try await write { pg in
                for (slot, entry) in spilled.sorted(by: { $0.key < $1.key }) {
                    if let content = entry.content {
                        try await Self.upsertDraft(pg, operatorName: operatorName, slot: slot, content: content, at: entry.savedAt)
                    } else {
                        try await pg.execute("DELETE FROM kept_draft WHERE operator = \(operatorName) AND slot = \(slot)")
                    }
                }
            }
        } catch let error as StoreError where error.connectionLost {
            return
        }
        spill.remove(spilled)
    }

    static func upsertDraft(_ pg: PG, operatorName: String, slot: String, content: String, at savedAt: String) async throws {
        try await pg.execute("""
            INSERT INTO kept_draft (operator, slot, content, saved_at) VALUES (\(operatorName), \(slot), \(content), \(savedAt))
            ON CONFLICT (operator, slot) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at
            """)
    }
}
