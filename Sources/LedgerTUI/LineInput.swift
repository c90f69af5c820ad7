import LedgerCore
import TerminalUI

/// What a key does in a dialog that asks for one line of text (a reason, a date range, a file name): Esc cancels,
/// Enter submits the trimmed text, any other key edits it. Each dialog decides what the text means.
enum LineInput {
    case cancelled
    case submitted(String)
    case edited(TextEditor)

    init(_ editor: TextEditor, _ key: Key) {
        switch key {
        case .escape: self = .cancelled
        case .enter: self = .submitted(editor.text.trimmingSpaces())
        default:
            var edited = editor
            _ = edited.handle(key)
            self = .edited(edited)
        }
    }
}
