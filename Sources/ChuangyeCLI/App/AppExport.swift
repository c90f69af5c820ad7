import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI

/// The app's `e` key: a register or the 评分表 as a workbook, never replacing a file the clerk has not confirmed.
enum AppExport {
    /// Where the workbook goes: `intoFolder` (a file in the folder the clerk typed without an extension) when that
    /// folder exists, else `path`.
    static func destination(_ path: String, intoFolder: String?) -> String {
        guard let intoFolder else { return path }
        var isFolder: ObjCBool = false
        let folder = ((intoFolder as NSString).expandingTildeInPath as NSString).deletingLastPathComponent
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue ? intoFolder : path
    }

    static func run(_ kind: ExportKind, community code: String, path: String, overwrite: Bool,
                    database: any LedgerStorage, databasePath: String?, progress: ((Double) -> Void)? = nil) async throws -> Action {
        let file = (path as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return .exportFailed(kind, path: path, "\(file) 是一个文件夹，请换一个文件名") }
            if !overwrite { return .exportNeedsConfirmation(kind, path: path) }
        }
        guard let community = try await database.community(code: code) else { return .effectFailed("找不到社区\(code)") }
        let output = WorkbookFile.target(file, overwrite: overwrite, databasePath: databasePath)
        do {
            switch kind {
            case .register(let register):
                let count = try await WorkbookFile.write(output) { temporary in
                    try await WorkbookExport.writeRegister(register, to: temporary, database: database, community: community,
                                                     preparer: database.operatorName,
                                                     mask: !(try await NumberPrivacy.showsInFull(community.code, database: database)),
                                                     progress: progress)
                }
                return .exported("已导出\(count)条\(register.title)记录到 \(file)", file: file)
            case .score:
                let forms = try await WorkbookFile.write(output) { temporary in
                    try await WorkbookExport.writeScore(to: temporary, database: database, community: community, rubric: nil)
                }
                // The same wording as `export score`: the submitted 自评 once submitted, else the draft's figure.
                let totals = forms.map { WorkbookExport.summary($0).replacingOccurrences(of: $0.rubric.title + " ", with: "") }
                return .exported("已导出评分表（\(totals.joined(separator: "；"))）到 \(file)", file: file)
            }
        } catch let failure as CLIFailure {
            // (A missing folder, a name the file system refuses…: the dialog opens again with what was typed.)
            return .exportFailed(kind, path: path, failure.description)
        }
    }
}
