import Foundation
import LedgerStore

/// Puts a workbook in place: the writer fills a temporary file beside the target, created readable by its owner
/// only (registers hold personal data) before any byte is written; it is renamed over the target only when
/// complete, so a failed export never leaves a truncated workbook. (Issue 18's safe-output rules replace the
/// placement here when they land.)
enum WorkbookFile {
    static func write<T>(_ file: String, _ body: (_ temporary: String) throws -> T) throws -> T {
        let temporary = file + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CLIFailure.data("无法创建文件 \(file)")
        }
        do {
            let result = try body(temporary)
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
            try FileManager.default.moveItem(atPath: temporary, toPath: file)
            return result
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let failure = error as? CLIFailure { throw failure }
            throw CLIFailure.data("导出失败：\((error as? StoreError)?.message ?? error.localizedDescription)")
        }
    }
}
