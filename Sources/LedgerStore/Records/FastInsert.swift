import GRDB
import GRDBSQLite

/// Binds values straight into a prepared statement and steps it: the import hot path, where GRDB's general
/// argument handling (existential casts per value) cost more than SQLite itself.
enum FastInsert {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func run(_ statement: Statement, _ values: [DatabaseValue]) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value.storage {
            case .null: sqlite3_bind_null(s, index)
            case .int64(let n): sqlite3_bind_int64(s, index, n)
            case .double(let d): sqlite3_bind_double(s, index, d)
            case .string(let text): sqlite3_bind_text(s, index, text, -1, transient)
            case .blob(let data):
                _ = data.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress, Int32($0.count), transient) }
            }
        }
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(s)))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
