/// Text that arrives faster than anyone types — a paste from a terminal without bracketed paste — read from the
/// terminal in bulk and handed on as runs of text instead of one key per character. Read a byte at a time through
/// curses, 2 MB pasted into a form held it for 13–20 s.
///
/// Printable characters in a row become one `.text` piece of at most `limit` characters (the rest of that run is
/// dropped: the field could not take it, and the piece's length tells the form it was cut). Any other character
/// (Tab, Enter, a control key) ends the run and is passed on as it came. An escape byte stops the burst: it starts a
/// key sequence, which only curses can decode.
public struct TextBurst: Sendable {
    public enum Piece: Sendable, Equatable {
        /// Printable characters in a row.
        case text(String)
        /// Anything else, in order: a key for whoever reads them.
        case other(UTF8Assembler.Output)
    }

    /// Characters a run keeps (the paste limit plus one, so that the cut shows).
    public var limit: Int
    /// The run being read, not yet handed on.
    private var run = String.UnicodeScalarView()
    /// Characters of the current run seen so far, including those handed on by an earlier `take` and those dropped:
    /// a run that goes on across reads is still one run.
    private var runLength = 0
    private var pieces: [Piece] = []

    public init(limit: Int) { self.limit = limit }

    /// The pieces read so far, in order; the run being read is handed on too and goes on counting (a paste that
    /// continues in the next read continues the same run).
    public mutating func take() -> [Piece] {
        endRun()
        defer { pieces = [] }
        return pieces
    }

    /// How many pieces wait to be taken (the reader bounds this, not the bytes: dropped text takes no room).
    public var waiting: Int { pieces.count + (run.isEmpty ? 0 : 1) }

    /// Takes bytes read from the terminal, assembling characters with `utf8` (shared with the key-by-key path, so
    /// that a character split between the two is whole). Returns the offset of an escape byte, where reading stops:
    /// that byte and the ones after it belong to curses. nil when every byte was taken.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, through utf8: inout UTF8Assembler) -> Int? {
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x1B {
                for output in utf8.interrupt() { add(output) }
                return offset
            }
            for output in utf8.feed(byte) { add(output) }
        }
        return nil
    }

    private mutating func add(_ output: UTF8Assembler.Output) {
        guard case .scalar(let scalar) = output, Self.isPrintable(scalar) else {
            endRun()
            runLength = 0
            pieces.append(.other(output))
            return
        }
        if runLength < limit { run.append(scalar) }
        runLength += 1
    }

    private mutating func endRun() {
        guard !run.isEmpty else { return }
        pieces.append(.text(String(run)))
        run = String.UnicodeScalarView()
    }

    /// Characters that are text, not keys: everything but the C0 and C1 controls and DEL.
    public static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }
}
