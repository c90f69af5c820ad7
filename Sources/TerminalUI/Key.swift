/// A key press or terminal event, decoded by the backend.
public enum Key: Sendable, Hashable {
    case character(Character)
    case enter, tab, backTab, backspace, delete, escape
    case left, right, up, down, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter (`.control("s")` for Ctrl-S).
    case control(Character)
    /// Bytes that were not valid UTF-8; shown as a message, never inserted.
    case invalidInput
}
