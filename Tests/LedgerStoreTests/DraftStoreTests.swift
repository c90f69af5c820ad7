import Foundation
import GRDB
import Testing
@testable import LedgerStore

/// Kept drafts: one per form, never one per operator (keeping one draft must not lose another).
struct DraftStoreTests {
    @Test func eachSlotIsKeptUntilItIsDiscarded() throws {
        let db = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        try db.storeDraft(slot: "a-1", content: #"{"survey":"钱九"}"#)
        try db.storeDraft(slot: "a-2", content: #"{"activity":"宣传"}"#)
        try db.storeDraft(slot: "a-1", content: #"{"survey":"钱九 改"}"#)
        #expect(try db.keptDrafts().map(\.slot).sorted() == ["a-1", "a-2"])
        try db.discardDraft(slot: "a-2")
        let left = try db.keptDrafts()
        #expect(left.map(\.content) == [#"{"survey":"钱九 改"}"#])
        // Another operator's drafts are theirs.
        let other = AppDatabase(sharing: db, operatorName: "李军")
        #expect(try other.keptDrafts().isEmpty)
        try other.discardDraft(slot: "a-1")
        #expect(try db.keptDrafts().count == 1)
    }

    /// v14 moves the single draft of the old table into a slot of its own.
    @Test func upgradingKeepsTheOldDraft() throws {
        let db = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        // Back to the v13 schema with one old draft, then migrate again.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TABLE kept_draft;
                CREATE TABLE draft (operator TEXT PRIMARY KEY NOT NULL, content TEXT NOT NULL, saved_at TEXT NOT NULL);
                INSERT INTO draft (operator, content, saved_at) VALUES ('王芳', '{"x":1}', '2024-12-30 10:00:00');
                DELETE FROM grdb_migrations WHERE identifier = 'v14';
                """)
        }
        try Migrations.migrator().migrate(db.writer)
        let queue = db.writer
        let rows = try queue.read { d in try Row.fetchAll(d, sql: "SELECT operator, slot, content FROM kept_draft") }
        #expect(rows.count == 1)
        #expect(rows.first?["operator"] == "王芳")
        #expect(rows.first?["content"] == "{\"x\":1}")
        let tables = try queue.read { d in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE name = 'draft'") }
        #expect(tables.isEmpty)
    }
}
