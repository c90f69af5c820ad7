import Foundation
import LedgerStore
import Synchronization

/// Drafts written while the server could not be reached. A clerk's drafts live on the server (`kept_draft`, so
/// they follow the login to another window); when a draft cannot get there it is kept in a local file instead,
/// so that a form typed during an outage survives a quit or a crash, and it moves to the server with the next
/// draft written once the server answers. A draft discarded meanwhile is remembered as discarded, so that it is
/// deleted there too. The file (mode 600, in a folder of mode 700) is per login, host, database and schema.
final class DraftSpill: Sendable {
    struct Entry: Codable, Equatable {
        /// nil: discarded while the server was unreachable.
        var content: String?
        var savedAt: String
    }

    let path: String
    private let lock = Mutex(())

    init(path: String) {
        self.path = path
    }

    /// `$XDG_STATE_HOME/chuangye/drafts/…` (else `~/.local/state/…`): state of this machine, not a document.
    static func path(for location: PostgresLocation, operatorName: String,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        let name = [operatorName, location.host, String(location.port), location.database, location.schema]
            .map { $0.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "_" }.joined() }
            .joined(separator: "-")
        return state + "/chuangye/drafts/" + name + ".json"
    }

    /// The spilled drafts by slot (none when there is no file).
    func entries() -> [String: Entry] {
        lock.withLock { _ in read() }
    }

    func put(slot: String, _ entry: Entry) throws {
        try lock.withLock { _ in
            var all = read()
            all[slot] = entry
            try write(all)
        }
    }

    /// Forgets a slot's spilled draft: the server now has a newer state of it (written or discarded).
    func forget(slot: String) {
        lock.withLock { _ in
            var all = read()
            guard all.removeValue(forKey: slot) != nil else { return }
            try? write(all)
        }
    }

    /// Forgets what was moved to the server (entries changed since, by a later spill, stay).
    func remove(_ moved: [String: Entry]) {
        lock.withLock { _ in
            var all = read()
            for (slot, entry) in moved where all[slot] == entry { all[slot] = nil }
            try? write(all)
        }
    }

    private func read() -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
    }

    private func write(_ all: [String: Entry]) throws {
        do {
            if all.isEmpty {
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                return
            }
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = path + ".tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: try JSONEncoder().encode(all), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw StoreError("草稿未能保存：数据库连接中断，本机草稿文件 \(path) 也无法写入", detail: "\(error)")
        }
    }
}
