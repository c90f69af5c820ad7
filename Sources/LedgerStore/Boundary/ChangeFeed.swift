/// What an open app learns about the shared ledger without asking: writes committed by other sessions, and (for a
/// ledger on a server) whether the server can be reached. The app reloads what it shows on `changed` and says on
/// its status line while the server is unreachable; it knows no engine. Each engine says how it learns of them
/// (PostgreSQL: `LISTEN`/`NOTIFY` on a connection of its own; SQLite: `PRAGMA data_version`, polled).
public enum StoreEvent: Sendable, Equatable {
    /// Records of these communities were changed by a committed write; empty: any community may have changed.
    case changed(Set<String>)
    /// The server cannot be reached; the engine keeps trying to reconnect.
    case connectionLost
    /// The server is reachable again after `connectionLost`. Writes made meanwhile were not announced: a
    /// `changed([])` follows.
    case reconnected
}

/// A ledger that can tell an open app what changed.
public protocol ChangeFeed: Sendable {
    /// The events from now on. Watching stops when the stream's consumer goes away (its task is cancelled).
    func storeEvents() -> AsyncStream<StoreEvent>
}

extension StoreEvent {
    /// Two sets of changed communities as one (empty stands for every community, and absorbs the other).
    public static func merged(_ a: Set<String>, _ b: Set<String>) -> Set<String> {
        a.isEmpty || b.isEmpty ? [] : a.union(b)
    }
}
