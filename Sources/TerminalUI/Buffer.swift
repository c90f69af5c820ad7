/// A rectangle on the screen.
public struct Rect: Sendable, Hashable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// One screen cell: a glyph and its style. A wide glyph occupies its cell and a continuation cell to its right.
public struct Cell: Sendable, Hashable {
    public var glyph: String
    public var style: Style
    /// The right half of a wide glyph: drawn by the cell to its left.
    public var isContinuation: Bool

    public static let blank = Cell(glyph: " ", style: .plain, isContinuation: false)
}

/// An immediate-mode frame: screens draw into it, the backend flushes what differs from the last frame.
/// Wide characters are handled here and only here.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a text field being edited), if anywhere.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Draws text from (x, y), clipped to `maxWidth` columns and the buffer, a cut marked by `…`
    /// (`DisplayWidth.shortened`); returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        // Text longer than its room ends in `…` where it is cut, never silently.
        let text = x >= 0 && x < limit ? DisplayWidth.shortened(text, limit - x) : text
        for ch in text {
            var w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if ch == "\t" || ch.isNewline { w = 1 }
            if column + w > limit {
                if column < limit { self[column, y] = Cell(glyph: " ", style: style, isContinuation: false); column += 1 }
                break
            }
            if column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(glyph: w == 1 && (ch == "\t" || ch.isNewline) ? " " : String(ch), style: style, isContinuation: false)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell(glyph: "", style: style, isContinuation: true)
                }
            }
            column += w
        }
        return column - x
    }

    /// Overwriting half of a wide glyph blanks the other half, so no orphan half is ever drawn.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 { self[x - 1, y] = Cell(glyph: " ", style: self[x - 1, y].style, isContinuation: false) }
        if !cell.isContinuation, DisplayWidth.of(cell.glyph) == 2, x + 1 < width {
            self[x + 1, y] = Cell(glyph: " ", style: cell.style, isContinuation: false)
        }
    }

    /// Fills a rectangle with spaces in a style. A wide glyph cut by the rectangle's edge is blanked whole, so
    /// no half of it is left outside.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        guard x0 < x1 else { return }
        for yy in max(0, rect.y)..<min(height, rect.maxY) {
            clearWide(at: x0, y: yy)
            clearWide(at: x1 - 1, y: yy)
            for xx in x0..<x1 {
                self[xx, yy] = Cell(glyph: " ", style: style, isContinuation: false)
            }
        }
    }

    /// The text of each row (continuations skipped): what a person sees, for tests.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].glyph }
            return s
        }
    }

    /// Rows without trailing spaces, for readable test expectations.
    public var trimmedLines: [String] {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
    }

    /// The spans of each row that differ from `previous` (or every row when sizes differ): what to redraw.
    public func changedSpans(since previous: Buffer?) -> [(y: Int, from: Int, to: Int)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { ($0, 0, width) }
        }
        var spans: [(Int, Int, Int)] = []
        for y in 0..<height {
            var first = -1, last = -1
            for x in 0..<width where self[x, y] != previous[x, y] {
                if first < 0 { first = x }
                last = x
            }
            guard first >= 0 else { continue }
            // Start on a glyph's lead cell and end after a wide glyph's continuation.
            if self[first, y].isContinuation || previous[first, y].isContinuation { first = max(0, first - 1) }
            if last + 1 < width && (self[last + 1, y].isContinuation || previous[last + 1, y].isContinuation) { last += 1 }
            spans.append((y, first, last + 1))
        }
        return spans
    }
}
