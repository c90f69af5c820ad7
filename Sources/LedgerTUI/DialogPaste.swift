import TerminalUI

/// A paste while a dialog asks for a line (a path, a reason, a note) goes into that line, up to its limit, as
/// typing would; a dialog that asks a question only (y/Enter) takes no paste.
extension Dialog {
    var pasteTarget: TextEditor? {
        switch self {
        case .acceptWarning(_, let editor, _), .deleteRecord(_, let editor, _), .dateRange(let editor),
             .acceptWarningGroup(_, _, let editor), .exportFile(_, let editor):
            editor
        case .evaluationInput(let prompt, let editor):
            prompt.isConfirmation ? nil : editor
        case .leaveForm, .recoverDraft, .keptDrafts, .quit, .confirmClearedFields, .confirmOverwrite:
            nil
        }
    }

    /// The dialog with its line replaced (`pasteTarget` is not nil).
    func with(_ editor: TextEditor) -> Dialog {
        switch self {
        case .acceptWarning(let finding, _, let keep): .acceptWarning(finding, reason: editor, keepForNext: keep)
        case .deleteRecord(let row, _, let services): .deleteRecord(row, reason: editor, services: services)
        case .dateRange: .dateRange(editor)
        case .acceptWarningGroup(let code, let records, _): .acceptWarningGroup(code: code, records: records, reason: editor)
        case .exportFile(let kind, _): .exportFile(kind, path: editor)
        case .evaluationInput(let prompt, _): .evaluationInput(prompt, editor)
        case .leaveForm, .recoverDraft, .keptDrafts, .quit, .confirmClearedFields, .confirmOverwrite: self
        }
    }
}

/// Pasted into the open dialog's line; said when the line's limit cut it.
func pastedIntoDialog(_ state: inout AppState, _ text: String) {
    guard let dialog = state.dialog, var editor = dialog.pasteTarget else { return }
    editor.insert(text)
    state.dialog = dialog.with(editor)
    if editor.truncated { state.show("粘贴的内容过长：最多\(editor.limit)个字，超出的部分已舍去，请核对", error: true) }
}
