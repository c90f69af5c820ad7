import Foundation
import LedgerStore
import PostgresNIO

/// The change feed of a PostgreSQL ledger: one connection of its own per app, `LISTEN` on the ledger's channel
/// (ChangeNotices.swift), each notification an event naming its community. The connection closing (the server
/// restarted, the network dropped, the session was ended) makes the link lost, and it is made again after a
/// pause that grows (`Backoff`); once listening again the app is told to reload everything.
extension PostgresLedger: ChangeFeed {
    public func storeEvents() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreEvent.self, bufferingPolicy: .bufferingNewest(256))
        let link = self.link, gate = self.gate, channel = ChangeNotices.channel(location)
        let listening = Task {
            await link.attach(continuation)
            await ChangeListener(link: link, gate: gate, channel: channel).run()
            await link.detach()
            continuation.finish()
        }
        continuation.onTermination = { _ in listening.cancel() }
        return stream
    }
}

struct ChangeListener {
    let link: LinkWatch
    let gate: ConnectionGate
    let channel: String

    func run() async {
        var backoff = Backoff()
        while !Task.isCancelled {
            let connection: PostgresConnection
            do {
                connection = try await gate.connect()
            } catch {
                // A login the server refuses (a wrong password, an unknown user or database) is no lost link: the
                // session's own connection says why in Chinese, and nothing is reconnecting. Asked again quietly.
                if PostgresFailure.connecting(error, to: gate.location).connectionLost {
                    await link.listener(up: false, gate: gate)
                }
                if Task.isCancelled { return }
                try? await Task.sleep(for: backoff.next())
                continue
            }
            do {
                try await connection.listen(on: channel) { notifications in
                    backoff.reset()
                    await link.listener(up: true, gate: gate)
                    for try await notification in notifications {
                        await link.yield(.changed([notification.payload]))
                    }
                }
            } catch {
                // The connection is gone (or the listen was refused): lost until listening again.
            }
            try? await connection.close()
            if Task.isCancelled { return }
            await link.listener(up: false, gate: gate)
            try? await Task.sleep(for: backoff.next())
        }
    }
}
