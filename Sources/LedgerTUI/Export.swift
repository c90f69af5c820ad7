import LedgerCore
import TerminalUI

/// What the `e` key exports as a workbook: the browsed register, or from home the community's 评分表.
public enum ExportKind: Sendable, Hashable {
    case register(Register)
    case score

    public var title: String {
        switch self {
        case .register(let register): register.title
        case .score: "自评评分表"
        }
    }
}

extension AppState {
    /// The export dialog's suggestion: `<documents>/<社区><台账>-<date>.xlsx`.
    func defaultExportPath(_ kind: ExportKind) -> String { documentsPrefix + suggestedExportName(kind) }

    /// `<社区><台账>-<date>.xlsx`: the suggested file name, also given to a folder typed instead of a file.
    func suggestedExportName(_ kind: ExportKind) -> String {
        (community?.name ?? "") + kind.title + "-" + today.description + ".xlsx"
    }

    /// The documents folder with its trailing slash, or nothing when there is none (tests).
    var documentsPrefix: String {
        documentsFolder.isEmpty ? "" : (documentsFolder.hasSuffix("/") ? documentsFolder : documentsFolder + "/")
    }
}

/// Opens the file-name dialog for an export.
func openExport(_ state: inout AppState, _ kind: ExportKind) -> [Effect] {
    guard state.community != nil else { return [] }
    state.dialog = .exportFile(kind, path: TextEditor(state.defaultExportPath(kind), limit: 400, replaceOnType: true))
    return []
}

func exportDialogKey(_ state: inout AppState, _ kind: ExportKind, _ editor: TextEditor, _ key: Key) -> [Effect] {
    switch LineInput(editor, key) {
    case .cancelled:
        state.dialog = nil
        return []
    case .edited(let editor):
        state.dialog = .exportFile(kind, path: editor)
        return []
    case .submitted(let typed):
        // A name typed without an extension is meant as the workbook: it gets .xlsx rather than a refusal, unless
        // it names a folder (ending in /, or found to be one when exported): the suggested file name goes into it.
        let suggested = state.suggestedExportName(kind)
        let name = typed.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let bare = !name.isEmpty && !name.contains(".")
        let named = name.isEmpty ? typed + suggested : bare ? typed + ".xlsx" : typed
        // A bare or relative name goes where the suggestion pointed (the documents folder), not wherever the app
        // happened to be started: a clerk who clears the line and types a name must find the file there.
        func resolved(_ text: String) -> String { text.hasPrefix("/") ? text : state.documentsPrefix + text }
        let path = resolved(named)
        guard path.lowercased().hasSuffix(".xlsx") else {
            state.show("文件名应以 .xlsx 结尾", error: true)
            return []
        }
        guard let community = state.community else { state.dialog = nil; return [] }
        state.dialog = nil
        return [.exportWorkbook(kind, community: community.code, path: path, overwrite: false,
                                intoFolder: bare ? resolved(typed) + "/" + suggested : nil)]
    }
}

/// The file exists: replaced only on an explicit `y`.
func overwriteDialogKey(_ state: inout AppState, _ kind: ExportKind, _ path: String, _ key: Key) -> [Effect] {
    state.dialog = nil
    guard key == .character("y") || key == .character("Y"), let community = state.community else {
        state.show("未导出：文件已存在，未覆盖")
        return []
    }
    return [.exportWorkbook(kind, community: community.code, path: path, overwrite: true)]
}
