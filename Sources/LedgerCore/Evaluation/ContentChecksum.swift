/// The checksum a self-assessment freezes: what the registers and profile held when it was submitted, so that a
/// later change shows even when no audit entry records it (an edit made without the program).
///
/// One definition for every engine: each engine names its tables, their content columns (the columns it derives
/// from the content are left out, so recomputing them is no change) and their rows' values, in that order, and
/// this serialisation and hash turn them into the 16 hex digits shown. 64-bit FNV-1a over values tagged by type,
/// texts prefixed by their length, each table introduced by its name and columns and each row by 0x1E, so that no
/// two different contents serialise to the same bytes. Frozen like a migration: a change would mark every stored
/// submission as changed. It tells that content differs; it is no signature against deliberate forgery.
public struct ContentChecksum: Sendable {
    /// A stored value as the engine read it.
    public enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    private var hash = FNV1a64()

    public init() {}

    /// Starts a table: its name and its content columns, in the order its rows' values come.
    public mutating func table(_ name: String, columns: [String]) {
        hash.add(text: name)
        for column in columns { hash.add(text: column) }
    }

    public mutating func row(_ values: [Value]) {
        hash.add(byte: 0x1E)
        for value in values { add(value) }
    }

    /// Sixteen lower-case hex digits.
    public var text: String {
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private mutating func add(_ value: Value) {
        switch value {
        case .null: hash.add(byte: 0)
        case .integer(let i): hash.add(byte: 1); hash.add(integer: i)
        case .real(let d): hash.add(byte: 2); hash.add(integer: Int64(bitPattern: d.bitPattern))
        case .text(let s): hash.add(byte: 3); hash.add(text: s)
        case .blob(let data): hash.add(byte: 4); hash.add(integer: Int64(data.count)); hash.add(bytes: data)
        }
    }
}

/// 64-bit FNV-1a with integers in little-endian bytes and texts prefixed by their UTF-8 length.
struct FNV1a64: Sendable {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(bytes: some Sequence<UInt8>) {
        for b in bytes { add(byte: b) }
    }

    mutating func add(integer: Int64) {
        withUnsafeBytes(of: integer.littleEndian) { add(bytes: $0) }
    }

    mutating func add(text: String) {
        add(integer: Int64(text.utf8.count))
        add(bytes: text.utf8)
    }
}
