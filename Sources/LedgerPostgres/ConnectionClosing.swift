import Foundation
import PostgresNIO
import Synchronization

/// A statement on a connection that closes before it is answered fails at once. postgres-nio hands a statement to
/// its channel without a promise for the write: when the channel closes at that instant (a network cut, a server
/// going down) the write is dropped, and the statement's answer never comes (seen in the network-cut test, about
/// one cut in ten). The statement runs in a task of its own, raced against the connection's close; an abandoned
/// statement's task waits on in the background, holding nothing but the dead connection.
enum ConnectionClosing {
    /// The connection closed while the statement waited for its answer.
    struct Closed: Error, CustomStringConvertible {
        var description: String { "the connection closed before the statement was answered" }
    }

    static func abandoning<T: Sendable>(_ connection: PostgresConnection,
                                        _ statement: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once()
        return try await withCheckedThrowingContinuation { (answer: CheckedContinuation<T, any Error>) in
            let running = Task {
                do {
                    let result = try await statement()
                    if once.first() { answer.resume(returning: result) }
                } catch {
                    if once.first() { answer.resume(throwing: error) }
                }
            }
            connection.closeFuture.whenComplete { _ in
                guard once.first() else { return }
                running.cancel()
                answer.resume(throwing: Closed())
            }
        }
    }
}

/// Whether an outcome is the first of several (only the first answers a continuation).
final class Once: Sendable {
    private let done = Mutex(false)

    func first() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}
