import GRDB
import GRDBSQLite

/// Binds values straight into a prepared statement and steps it: the import hot path, where GRDB's general
/// argument handling (existential casts per value) cost more than SQLite itself.
enum FastInsert {
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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

    /// Steps a statement that returns no rows, then resets it.
    static func step(_ statement: Statement) throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(s)))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

/// Inserts rows several at a time with one multi-row `INSERT … VALUES (…), (…)`.
///
/// A one-row insert opens a cursor on the table and on each of its indexes every time it is stepped; with eight
/// indexes on `person` that was half the cost of an imported row. Rows are buffered and written
/// `rowsPerStatement` at a time; `flush` writes the rest and returns the ids of every row written since the last
/// flush (consecutive: rowids are allocated as max + 1 inside the import's write transaction).
final class BatchInsert {
    let rowsPerStatement: Int
    private let db: Database
    private let table: String
    private let columns: [String]
    private var pending: [[DatabaseValue]] = []
    private var written: [Int64] = []

    init(_ db: Database, table: String, columns: [String], rowsPerStatement: Int = 32) {
        self.db = db
        self.table = table
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        pending.reserveCapacity(rowsPerStatement)
    }

    /// Queues one row; writes a full statement's worth when enough are queued.
    func add(_ values: [DatabaseValue]) throws {
        precondition(values.count == columns.count, "row has \(values.count) values for \(columns.count) columns")
        pending.append(values)
        if pending.count == rowsPerStatement { try write() }
    }

    /// Writes what is queued and returns the ids of all rows written since the previous flush, in order.
    func flush() throws -> [Int64] {
        if !pending.isEmpty { try write() }
        defer { written.removeAll(keepingCapacity: true) }
        return written
    }

    private func write() throws {
        let statement = try self.statement(rows: pending.count)
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (row, values) in pending.enumerated() {
            FastInsert.bind(s, values, from: Int32(row * columns.count + 1))
        }
        try FastInsert.step(statement)
        let last = db.lastInsertedRowID
        let first = last - Int64(pending.count) + 1
        written.append(contentsOf: first...last)
        pending.removeAll(keepingCapacity: true)
    }

    /// Statements by row count, prepared once (a full batch's SQL is several kilobytes).
    private var statements: [Int: Statement] = [:]

    private func statement(rows: Int) throws -> Statement {
        if let known = statements[rows] { return known }
        let made = try db.makeStatement(sql: Self.sql(table: table, columns: columns, rows: rows))
        statements[rows] = made
        return made
    }

    static func sql(table: String, columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}
