import Foundation
import LedgerStore
import PostgresNIO
import Synchronization

/// A `COMMIT` whose answer never came: the connection dropped after the server was asked to commit, so the
/// transaction may or may not have committed. Sending the write again could register a person twice; telling the
/// clerk "not saved" could be false. PostgreSQL keeps each transaction's fate by its id (`pg_xact_status`), so the
/// engine asks, on a new connection, as soon as it can: at once if the server is back, else before the session's
/// next write. The same write sent again (F2 after the reconnection) then gets the first one's answer instead of
/// being written twice.
final class UncertainCommit: Sendable {
    struct Pending: Sendable {
        /// The transaction's id (`xid8` as text).
        let transaction: String
        /// What was written (the save's request), to recognise the same write sent again.
        let request: (any Hashable & Sendable)?
        /// What the write answered before its `COMMIT`.
        let result: any Sendable
        /// Whether the server has since said it committed (kept until the same write is sent again, or another).
        var committed = false
    }

    enum Fate: Equatable {
        case committed, rolledBack, unknown
    }

    private let pending = Mutex<Pending?>(nil)

    func remember(_ p: Pending) { pending.withLock { $0 = p } }

    func forget() { pending.withLock { $0 = nil } }

    var current: Pending? { pending.withLock { $0 } }

    /// The transaction's fate as the server tells it on `pg`. A transaction still finishing its commit on a
    /// backend that has not yet noticed its client gone is asked again for up to a second.
    static func fate(of transaction: String, on pg: PG) async throws -> Fate {
        for _ in 0..<20 {
            let status = try await pg.row("SELECT pg_xact_status(\(transaction)::xid8)::text AS status")?.optionalText("status")
            switch status {
            case "committed": return .committed
            case "aborted": return .rolledBack
            case "in progress": try await Task.sleep(for: .milliseconds(50))
            default: return .unknown  // too old for the server to remember
            }
        }
        return .unknown
    }
}

extension PostgresLedger {
    /// Before a write: settles the fate of a write whose `COMMIT` went unanswered. Returns its answer when it
    /// committed and `request` is the same write (sent again); nil when the new write should go ahead. Throws the
    /// uncertainty again while the server still cannot tell.
    func settleUncertainCommit<T: Sendable>(before request: (any Hashable & Sendable)?, as _: T.Type) async throws -> T? {
        guard var earlier = uncertain.current else { return nil }
        if !earlier.committed {
            switch try await read({ pg in try await UncertainCommit.fate(of: earlier.transaction, on: pg) }) {
            case .committed:
                earlier.committed = true
                uncertain.remember(earlier)
            case .rolledBack:
                uncertain.forget()
                return nil
            case .unknown:
                uncertain.forget()
                throw StoreError("无法确认上一次提交是否成功（数据库服务器已不记得该事务），请在登记簿中查看该记录后再保存")
            }
        }
        // Committed. Writes that are not requests (a draft kept) leave it for the save sent again; another save
        // means the clerk has moved on.
        guard let request else { return nil }
        uncertain.forget()
        guard let sentBefore = earlier.request, AnyHashable(request) == AnyHashable(sentBefore) else { return nil }
        return earlier.result as? T
    }

    /// After a `COMMIT` lost with its connection: the answer if the server says it committed, on a new connection
    /// made at once; otherwise the error to throw (not saved, or not known yet and remembered for the next write).
    func afterLostCommit<T: Sendable>(_ transaction: String, request: (any Hashable & Sendable)?, result: T, error: any Error) async -> Result<T, StoreError> {
        let fate = try? await read { pg in try await UncertainCommit.fate(of: transaction, on: pg) }
        switch fate {
        case .committed:
            return .success(result)
        case .rolledBack:
            return .failure(Self.lostConnection(writing: true, after: error))
        case .unknown, nil:
            uncertain.remember(.init(transaction: transaction, request: request, result: result))
            return .failure(StoreError(StoreError.commitUnknown, detail: String(reflecting: error), connectionLost: true, outcomeUnknown: true))
        }
    }
}
