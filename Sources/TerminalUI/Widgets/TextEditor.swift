/// A single-line text being edited, with a cursor between characters. Shell-style editing; the cursor position
/// on screen is computed from display widths, so it sits correctly after CJK text.
public struct TextEditor: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// Index in `characters` (0...count).
    public private(set) var cursor: Int
    /// When true, the next typed character replaces the whole text (a default shown selected).
    public var replaceOnType: Bool
    /// Longest text accepted; a longer paste is cut and `truncated` set.
    public let limit: Int
    public private(set) var truncated = false

    public init(_ text: String = "", limit: Int = 2000, replaceOnType: Bool = false) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        self.limit = limit
        self.replaceOnType = replaceOnType
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        replaceOnType = false
    }

    public enum Outcome: Equatable, Sendable {
        /// The key changed the text.
        case edited
        /// The key only moved the cursor.
        case moved
        /// The key means nothing to a text editor.
        case ignored
    }

    /// Applies an editing key: ←/→, Home/End, Backspace/Delete, Ctrl-A/E/K/U/W, and printable characters.
    public mutating func handle(_ key: Key) -> Outcome {
        truncated = false
        switch key {
        case .character(let ch) where !ch.isNewline && ch != "\t":
            if replaceOnType { characters = []; cursor = 0 }
            replaceOnType = false
            guard characters.count < limit else { truncated = true; return .ignored }
            characters.insert(ch, at: cursor)
            cursor += 1
            return .edited
        case .left, .control("b"):
            replaceOnType = false
            cursor = max(0, cursor - 1)
            return .moved
        case .right, .control("f"):
            replaceOnType = false
            cursor = min(characters.count, cursor + 1)
            return .moved
        case .home, .control("a"):
            replaceOnType = false
            cursor = 0
            return .moved
        case .end, .control("e"):
            replaceOnType = false
            cursor = characters.count
            return .moved
        case .backspace, .control("h"):
            if replaceOnType { characters = []; cursor = 0; replaceOnType = false; return .edited }
            guard cursor > 0 else { return .moved }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .control("d"):
            if replaceOnType { characters = []; cursor = 0; replaceOnType = false; return .edited }
            guard cursor < characters.count else { return .moved }
            characters.remove(at: cursor)
            return .edited
        case .control("k"):
            replaceOnType = false
            characters.removeSubrange(cursor...)
            return .edited
        case .control("u"):
            replaceOnType = false
            characters.removeSubrange(..<cursor)
            cursor = 0
            return .edited
        case .control("w"):
            replaceOnType = false
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        default:
            return .ignored
        }
    }

    /// Inserts pasted text at the cursor (line breaks become spaces), up to the limit.
    public mutating func insert(_ text: String) {
        if replaceOnType { characters = []; cursor = 0; replaceOnType = false }
        let clean = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let room = limit - characters.count
        truncated = clean.count > room
        characters.insert(contentsOf: clean.prefix(max(0, room)), at: cursor)
        cursor += min(clean.count, max(0, room))
    }

    /// The visible part for a field `width` columns wide, scrolled so the cursor shows, and the cursor's column.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let before = characters[..<cursor]
        var start = cursor
        var used = 0
        // Walk back from the cursor while the text fits, keeping one column for the cursor itself.
        while start > 0 {
            let w = DisplayWidth.of(before[start - 1])
            if used + w > width - 1 { break }
            used += w
            start -= 1
        }
        var shown = ""
        var total = 0
        for ch in characters[start...] {
            let w = DisplayWidth.of(ch)
            if total + w > width { break }
            shown.append(ch)
            total += w
        }
        return (shown, used)
    }
}
