import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// An import alone with the database writes through a rollback journal (each page once) and gives the file back in
/// WAL mode; beside another connection it keeps the WAL without waiting; a process opening the database during such
/// an import neither waits nor fails.
struct BulkLoadJournalTests {
    /// A database file in a new directory, with the test community.
    func fileDatabase() throws -> (AppDatabase, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-journal-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("ledger.sqlite").path
        let db = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
        try db.saveCommunity(community())
        return (db, path)
    }

    func persons(_ count: Int, from first: Int = 1) -> [ImportRow] {
        (0..<count).map { ImportRow(line: $0 + 2, fields: intending(id: validId(serial: first + $0), name: "王五")) }
    }

    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    func journalMode(_ db: AppDatabase) throws -> String? {
        try db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
    }

    @Test func anImportAloneBypassesTheWALAndLeavesWALMode() throws {
        let (db, path) = try fileDatabase()
        #expect(try db.importPersons(persons(300), community: "630102001", mode: .allOrNothing).imported == 300)
        // Its pages went straight into the database file: the WAL, made anew when WAL mode came back, is empty.
        #expect(fileSize(path + "-wal") <= 0)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(try journalMode(db) == "wal")
        #expect(try db.count(.survey, community: "630102001") == 300)
        #expect(try db.integrityCheck() == "ok")
        // A refused file and a failed import leave WAL mode too.
        let refused = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 1)))], community: "630102001", mode: .allOrNothing)
        #expect(refused.rolledBack)
        #expect(throws: StoreError.self) { try db.importPersons(persons(1, from: 500), community: "999999999", mode: .allOrNothing) }
        #expect(try journalMode(db) == "wal")
        #expect(try db.count(.survey, community: "630102001") == 300)
    }

    /// An import command's open: the file stays in rollback mode after its import, for the next import, and the
    /// next interactive open brings WAL mode back.
    @Test func aBulkLoadOpenLeavesTheFileInRollbackModeForTheNextImport() throws {
        let path = try fileDatabase().1  // and closed: an import switches only when alone
        for batch in 0..<2 {
            let importer = try AppDatabase.open(path: path, operatorName: "王芳", today: { today }, forBulkLoad: true)
            #expect(try journalMode(importer) == (batch == 0 ? "wal" : "delete"), "opened for a bulk load, WAL mode not asked for")
            #expect(try importer.importPersons(persons(100, from: 1 + 100 * batch), community: "630102001", mode: .allOrNothing).imported == 100)
            #expect(try journalMode(importer) == "delete")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
        let app = try AppDatabase.open(path: path, operatorName: "李娜", today: { today })
        #expect(try journalMode(app) == "wal")
        #expect(try app.count(.survey, community: "630102001") == 200)
        #expect(try app.integrityCheck() == "ok")
    }

    @Test func anImportBesideAnotherConnectionKeepsTheWALWithoutWaiting() throws {
        let (db, path) = try fileDatabase()
        let app = try AppDatabase.open(path: path, operatorName: "李娜", today: { today })
        #expect(try app.count(.survey, community: "630102001") == 0)
        let started = Date()
        #expect(try db.importPersons(persons(300), community: "630102001", mode: .allOrNothing).imported == 300)
        #expect(Date().timeIntervalSince(started) < 5, "the import waited for the other connection")
        #expect(fileSize(path + "-wal") > 0)
        #expect(try journalMode(db) == "wal")
        #expect(try app.count(.survey, community: "630102001") == 300)
    }

    @Test func openingDuringARollbackJournalImportNeitherWaitsNorFails() throws {
        let (db, path) = try fileDatabase()
        _ = try db.importPersons(persons(10), community: "630102001", mode: .allOrNothing)
        // What an import in another process holds: the file in rollback mode, a write transaction open.
        var importer: OpaquePointer?
        #expect(sqlite3_open(path, &importer) == SQLITE_OK)
        defer { sqlite3_close(importer) }
        func run(_ sql: String) -> Int32 { sqlite3_exec(importer, sql, nil, nil, nil) }
        #expect(run("PRAGMA journal_mode = DELETE; BEGIN IMMEDIATE; UPDATE community SET name = name") == SQLITE_OK)
        let started = Date()
        let late = try AppDatabase.open(path: path, operatorName: "李娜", today: { today })
        #expect(Date().timeIntervalSince(started) < 5, "opening waited for the import")
        #expect(try late.count(.survey, community: "630102001") == 10)
        #expect(run("COMMIT; PRAGMA journal_mode = WAL") == SQLITE_OK)
        // The late connection follows the file back into WAL mode, and writes.
        #expect(try late.savePerson(intending(id: womanId, name: "李梅"), community: "630102001").saved != nil)
        #expect(try journalMode(late) == "wal")
        #expect(try db.count(.survey, community: "630102001") == 11)
    }
}
