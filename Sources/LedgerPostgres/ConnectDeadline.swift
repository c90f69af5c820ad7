import Foundation
import LedgerStore
import PostgresNIO

/// A connection attempt that gives up after a deadline. A server that accepts the TCP connection and then closes
/// it during the start-up (a relay or a server going down) can leave postgres-nio's connect waiting for good
/// (seen in the network-cut test, about one attempt in ten); an app reconnecting must not wait with it. The
/// abandoned attempt is left to finish on its own: a connection it makes after all is closed.
enum ConnectDeadline {
    static func within(_ deadline: Duration, _ connect: @escaping @Sendable () async throws -> PostgresConnection) async throws -> PostgresConnection {
        let once = Once()
        return try await withCheckedThrowingContinuation { (answer: CheckedContinuation<PostgresConnection, any Error>) in
            let attempt = Task {
                do {
                    let made = try await connect()
                    if once.first() { answer.resume(returning: made) } else { made.close().whenComplete { _ in _ = made } }
                } catch {
                    if once.first() { answer.resume(throwing: error) }
                }
            }
            Task {
                try? await Task.sleep(for: deadline)
                guard once.first() else { return }
                attempt.cancel()
                answer.resume(throwing: StoreError("连接数据库服务器超时", detail: "no answer within \(deadline)", connectionLost: true))
            }
        }
    }
}

