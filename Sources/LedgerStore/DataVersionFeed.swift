import Foundation
import GRDB
import Synchronization

/// Another program's writes to the same SQLite file (two apps open on one ledger): SQLite has no notifications,
/// but `PRAGMA data_version` on a connection changes exactly when another connection committed to the file, and
/// costs a few microseconds. It is polled every `interval` off the key loop, on the ledger's own connection, so the
/// app's own writes (which it reloads after anyway) are not announced back to it. Which communities changed is
/// not known: every change is `changed([])`.
extension AppDatabase: ChangeFeed {
    public static let dataVersionInterval = 0.5

    public func storeEvents() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreEvent.self, bufferingPolicy: .bufferingNewest(8))
        let stop = StopFlag()
        // A thread of its own rather than a task: the poll keeps its pace however busy the concurrency pool is.
        let watcher = Thread { [self] in
            var seen = try? dataVersion()
            while !stop.isSet {
                usleep(useconds_t(Self.dataVersionInterval * 1_000_000))
                // A failed read (the file busy or gone) is not a change: the next poll tries again.
                guard let now = try? dataVersion() else { continue }
                if let before = seen, now != before { continuation.yield(.changed([])) }
                seen = now
            }
            continuation.finish()
        }
        watcher.start()
        continuation.onTermination = { _ in stop.set() }
        return stream
    }

    func dataVersion() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}

/// Tells a thread to end its loop.
final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
