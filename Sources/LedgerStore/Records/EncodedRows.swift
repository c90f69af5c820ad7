import GRDB

/// Column values of many rows in three flat buffers: the validating thread of an import fills them, and the
/// writer binds them without copying (texts are bound in place, NUL-terminated in one byte buffer).
///
/// A row as `[DatabaseValue]` costs the writer a copy of every text inside SQLite (bound as transient) and the
/// validating thread an allocation per text; here a chunk of rows costs three buffers.
struct EncodedRows {
    enum Kind: UInt8 { case null, integer, text }

    let columns: Int
    private(set) var kinds: [Kind] = []
    /// The integer of an `integer` value, the offset in `bytes` of a `text` value.
    private(set) var numbers: [Int64] = []
    private(set) var bytes: [UInt8] = []

    init(columns: Int, capacity rows: Int) {
        self.columns = columns
        kinds.reserveCapacity(columns * rows)
        numbers.reserveCapacity(columns * rows)
        bytes.reserveCapacity(columns * rows * 8)
    }

    var count: Int { kinds.count / columns }

    /// Appends one row; returns its index.
    mutating func append(_ values: [DatabaseValue]) -> Int {
        precondition(values.count == columns, "row has \(values.count) values for \(columns) columns")
        for value in values {
            switch value.storage {
            case .null, .blob:
                kinds.append(.null)
                numbers.append(0)
            case .int64(let n):
                kinds.append(.integer)
                numbers.append(n)
            case .double(let d):
                // No register column is a real number; stored as text so nothing is lost if one appears.
                append(text: String(d))
            case .string(let text):
                append(text: text)
            }
        }
        return count - 1
    }

    private mutating func append(text: String) {
        kinds.append(.text)
        numbers.append(Int64(bytes.count))
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    /// Replaces one value of a row with an integer (an import's warning count after a look-up found more).
    mutating func setInteger(_ value: Int64, row: Int, column: Int) {
        kinds[row * columns + column] = .integer
        numbers[row * columns + column] = value
    }
}
