/// A record in one of the registers, by register and id.
public struct RecordRef: Sendable, Hashable {
    public let register: Register
    public let id: Int64
    public init(_ register: Register, id: Int64) {
        self.register = register
        self.id = id
    }
}
