/// Turns the terminal's input bytes, read one at a time, into characters. A character whose bytes are split
/// between two reads (a paste arrives in chunks, and a chunk may end inside a three-byte 王) is carried over: its
/// first bytes wait here until the rest comes. Only a sequence that is wrong in itself is refused.
///
/// curses' own `get_wch` drops an unfinished sequence when the read times out, and the next read then starts with a
/// continuation byte it calls invalid: a valid paste was reported as not UTF-8 and lost a character.
public struct UTF8Assembler: Sendable {
    /// What one byte completed.
    public enum Output: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        /// Bytes that are no UTF-8 character (a stray continuation byte, an overlong form, a surrogate, a
        /// sequence cut off by something else).
        case invalid
    }

    /// The bytes of the character being read.
    private var pending: [UInt8] = []
    /// How many bytes that character has.
    private var expected = 0

    public init() {}

    /// Whether a character was begun and waits for its remaining bytes.
    public var isPending: Bool { !pending.isEmpty }

    /// Takes the next byte: what it completed, in order (nothing while a character is unfinished; an interrupted
    /// sequence is invalid and the byte that interrupted it is read afresh).
    public mutating func feed(_ byte: UInt8) -> [Output] {
        if pending.isEmpty { return start(byte) }
        guard Self.continues(pending, with: byte) else {
            pending = []
            return [.invalid] + start(byte)
        }
        pending.append(byte)
        guard pending.count == expected else { return [] }
        defer { pending = [] }
        var decoder = UTF8()
        var bytes = pending.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&bytes) { return [.scalar(scalar)] }
        return [.invalid]
    }

    /// Something other than a byte came (a function key): an unfinished character is invalid.
    public mutating func interrupt() -> [Output] {
        guard !pending.isEmpty else { return [] }
        pending = []
        return [.invalid]
    }

    private mutating func start(_ byte: UInt8) -> [Output] {
        switch byte {
        case 0x00...0x7F: return [.scalar(Unicode.Scalar(byte))]
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return [.invalid] // a continuation byte with no lead, or a lead no character has (C0, C1, F5–FF)
        }
        pending = [byte]
        return []
    }

    /// Whether `byte` may follow `pending`: a continuation byte, within the range the lead allows for its second
    /// byte (no overlong forms, no surrogates, nothing past U+10FFFF).
    private static func continues(_ pending: [UInt8], with byte: UInt8) -> Bool {
        guard byte & 0xC0 == 0x80 else { return false }
        guard pending.count == 1 else { return true }
        switch pending[0] {
        case 0xE0: return byte >= 0xA0
        case 0xED: return byte <= 0x9F
        case 0xF0: return byte >= 0x90
        case 0xF4: return byte <= 0x8F
        default: return true
        }
    }
}
