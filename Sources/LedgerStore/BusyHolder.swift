import Foundation
import LedgerCore
import SafeFiles

/// Who holds the database for a long write. SQLite says only that the file is locked, and a clerk whose save
/// waited out the busy timeout needs to know whom to ask. The long writers are imports: each notes its operator,
/// process and start time in `<database>-writer` beside the file (readable as the database is, through SafeFiles) and removes the note
/// when done; a note whose process is gone (a killed import) is ignored and replaced by the next import.
struct BusyHolder {
    let path: String

    static func notePath(_ databasePath: String) -> String { databasePath + "-writer" }

    /// Notes this process as the writer of a real database file; nil for an in-memory one or when the note cannot
    /// be written (it only improves a message, so an import never fails for it).
    static func note(databasePath: String, operatorName: String, at time: String) -> BusyHolder? {
        guard databasePath.hasPrefix("/") || FileIdentity.exists(databasePath) else { return nil }
        let path = notePath(databasePath)
        if FileIdentity.exists(path) {
            // Another import is running: its note names whom this one waits for, and stays.
            if holder(databasePath) != nil { return nil }
            // A stale note of a killed import: unlink removes the name only (never a symlink's target or a directory).
            unlink(path)
        }
        do {
            var target = OutputTarget(path: path, protected: FileIdentity.database(databasePath), what: "占用说明")
            // Whoever may read the database may read who is importing into it (a shared ledger is group-readable).
            var info = stat()
            if stat(databasePath, &info) == 0 { target.mode = info.st_mode & 0o644 }
            let file = try NewFile(target)
            try file.write("\(operatorName)\t\(getpid())\t\(time)\n")
            try file.commit(durable: false)
            return BusyHolder(path: path)
        } catch { return nil }
    }

    func remove() { unlink(path) }

    /// The message for a write (or, `opening`, an open) refused because another process held the lock past the
    /// busy timeout.
    static func message(databasePath: String, opening: Bool = false) -> String {
        let outcome = opening ? "未能打开" : "本次修改未保存"
        if let (name, time) = holder(databasePath) {
            return "数据库正被 \(name) 使用（自 \(time) 起正在导入），\(outcome)。请等其完成后重试，或联系 \(name)"
        }
        return "数据库正被其他程序占用，\(outcome)。请稍后重试；若一直如此，请确认没有其他人正在导入或打开着未完成的操作"
    }

    /// The operator and start time of a live note, if any.
    static func holder(_ databasePath: String) -> (String, String)? {
        guard let handle = FileHandle(forReadingAtPath: notePath(databasePath)),
              let data = try? handle.read(upToCount: 1024) else { return nil }
        try? handle.close()
        let fields = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines).split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3, let pid = pid_t(fields[1]), pid > 0, pid != getpid(), !fields[0].isEmpty else { return nil }
        // The process still exists (EPERM: it does, under another user).
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        return (String(fields[0]), TimeText.shown(String(fields[2])))
    }
}
