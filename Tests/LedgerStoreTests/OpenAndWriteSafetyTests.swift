import Foundation
import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Issue 18 at the store: who manages operators, what a file must be before it is opened as the ledger, what a
/// write says when it waits out another's lock or meets a damaged file.
struct OpenAndWriteSafetyTests {
    func fileDatabase(_ name: String = "ledger.sqlite") throws -> (AppDatabase, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-safety-\(UUID().uuidString)")
        let path = dir.appendingPathComponent(name).path
        let db = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
        try db.saveCommunity(community())
        return (db, path)
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as StoreError { return e.message } catch { return "\(error)" }
        return nil
    }

    @Test func onlyASupervisorManagesOperatorsAndTheLastOneStays() throws {
        let admin = try emptyDatabase()
        // The first operator must be a supervisor, or nobody could manage the table afterwards.
        #expect(message { try admin.saveOperator("王芳", role: .clerk, communities: ["630102001"]) }?.contains("还没有登记督导") == true)
        try admin.saveOperator("督导员", role: .supervisor, communities: [])
        // An unregistered operator cannot make himself supervisor; a clerk cannot remove anyone.
        let stranger = AppDatabase(sharing: admin, operatorName: "路人")
        #expect(message { try stranger.saveOperator("路人", role: .supervisor, communities: []) }?.contains("只有督导") == true)
        let supervisor = AppDatabase(sharing: admin, operatorName: "督导员")
        try supervisor.saveOperator("王芳", role: .clerk, communities: ["630102001"])
        let clerk = AppDatabase(sharing: admin, operatorName: "王芳")
        #expect(message { try clerk.removeOperator("督导员") }?.contains("只有督导") == true)
        #expect(message { try clerk.removeOperator("王芳") }?.contains("只有督导") == true)
        // The last supervisor can be neither removed nor demoted.
        #expect(message { try supervisor.removeOperator("督导员") }?.contains("唯一的督导") == true)
        #expect(message { try supervisor.saveOperator("督导员", role: .clerk, communities: ["630102001"]) }?.contains("唯一的督导") == true)
        try supervisor.saveOperator("李督导", role: .supervisor, communities: [])
        try supervisor.removeOperator("督导员")
        #expect(try admin.operators().map(\.name).sorted() == ["李督导", "王芳"])
    }

    @Test func aTableOfClerksOnlyFromAnOlderVersionGetsASupervisorFirst() throws {
        let admin = try emptyDatabase()
        try admin.writer.write { try $0.execute(sql: "INSERT INTO operator_account (name, role, created_at) VALUES ('王芳', 'clerk', '2024-01-01')") }
        let clerk = AppDatabase(sharing: admin, operatorName: "王芳")
        #expect(message { try clerk.saveOperator("李娜", role: .clerk, communities: ["630102001"]) }?.contains("还没有登记督导") == true)
        #expect(message { try clerk.removeOperator("王芳") }?.contains("还没有登记督导") == true)
        try clerk.saveOperator("督导员", role: .supervisor, communities: [])
        #expect(message { try clerk.removeOperator("督导员") }?.contains("只有督导") == true)
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cy-foreign-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer (name) VALUES ('x')") }
        try other.close()
        #expect(message { _ = try AppDatabase.open(path: path, operatorName: "王芳") }?.contains("不是台账数据库") == true)
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["customer"])
    }

    @Test func aDeviceOrDirectoryIsNotOpenedAsTheLedger() throws {
        #expect(message { _ = try AppDatabase.open(path: "/dev/null", operatorName: "王芳") }?.contains("不是普通文件") == true)
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(message { _ = try AppDatabase.open(path: dir, operatorName: "王芳") }?.contains("不是普通文件") == true)
    }

    @Test func aDatabaseOfANewerVersionIsRefused() throws {
        let (db, path) = try fileDatabase()
        try db.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999')") }
        try db.writer.close()
        #expect(message { _ = try AppDatabase.open(path: path, operatorName: "王芳") } == "数据库由更新版本的程序创建，请升级 chuangye（数据库：\(path)，未做任何改动）")
    }

    @Test func aWriteThatWaitsOutAnImportNamesTheImporter() throws {
        let (db, path) = try fileDatabase()
        try db.writer.close()
        // Another process is importing: its note (pid 1 is always alive) and the write lock it holds.
        try "李娜\t1\t2024-06-01T10:03:00\n".write(toFile: BusyHolder.notePath(path), atomically: false, encoding: .utf8)
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            defer { try? conn.execute(sql: "ROLLBACK") }
            let waiting = try AppDatabase.open(path: path, operatorName: "王芳", today: { today }, forBulkLoad: true, busyTimeout: 0.2)
            let imported = message { _ = try waiting.importPersons([ImportRow(line: 2, fields: intending())], community: "630102001", mode: .allOrNothing) }
            #expect(imported?.contains("数据库正被 李娜 使用（自 2024-06-01 10:03 起正在导入）") == true)
            #expect(message { try waiting.saveCommunity(community()) }?.contains("李娜") == true)
            // The waiting import left the other's note alone.
            #expect(FileManager.default.fileExists(atPath: BusyHolder.notePath(path)))
        }
        // Without a live note: still the busy message, not "写入数据库失败".
        try FileManager.default.removeItem(atPath: BusyHolder.notePath(path))
        try holder.writeWithoutTransaction { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            defer { try? conn.execute(sql: "ROLLBACK") }
            let waiting = try AppDatabase.open(path: path, operatorName: "王芳", today: { today }, forBulkLoad: true, busyTimeout: 0.2)
            let imported = message { _ = try waiting.importPersons([ImportRow(line: 2, fields: intending())], community: "630102001", mode: .allOrNothing) }
            #expect(imported?.hasPrefix("数据库正被其他程序占用") == true)
        }
    }

    @Test func anImportLeavesNoNoteBehind() throws {
        let (db, path) = try fileDatabase()
        #expect(try db.importPersons([ImportRow(line: 2, fields: intending())], community: "630102001", mode: .allOrNothing).imported == 1)
        #expect(!FileManager.default.fileExists(atPath: BusyHolder.notePath(path)))
    }

    @Test func aDamagedDatabaseIsNeitherImportedIntoNorBackedUp() throws {
        let (db, path) = try fileDatabase()
        #expect(try db.importPersons([ImportRow(line: 2, fields: intending())], community: "630102001", mode: .allOrNothing).imported == 1)
        // Damage a page no import reads: the root of the kept drafts table.
        let (root, pageSize) = try db.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'kept_draft'") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
        try db.writer.close()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xEE, count: pageSize))
        try handle.close()

        let damaged = try AppDatabase.open(path: path, operatorName: "王芳", today: { today }, forBulkLoad: true)
        let imported = message { _ = try damaged.importPersons([ImportRow(line: 2, fields: intending(id: womanId, name: "李四"))], community: "630102001", mode: .allOrNothing) }
        #expect(imported?.contains("数据库文件已损坏") == true && imported?.contains("备份恢复") == true)
        #expect(try damaged.count(.survey, community: "630102001") == 1)
        let copy = path + ".backup"
        #expect(message { try damaged.backup(to: copy) }?.contains("已损坏") == true)
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(message { try damaged.requireSound() }?.contains("已损坏") == true)
    }
}
