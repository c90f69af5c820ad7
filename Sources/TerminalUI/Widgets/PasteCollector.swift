/// Collects a bracketed paste (the bytes between `ESC[200~` and `ESC[201~`) as it arrives, keeping at most `limit`
/// characters and dropping the rest.
///
/// A paste reaches the app as one burst; turned into keys one by one, a 1 MB paste meant a million passes of the
/// app's loop (validation and score preview each time) and froze it for ~10 s. Capped here while the bytes come
/// in, the field gets what it can hold and the rest costs only a scan for the end marker.
public struct PasteCollector: Sendable {
    /// The terminal's end-of-paste marker.
    public static let endMarker: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E] // ESC [ 2 0 1 ~

    public let limit: Int
    /// The kept bytes: whole UTF-8 sequences of at most `limit` characters (scalars).
    private var kept: [UInt8] = []
    private var keptScalars = 0
    /// Whether the scalar being read is dropped (its continuation bytes go with it).
    private var dropping = false
    /// Scalars seen past the limit.
    public private(set) var dropped = 0
    /// Bytes that may be the start of the end marker, not yet taken as text.
    private var held: [UInt8] = []
    public private(set) var finished = false
    /// Bytes that came after the end marker in the same read (keys typed right after the paste).
    public private(set) var leftover: [UInt8] = []

    public init(limit: Int) { self.limit = max(0, limit) }

    /// Takes the next bytes read from the terminal; stops at the end marker.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        guard !finished else { leftover += bytes; return }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            bytes.formIndex(after: &index)
            if held.isEmpty && byte != Self.endMarker[0] {
                take(byte)
                continue
            }
            held.append(byte)
            if held == Self.endMarker {
                finished = true
                held = []
                leftover = Array(bytes[index...])
                return
            }
            // Not the marker after all: its first byte is text, and the rest may still start a marker.
            while !held.isEmpty && !Self.endMarker.starts(with: held) {
                take(held.removeFirst())
            }
        }
    }

    /// The pasted text (at most `limit` characters); invalid UTF-8 becomes U+FFFD.
    public var text: String { String(decoding: kept, as: UTF8.self) }

    /// Whether more was pasted than kept.
    public var truncated: Bool { dropped > 0 }

    private mutating func take(_ byte: UInt8) {
        if byte & 0xC0 != 0x80 {
            dropping = keptScalars >= limit
            if dropping { dropped += 1; return }
            keptScalars += 1
        } else if dropping {
            return
        }
        kept.append(byte)
    }
}
