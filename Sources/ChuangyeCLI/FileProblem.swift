import Foundation

/// Why a file could not be read or written, in Chinese: Foundation's own descriptions are English
/// ("The file doesn’t exist."), and every message of the command line is Chinese.
enum FileProblem {
    /// Why `path` could not be written: its directory is missing or not writable, or the system said why.
    static func writeReason(_ error: Error?, path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) || !isDirectory.boolValue { return "目录 \(dir) 不存在" }
        if !FileManager.default.isWritableFile(atPath: dir) { return "没有权限写入目录 \(dir)" }
        guard let error else { return "系统错误（errno \(errno)）" }
        return reason(error, path: path, reading: false)
    }

    /// Why `path` could not be read.
    static func reason(_ error: Error, path: String, reading: Bool = true) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if reading && !exists { return "文件不存在" }
        if exists && isDirectory.boolValue { return "这是一个目录，不是文件" }
        switch (error as? CocoaError)?.code {
        case .fileReadNoPermission?, .fileWriteNoPermission?: return "没有权限"
        case .fileReadTooLarge?: return "文件太大"
        case .fileWriteOutOfSpace?: return "磁盘空间不足"
        case .fileWriteVolumeReadOnly?: return "所在磁盘只读"
        default:
            if reading && !FileManager.default.isReadableFile(atPath: path) { return "没有权限" }
            return "系统错误（\((error as NSError).domain) \((error as NSError).code)）"
        }
    }
}
