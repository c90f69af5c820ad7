import Foundation
import LedgerStore
import SafeFiles

/// Puts a workbook in place by the rule every output follows (SafeFiles): libxlsxwriter writes a temporary file of
/// our own beside the target (created new, 0600), which is linked into place only when complete, or, with a
/// confirmed overwrite, renamed over an ordinary file of the user's. Never a directory, a device or the database.
enum WorkbookFile {
    static func write<T>(_ target: OutputTarget, _ body: (_ temporary: String) async throws -> T) async throws -> T {
        let output: NewFile
        do { output = try NewFile(target) } catch let refused as OutputRefused { throw CLIFailure.data(refused.message) }
        do {
            let result = try await body(output.temporaryPath)
            try output.commit()
            return result
        } catch {
            output.discard()
            if let failure = error as? CLIFailure { throw failure }
            if let refused = error as? OutputRefused { throw CLIFailure.data("导出失败：\(refused.message)") }
            throw CLIFailure.data("导出失败：\((error as? StoreError)?.message ?? "未生成文件，请检查目标位置后重试")")
        }
    }

    /// An export's target: `overwrite` only as the user confirmed it (`--force`, or `y` in the app).
    static func target(_ path: String, overwrite: Bool, databasePath: String?) -> OutputTarget {
        OutputTarget(path: path, overwrite: overwrite, protected: databasePath.map(FileIdentity.database) ?? [],
                     protectedNames: databasePath.map(FileIdentity.databaseNames) ?? [], what: "导出文件")
    }
}
