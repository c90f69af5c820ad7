import GRDB

/// SQLite's quick check, run before an import writes (a bulk write into damaged pages spreads the damage) and on
/// every backup; a failure tells the clerk what to do rather than what went wrong.
enum Integrity {
    static let damaged = "数据库文件已损坏。请停止录入，用最近的备份恢复（把 chuangye backup 生成的备份文件复制为数据库文件，或用 --db 备份文件 打开），必要时联系管理员"

    /// Databases up to this size are checked before each import. The check reads every page: 1.37 s for a 123 MB
    /// district of 200,000 persons and 200,000 services (about 11 ms per MB), ten times a 10,000-row import, so a
    /// larger file is checked by `backup` and `check` instead (DECISIONS.md).
    static let largestCheckedBeforeImport = 32 << 20

    /// Throws `StoreError` when the database fails the quick check; `bounded` skips files above
    /// `largestCheckedBeforeImport`.
    static func requireSound(_ db: Database, before what: String, bounded: Bool = true) throws {
        let result: [String]
        do {
            if bounded {
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                if pages > largestCheckedBeforeImport / max(pageSize, 512) { return }
            }
            result = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
        } catch let error as DatabaseError {
            throw StoreError("\(damaged)。\(what)", detail: "\(error)")
        }
        guard result == ["ok"] else { throw StoreError("\(damaged)。\(what)", detail: result.joined(separator: "; ")) }
    }

    /// Whether an error reports a damaged file.
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }
}
