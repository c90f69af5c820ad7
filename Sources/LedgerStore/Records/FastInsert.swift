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

/// Inserts rows of `EncodedRows` one at a time through one prepared statement, binding texts in place.
///
/// Multi-row `INSERT … VALUES (…), (…)` statements were tried: with the five person indexes of v9 they were
/// slower than one row per statement (each multi-row statement keeps a statement journal of every page it
/// touches, for a constraint failure half way).
/// Ids are checked to be consecutive as rows go in (rowids are allocated as max + 1 inside the import's write
/// transaction); totals, the audit range and accepted warnings rely on it.
final class RowInserter {
    private let db: Database
    private let statement: Statement
    private(set) var firstId: Int64?
    private(set) var lastId: Int64?

    init(_ db: Database, table: String, columns: [String]) throws {
        self.db = db
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        statement = try db.makeStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
    }

    /// Number of rows written.
    var count: Int { firstId.map { Int(lastId! - $0) + 1 } ?? 0 }

    /// Binds the rows of `rows` while `body` inserts some of them, then clears the bindings so the statement
    /// keeps no pointer into the buffers.
    func binding(_ rows: EncodedRows, _ body: (Bound) throws -> Void) throws {
        defer { sqlite3_clear_bindings(statement.sqliteStatement) }
        try rows.bytes.withUnsafeBufferPointer { bytes in
            try body(Bound(inserter: self, rows: rows, bytes: bytes))
        }
    }

    struct Bound {
        let inserter: RowInserter
        let rows: EncodedRows
        let bytes: UnsafeBufferPointer<UInt8>

        /// Inserts row `row`.
        func insert(row: Int) throws {
            let s = inserter.statement.sqliteStatement
            let base = row * rows.columns
            for column in 0..<rows.columns {
                let index = Int32(column + 1)
                switch rows.kinds[base + column] {
                case .null: sqlite3_bind_null(s, index)
                case .integer: sqlite3_bind_int64(s, index, rows.numbers[base + column])
                case .text:
                    let start = bytes.baseAddress! + Int(rows.numbers[base + column])
                    // Bound in place (no destructor: SQLITE_STATIC); `binding` keeps the buffer alive meanwhile.
                    sqlite3_bind_text(s, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), -1, nil)
                }
            }
            try FastInsert.step(inserter.statement)
            try inserter.noteInserted()
        }
    }

    private func noteInserted() throws {
        let id = db.lastInsertedRowID
        if let lastId, id != lastId + 1 {
            throw StoreError("导入失败，数据未保存", detail: "row id \(id) after \(lastId): ids not consecutive")
        }
        if firstId == nil { firstId = id }
        lastId = id
    }
}
