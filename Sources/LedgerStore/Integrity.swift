import GRDB

/// SQLite's quick check, run before an import writes (a bulk write into damaged pages spreads the damage) and on
/// every backup; a failure tells the clerk what to do rather than what went wrong.
enum Integrity {
    static let damaged = "数据库文件已损坏。请停止录入，用最近的备份恢复（把 chuangye backup 生成的备份文件复制为数据库文件，或用 --db 备份文件 打开），必要时联系管理员"

    /// Throws `StoreError` when the database fails the quick check.
    static func requireSound(_ db: Database, before what: String) throws {
        let result: [String]
        do { result = try String.fetchAll(db, sql: "PRAGMA quick_check(3)") } catch let error as DatabaseError {
            throw StoreError("\(damaged)。\(what)", detail: "\(error)")
        }
        guard result == ["ok"] else { throw StoreError("\(damaged)。\(what)", detail: result.joined(separator: "; ")) }
    }

    /// Whether an error reports a damaged file.
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }
}
