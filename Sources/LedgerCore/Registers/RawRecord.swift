/// A record as typed or read from a file: its line (row) number and its fields as text, by field key.
public struct RawRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String: String]
    public init(line: Int, fields: [String: String]) {
        self.line = line
        self.fields = fields
    }
}
