import Foundation
import GRDB

/// Another program's writes to the same SQLite file (two apps open on one ledger): SQLite has no notifications,
/// but `PRAGMA data_version` on a connection changes exactly when another connection committed to the file, and
/// costs a few microseconds. It is polled every `interval` off the key loop, on the ledger's own connection, so the
/// app's own writes (which it reloads after anyway) are not announced back to it. Which communities changed is
/// not known: every change is `changed([])`.
extension AppDatabase: ChangeFeed {
    public static let dataVersionInterval = 0.5

    public func storeEvents() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreEvent.self, bufferingPolicy: .bufferingNewest(8))
        let watcher = Task { [self] in
            var seen = try? dataVersion()
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Self.dataVersionInterval))
                // A failed read (the file busy or gone) is not a change: the next poll tries again.
                guard let now = try? dataVersion() else { continue }
                if let before = seen, now != before { continuation.yield(.changed([])) }
                seen = now
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in watcher.cancel() }
        return stream
    }

    func dataVersion() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
