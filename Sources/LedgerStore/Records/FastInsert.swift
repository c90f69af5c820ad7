import GRDB
import GRDBSQLite

/// Binds values straight into a prepared statement and steps it: the import hot path, where GRDB's general
/// argument handling (existential casts per value) cost more than SQLite itself.
enum FastInsert {
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func run(_ statement: Statement, _ values: [DatabaseValue]) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        bind(s, values, from: 1)
        try step(statement)
    }

    /// Binds `values` to parameters `first`, `first + 1`, ….
    static func bind(_ s: SQLiteStatement, _ values: [DatabaseValue], from first: Int32) {
        for (i, value) in values.enumerated() {
            let index = first + Int32(i)
            switch value.storage {
            case .null: sqlite3_bind_null(s, index)
            case .int64(let n): sqlite3_bind_int64(s, index, n)
            case .double(let d): sqlite3_bind_double(s, index, d)
            case .string(let text): sqlite3_bind_text(s, index, text, -1, transient)
            case .blob(let data):
                _ = data.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress, Int32($0.count), transient) }
            }
        }
    }

    /// The error of a failed step, with SQLite's message.
    static func failure(_ statement: Statement, _ code: Int32) -> DatabaseError {
        let s = statement.sqliteStatement
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))),
                             sql: statement.sql)
    }

    /// Steps a statement that returns no rows, then resets it.
    static func step(_ statement: Statement) throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            throw FastInsert.failure(statement, code)
        }
    }
}

/// A prepared query stepped for its first row without GRDB's row decoding: the import's per-row look-up.
enum FastLookup {
    /// Binds `texts` to the parameters, steps once and reads the first row with `read`; nil when there is none.
    static func first<T>(_ statement: Statement, texts: [String], read: (SQLiteStatement) -> T) throws -> T? {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, text) in texts.enumerated() { sqlite3_bind_text(s, Int32(i + 1), text, -1, FastInsert.transient) }
        return try stepOnce(statement, read: read)
    }

    private static func stepOnce<T>(_ statement: Statement, read: (SQLiteStatement) -> T) throws -> T? {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        switch sqlite3_step(s) {
        case SQLITE_ROW: return read(s)
        case SQLITE_DONE: return nil
        case let code:
            throw FastInsert.failure(statement, code)
        }
    }

    /// Steps a query through all its rows, calling `body` with each, then resets it.
    static func forEachRow(_ statement: Statement, _ body: (SQLiteStatement) throws -> Void) throws {
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        while true {
            switch sqlite3_step(s) {
            case SQLITE_ROW: try body(s)
            case SQLITE_DONE: return
            case let code: throw FastInsert.failure(statement, code)
            }
        }
    }

    /// Column `index` of the current row as text ("" for NULL).
    static func text(_ s: SQLiteStatement, _ index: Int32) -> String {
        sqlite3_column_text(s, index).map { String(cString: $0) } ?? ""
    }
}

/// Inserts an import's rows with multi-row `INSERT … VALUES (…), (…)` statements of up to `rowsPerStatement` rows.
///
/// One-row statements cost SQLite about 3 µs more per row: every step opens and closes a cursor on the table, each
/// index and the foreign key's parent, and walks down each B-tree from its root. A statement of 32 rows pays that
/// once for all of them, with plain bindings (until issue 19 a C virtual table read the rows in place instead).
/// Ids are checked to be consecutive after every statement (rowids are allocated as max + 1 inside the import's
/// write transaction); totals, the audit range and accepted warnings rely on it.
final class RowInserter {
    static let rowsPerStatement = 32
    private let db: Database
    private let table: String
    private let columns: [String]
    /// Prepared statements by their number of rows.
    private var statements: [Int: Statement] = [:]
    private(set) var firstId: Int64?
    private(set) var lastId: Int64?

    init(_ db: Database, table: String, columns: [String]) throws {
        self.db = db
        self.table = table
        self.columns = columns
    }

    /// Number of rows written.
    var count: Int { firstId.map { Int(lastId! - $0) + 1 } ?? 0 }

    /// Inserts `rows` (each with a value for every column), in order.
    func insert(_ rows: [[DatabaseValue]]) throws {
        var start = 0
        while start < rows.count {
            let end = min(start + Self.rowsPerStatement, rows.count)
            let statement = try self.statement(rows: end - start)
            let s = statement.sqliteStatement
            for (k, row) in rows[start..<end].enumerated() {
                precondition(row.count == columns.count, "row has \(row.count) values for \(columns.count) columns")
                FastInsert.bind(s, row, from: Int32(k * columns.count + 1))
            }
            let code = sqlite3_step(s)
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
            guard code == SQLITE_DONE else { throw FastInsert.failure(statement, code) }
            try noteInserted(end - start)
            start = end
        }
    }

    private func statement(rows: Int) throws -> Statement {
        if let known = statements[rows] { return known }
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                             + Array(repeating: one, count: rows).joined(separator: ", "))
        statements[rows] = statement
        return statement
    }

    private func noteInserted(_ rows: Int) throws {
        let last = db.lastInsertedRowID
        let first = last - Int64(rows) + 1
        if Int(db.changesCount) != rows || (lastId != nil && first != lastId! + 1) {
            throw StoreError("导入失败，数据未保存", detail: "rows \(first)...\(last) after \(lastId ?? 0) (\(db.changesCount) changes for \(rows) rows): ids not consecutive")
        }
        if firstId == nil { firstId = first }
        lastId = last
    }
}
