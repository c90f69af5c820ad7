/// The text fields of one record, by position in its register's field list.
///
/// Validation reads some forty fields of every imported row. Read from a `[String: String]`, each read hashed its
/// key with the standard library's seeded hasher, and building the dictionary hashed every column again: about a
/// fifth of an import's validating thread. Here a row from a file is filled by column position, and a read by key
/// goes through a small table keyed by a cheap hash of the key's bytes.
public struct FieldValues: Sendable, Hashable {
    public let register: Register
    private var values: [String?]

    /// No field filled.
    public init(register: Register) {
        self.register = register
        values = Array(repeating: nil, count: register.fields.count)
    }

    /// The fields of `fields` that belong to `register`; other keys are dropped (no rule reads them).
    public init(_ fields: [String: String], register: Register) {
        self.init(register: register)
        for (key, value) in fields {
            if let position = register.position(ofKey: key) { values[position] = value }
        }
    }

    /// The field at `position` of the register's field list.
    public subscript(position position: Int) -> String? {
        get { values[position] }
        set { values[position] = newValue }
    }

    /// The field with this key; nil when it is empty or not a field of the register.
    public subscript(key: String) -> String? {
        guard let position = register.position(ofKey: key) else {
            assertionFailure("“\(key)” is not a field of the \(register) register")
            return nil
        }
        return values[position]
    }

    /// The filled fields by key.
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for (field, value) in zip(register.fields, values) { if let value { result[field.key] = value } }
        return result
    }
}

/// Positions of a register's field keys, found without the standard library's hasher: open addressing over a
/// cheap hash of the key's length and end bytes (keys are short ASCII), confirmed by comparing the key.
///
/// Validation reads some forty fields of every imported row through this table, so a read must cost next to
/// nothing: the tables are built once per register (static) and kept in memory that is never freed, so reading
/// them involves no reference counting (held in arrays, copying the table out of its static cost two retains and
/// two releases per read, about a third of a field read).
struct KeyIndex: @unchecked Sendable {
    private let keys: UnsafeBufferPointer<String>
    /// Position + 1 of the key in each slot; 0 for an empty slot.
    private let slots: UnsafeBufferPointer<UInt8>
    private let mask: Int

    init(_ keys: [String]) {
        precondition(keys.count < 255)
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        let slots = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        slots.initialize(repeating: 0)
        for (position, key) in keys.enumerated() {
            var slot = Self.hash(key) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = UInt8(position + 1)
        }
        let stored = UnsafeMutableBufferPointer<String>.allocate(capacity: keys.count)
        _ = stored.initialize(from: keys)
        self.keys = UnsafeBufferPointer(stored)
        self.slots = UnsafeBufferPointer(slots)
        mask = size - 1
    }

    func position(of key: String) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if keys[entry - 1] == key { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Mixes the length with the first and last eight bytes: enough to tell a register's keys apart in most slots
    /// without reading every byte (`subsidy_first_eligible` and `subsidy_first_received` differ in both ends).
    private static func hash(_ key: String) -> Int {
        let mixed = key.utf8.withContiguousStorageIfAvailable(mix) ?? Array(key.utf8).withUnsafeBufferPointer(mix)
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    private static func mix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var head: UInt64 = 0, tail: UInt64 = 0
        for i in 0..<min(8, bytes.count) {
            head = head << 8 | UInt64(bytes[i])
            tail = tail << 8 | UInt64(bytes[bytes.count - 1 - i])
        }
        return (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bytes.count)
    }
}
