/// A record as typed or read from a file: its line (row) number and its fields as text, by field key.
public struct RawRecord: Sendable, Hashable {
    public let line: Int
    private let storage: Storage

    private enum Storage: Sendable, Hashable {
        case keyed([String: String])
        /// A row read from a register file, by position.
        case positional(FieldValues)
    }

    public init(line: Int, fields: [String: String]) {
        self.line = line
        storage = .keyed(fields)
    }

    public init(line: Int, values: FieldValues) {
        self.line = line
        storage = .positional(values)
    }

    /// The filled fields by key.
    public var fields: [String: String] {
        switch storage {
        case .keyed(let fields): fields
        case .positional(let values): values.dictionary
        }
    }

    /// Records are equal when their lines and fields are, however they are stored.
    public static func == (a: RawRecord, b: RawRecord) -> Bool { a.line == b.line && a.fields == b.fields }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(fields)
    }

    /// The fields as `register` lays them out (what validation reads).
    public func values(for register: Register) -> FieldValues {
        switch storage {
        case .positional(let values) where values.register == register: values
        case .positional(let values): FieldValues(values.dictionary, register: register)
        case .keyed(let fields): FieldValues(fields, register: register)
        }
    }
}
