import CSQLiteControl
import GRDB

/// Column values of many rows in three flat buffers: the validating thread of an import fills them, and the
/// writer binds them without copying (texts are bound in place, NUL-terminated in one byte buffer).
///
/// A row as `[DatabaseValue]` costs the writer a copy of every text inside SQLite (bound as transient) and the
/// validating thread an allocation per text; here a chunk of rows costs three buffers.
struct EncodedRows: ColumnSink {
    /// What a value is: `CY_VALUE_NULL`, `CY_VALUE_INTEGER` or `CY_VALUE_TEXT` (the `cy_rows` table reads them).
    typealias Kind = UInt8
    static let null = Kind(CY_VALUE_NULL), integer = Kind(CY_VALUE_INTEGER), text = Kind(CY_VALUE_TEXT)

    let columns: Int
    private(set) var kinds: [Kind] = []
    /// The integer of an `integer` value; for a `text` value its offset in `bytes` in the low 32 bits and its
    /// length in bytes above them (SQLite is handed the length, instead of measuring the text with `strlen`).
    private(set) var numbers: [Int64] = []
    private(set) var bytes: [UInt8] = []

    init(columns: Int, capacity rows: Int) {
        self.columns = columns
        kinds.reserveCapacity(columns * rows)
        numbers.reserveCapacity(columns * rows)
        bytes.reserveCapacity(columns * rows * 8)
    }

    var count: Int { kinds.count / columns }

    /// Appends one row written by `write`, which must give every column; returns the row's index.
    mutating func appendRow(_ write: (inout EncodedRows) -> Void) -> Int {
        let start = kinds.count
        write(&self)
        precondition(kinds.count - start == columns, "row has \(kinds.count - start) values for \(columns) columns")
        return count - 1
    }

    /// Appends one row of values; returns its index.
    mutating func append(_ values: [DatabaseValue]) -> Int {
        appendRow { rows in
            for value in values {
                switch value.storage {
                case .null, .blob: rows.integer(nil)
                case .int64(let n): rows.integer(n)
                // No register column is a real number; stored as text so nothing is lost if one appears.
                case .double(let d): rows.text(String(d))
                case .string(let text): rows.text(text)
                }
            }
        }
    }

    mutating func text(_ value: String?) {
        guard let value else { return integer(nil) }
        kinds.append(Self.text)
        let offset = bytes.count
        // Copied as one block where the text's bytes are contiguous (always, for native strings): the generic
        // append over a UTF-8 view went byte by byte.
        if value.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: value.utf8) }
        numbers.append(Int64(bytes.count - offset) << 32 | Int64(offset))
        bytes.append(0)
    }

    mutating func integer(_ value: Int64?) {
        kinds.append(value == nil ? Self.null : Self.integer)
        numbers.append(value ?? 0)
    }

    /// Replaces one value of a row with an integer (an import's warning count after a look-up found more).
    mutating func setInteger(_ value: Int64, row: Int, column: Int) {
        kinds[row * columns + column] = Self.integer
        numbers[row * columns + column] = value
    }
}
