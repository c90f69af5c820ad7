import Foundation
import LedgerStore
import PostgresNIO

/// Whether an open app's ledger server can be reached, told to the app as `StoreEvent`s. Two things can find the
/// server gone: the change listener (its connection closes) and a statement of the session (its connection fails).
/// Either makes the link lost; it is back when both work again: the listener listening, and the session's
/// connection answering a ping, tried with a growing pause (`Backoff`) until it does.
actor LinkWatch {
    private var continuation: AsyncStream<StoreEvent>.Continuation?
    private var listenerDown = false
    private var sessionDown = false
    private var probe: Task<Void, Never>?

    var isLost: Bool { listenerDown || sessionDown }

    /// Starts telling `continuation` (the app's feed). Before, a failure concerns no one waiting: nothing is probed.
    func attach(_ continuation: AsyncStream<StoreEvent>.Continuation) {
        self.continuation = continuation
    }

    func detach() {
        continuation = nil
        probe?.cancel()
        probe = nil
    }

    /// The listener is listening (`up`) or lost its connection. Losing it means the server or the network went
    /// away, so the session's connection is given up too (a statement on it would otherwise wait for an answer).
    func listener(up: Bool, gate: ConnectionGate) async {
        if !up && !listenerDown { await gate.dropConnection() }
        let was = isLost
        listenerDown = !up
        announce(was)
    }

    /// A statement of the session found the connection gone: lost until the server answers a ping again.
    func lost(_ gate: ConnectionGate) {
        guard continuation != nil else { return }
        let was = isLost
        sessionDown = true
        announce(was)
        guard probe == nil else { return }
        probe = Task { [weak self] in
            var backoff = Backoff()
            while !Task.isCancelled {
                try? await Task.sleep(for: backoff.next())
                if (try? await gate.ping()) != nil { break }
            }
            await self?.sessionAnswered()
        }
    }

    private func sessionAnswered() {
        probe = nil
        let was = isLost
        sessionDown = false
        announce(was)
    }

    private func announce(_ wasLost: Bool) {
        guard let continuation, wasLost != isLost else { return }
        if isLost {
            continuation.yield(.connectionLost)
        } else {
            continuation.yield(.reconnected)
            // What others wrote meanwhile was announced to no one.
            continuation.yield(.changed([]))
        }
    }

    func yield(_ event: StoreEvent) {
        continuation?.yield(event)
    }
}

/// The pause before each reconnect attempt: 0.25 s, doubling, at most 4 s (a restarted server is found within
/// seconds of coming back; a server gone for long is asked about every few seconds, not in a busy loop).
struct Backoff {
    static let first = 0.25
    static let limit = 4.0
    private var next_ = Backoff.first

    mutating func next() -> Duration {
        let pause = next_
        next_ = min(next_ * 2, Self.limit)
        return .milliseconds(Int(pause * 1000))
    }

    mutating func reset() { next_ = Self.first }
}
