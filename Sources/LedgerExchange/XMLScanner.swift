/// A small pull reader for the XML parts of a workbook: elements with attributes, text, CDATA and the predefined and
/// numeric entities. Declarations, processing instructions, comments and a DOCTYPE are skipped.
///
/// Foundation's XMLParser brought libxml2 and, through it, ICU and liblzma into every process of the command line:
/// 1.2 ms and ~55 page faults at each start (measured on `chuangye --version`), for a reader only workbook imports use.
/// Workbook parts are machine-written UTF-8, so this checks what matters for reading them safely (tags close in
/// order, entities are known, the text is UTF-8) and nothing more: no DTD, no external entities.
struct XMLScanner {
    enum Event: Equatable {
        /// An element's local name (any `prefix:` removed) and its attributes, in order.
        case start(String, [Attribute])
        case end(String)
        case text(String)
    }

    /// An attribute by its qualified name (`r:id`).
    struct Attribute: Equatable {
        let name: String
        let value: String
    }

    struct Malformed: Error, Equatable {
        /// Byte offset of the problem, for tests and logs.
        let offset: Int
    }

    private let bytes: [UInt8]
    private var at = 0
    private var open: [String] = []
    /// The end of a `<name/>` element, delivered on the next call.
    private var pendingEnd: String?

    /// Whether the bytes are one piece of a longer document: elements still open at its end are not an error.
    private let partial: Bool

    init(_ bytes: [UInt8]) { self.init(bytes, open: [], partial: false) }

    /// A scanner over one piece of a document cut between elements (a worksheet read chunk by chunk), starting
    /// with the elements the previous pieces left open; `partial` for every piece but the last.
    init(_ bytes: [UInt8], open: [String], partial: Bool) {
        self.bytes = bytes
        self.open = open
        self.partial = partial
    }

    /// The elements open at this point, outermost first (qualified names), to carry into the next piece.
    var openElements: [String] { open }

    /// The next event; nil at the end of a well-formed document.
    mutating func next() throws -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name)
        }
        while at < bytes.count {
            if bytes[at] != UInt8(ascii: "<") { return .text(try text(until: UInt8(ascii: "<"))) }
            if starts(with: "<![CDATA[") {
                let start = at + 9
                guard let end = find("]]>", from: start) else { throw Malformed(offset: at) }
                at = end + 3
                return .text(try string(start..<end))
            }
            if starts(with: "<!--") {
                guard let end = find("-->", from: at + 4) else { throw Malformed(offset: at) }
                at = end + 3
            } else if starts(with: "<?") {
                guard let end = find("?>", from: at + 2) else { throw Malformed(offset: at) }
                at = end + 2
            } else if starts(with: "<!") {
                try skipDeclaration()
            } else if starts(with: "</") {
                return .end(try endTag())
            } else {
                return try startTag()
            }
        }
        guard open.isEmpty || partial else { throw Malformed(offset: at) }
        return nil
    }

    private mutating func startTag() throws -> Event {
        at += 1
        let qualified = try name()
        var attributes: [Attribute] = []
        while true {
            skipSpace()
            guard at < bytes.count else { throw Malformed(offset: at) }
            switch bytes[at] {
            case UInt8(ascii: ">"):
                at += 1
                open.append(qualified)
                return .start(Self.local(qualified), attributes)
            case UInt8(ascii: "/"):
                guard at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: ">") else { throw Malformed(offset: at) }
                at += 2
                pendingEnd = Self.local(qualified)
                return .start(Self.local(qualified), attributes)
            default:
                let attribute = try name()
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "=") else { throw Malformed(offset: at) }
                at += 1
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") else {
                    throw Malformed(offset: at)
                }
                let quote = bytes[at]
                at += 1
                let value = try text(until: quote)
                guard at < bytes.count else { throw Malformed(offset: at) }
                at += 1
                attributes.append(Attribute(name: attribute, value: value))
            }
        }
    }

    private mutating func endTag() throws -> String {
        let start = at
        at += 2
        let qualified = try name()
        skipSpace()
        guard at < bytes.count, bytes[at] == UInt8(ascii: ">"), open.last == qualified else { throw Malformed(offset: start) }
        at += 1
        open.removeLast()
        return Self.local(qualified)
    }

    /// Skips `<!DOCTYPE …>` and the like, with any internal subset in brackets.
    private mutating func skipDeclaration() throws {
        let start = at
        var depth = 0
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth == 0:
                at += 1
                return
            default: break
            }
            at += 1
        }
        throw Malformed(offset: start)
    }

    private mutating func name() throws -> String {
        let start = at
        while at < bytes.count, !Self.endsName(bytes[at]) { at += 1 }
        guard at > start else { throw Malformed(offset: start) }
        return try string(start..<at)
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
             UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<"): return true
        default: return false
        }
    }

    private static func local(_ qualified: String) -> String {
        guard let colon = qualified.utf8.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(qualified[qualified.utf8.index(after: colon)...])
    }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): at += 1
            default: return
            }
        }
    }

    /// Text up to `terminator` (not consumed), entities decoded and line breaks normalised to `\n` as XML requires.
    private mutating func text(until terminator: UInt8) throws -> String {
        var out: [UInt8] = []
        var plainFrom = at
        while at < bytes.count, bytes[at] != terminator {
            switch bytes[at] {
            case UInt8(ascii: "&"):
                out += bytes[plainFrom..<at]
                try decodeEntity(into: &out)
                plainFrom = at
            case UInt8(ascii: "\r"):
                out += bytes[plainFrom..<at]
                out.append(UInt8(ascii: "\n"))
                at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "\n") { at += 1 }
                plainFrom = at
            case UInt8(ascii: "<"):
                throw Malformed(offset: at)
            default:
                at += 1
            }
        }
        out += bytes[plainFrom..<at]
        guard let text = String(validating: out, as: UTF8.self) else { throw Malformed(offset: plainFrom) }
        return text
    }

    private mutating func decodeEntity(into out: inout [UInt8]) throws {
        let start = at
        guard let semicolon = bytes[at...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else { throw Malformed(offset: start) }
        let name = bytes[(at + 1)..<semicolon]
        at = semicolon + 1
        switch String(decoding: name, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { throw Malformed(offset: start) }
            out += Array(String(Character(scalar)).utf8)
        default:
            throw Malformed(offset: start)
        }
    }

    private func string(_ range: Range<Int>) throws -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else { throw Malformed(offset: range.lowerBound) }
        return text
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in (0..<count).allSatisfy { bytes[at + $0] == p[$0] } }
    }

    private func find(_ marker: StaticString, from start: Int) -> Int? {
        let count = marker.utf8CodeUnitCount
        return marker.withUTF8Buffer { p in
            var i = start
            while i + count <= bytes.count {
                if (0..<count).allSatisfy({ bytes[i + $0] == p[$0] }) { return i }
                i += 1
            }
            return nil
        }
    }
}

extension [XMLScanner.Attribute] {
    /// The value of the first attribute with this qualified name.
    func value(of name: String) -> String? { first { $0.name == name }?.value }
}
