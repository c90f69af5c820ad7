/// A bordered box with a title; returns the inner area for its content.
public enum Panel {
    @discardableResult
    public static func draw(_ title: String, in rect: Rect, into buffer: inout Buffer, style: Style = .plain,
                            titleStyle: Style = .title) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        buffer.fill(rect)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: y, style: style)
            buffer.put("│", x: rect.maxX - 1, y: y, style: style)
        }
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        if !title.isEmpty {
            buffer.put(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: rect.width - 4)
        }
        return rect.inset(by: 1)
    }
}

/// One line across the screen, padded: the status bar and header line.
public enum Bar {
    public static func draw(_ left: String, right: String = "", y: Int, into buffer: inout Buffer, style: Style) {
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
        let rightWidth = DisplayWidth.of(right)
        let room = max(0, buffer.width - rightWidth - 3)
        buffer.put(DisplayWidth.fit(left, room), x: 1, y: y, style: style)
        if !right.isEmpty, rightWidth < buffer.width - 2 {
            buffer.put(right, x: buffer.width - rightWidth - 1, y: y, style: style)
        }
    }
}

/// A scrolling list with one selected row; the caller keeps `selected` and `offset` between frames.
public struct ListState: Sendable, Hashable {
    public var selected: Int
    public var offset: Int
    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` within `count` rows, scrolling so it stays inside `visibleRows`.
    public mutating func move(_ delta: Int, count: Int, visibleRows: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
    }

    /// ↑↓ a row, PgUp/PgDn a screenful, Home/End the first and last row; false for any other key.
    public mutating func scroll(_ key: Key, count: Int, visibleRows: Int) -> Bool {
        let page = max(1, visibleRows)
        switch key {
        case .up: move(-1, count: count, visibleRows: visibleRows)
        case .down: move(1, count: count, visibleRows: visibleRows)
        case .pageUp: move(-page, count: count, visibleRows: visibleRows)
        case .pageDown: move(page, count: count, visibleRows: visibleRows)
        case .home: move(-count, count: count, visibleRows: visibleRows)
        case .end: move(count, count: count, visibleRows: visibleRows)
        default: return false
        }
        return true
    }
}

public enum ListView {
    /// The first row drawn. The selected row is always drawn: a caller whose idea of the visible height differs
    /// from the rows drawn (the community list once assumed one row more than its panel had) must not scroll the
    /// selection out of view.
    public static func visibleOffset(_ state: ListState, count: Int, height: Int) -> Int {
        var offset = min(state.offset, state.selected)
        if height > 0, state.selected >= offset + height { offset = state.selected - height + 1 }
        return max(0, min(offset, count - height))
    }

    /// Draws rows (already formatted) with the selected one highlighted.
    public static func draw(_ rows: [String], state: ListState, in rect: Rect, into buffer: inout Buffer,
                            rowStyle: (Int) -> Style = { _ in .plain }) {
        let offset = visibleOffset(state, count: rows.count, height: rect.height)
        for (i, index) in (offset..<min(rows.count, offset + rect.height)).enumerated() {
            let style = index == state.selected ? Style.focus : rowStyle(index)
            buffer.put(DisplayWidth.fit(rows[index], rect.width), x: rect.x, y: rect.y + i, style: style)
        }
    }
}
