import FaultRelay
import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore
import Testing

/// A save whose `COMMIT` reached the server but whose answer never came back (the connection dropped in
/// between): it must be neither reported lost when it was saved, nor written twice when the clerk presses F2 again.
struct PostgresCommitLostTests {
    /// A ledger reached through a relay the test cuts; the test's own session reaches the server directly.
    static func ledgerBehindRelay() async throws -> (direct: any LedgerStorage, relayed: any LedgerStorage, proxy: FaultProxy, cleanup: () -> Void) {
        let location = try await PostgresTestServer.freshSchema()
        let direct = PostgresLedger(location: location, operatorName: "王芳", today: { Conformance.today })
        try await direct.saveCommunity(Conformance.community())
        let proxy = try FaultProxy(toHost: location.host, port: location.port)
        var viaProxy = location
        viaProxy.port = proxy.port
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("commit-lost-\(UUID().uuidString)")
        let relayed = PostgresLedger(location: viaProxy, operatorName: "王芳", today: { Conformance.today },
                                     draftSpill: folder.appendingPathComponent("drafts").path)
        return (direct, relayed, proxy, {
            proxy.stop()
            try? FileManager.default.removeItem(at: folder)
            PostgresTestServer.drop(location)
        })
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: a lost COMMIT was NOT tested"))
    func aSaveWhoseCommitWentUnansweredIsAnsweredOnceTheServerSaysItCommitted() async throws {
        let (direct, relayed, proxy, cleanup) = try await Self.ledgerBehindRelay()
        defer { cleanup() }
        _ = try await relayed.saveNew(Conformance.person(1, name: "赵敏"))
        // When the connection drops right after the COMMIT reached the server, and the server can be reached again
        proxy.drop(afterSending: "COMMIT", refusingNew: false)
        let saved = try await relayed.saveNew(Conformance.person(2, name: "钱多多"))
        // Then the save answers as saved (the engine asked the server on a new connection), and it was saved once
        #expect(saved.fields["name"] == "钱多多")
        #expect(try await direct.count(.survey, community: Conformance.code) == 2)
        let history = try await direct.history(of: try #require(saved.ref))
        #expect(history.map(\.action) == ["insert"])
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "CHUANGYE_TEST_PG is not set: a lost COMMIT was NOT tested"))
    func aSaveWhoseCommitIsUnknownUntilTheServerIsBackIsNotWrittenTwiceWhenSentAgain() async throws {
        let (direct, relayed, proxy, cleanup) = try await Self.ledgerBehindRelay()
        defer { cleanup() }
        _ = try await relayed.saveNew(Conformance.person(1, name: "赵敏"))
        // When the connection drops right after the COMMIT and the server cannot be reached for a while
        proxy.drop(afterSending: "COMMIT", refusingNew: true)
        let entry = Conformance.person(2, name: "钱多多")
        do {
            _ = try await relayed.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
            Issue.record("the save answered although its COMMIT went unanswered and the server could not be asked")
        } catch let error as StoreError {
            // Then the clerk is told it may have been saved, and that F2 is safe
            #expect(error.outcomeUnknown)
            #expect(error.connectionLost)
            #expect(error.message == StoreError.commitUnknown)
        }
        // (it was: the server committed it, as soon as its backend got to the COMMIT)
        var persons = 0
        for _ in 0..<40 where persons != 2 {
            persons = try await direct.count(.survey, community: Conformance.code)
            if persons != 2 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(persons == 2)
        // A draft kept meanwhile does not settle it away
        proxy.restore()
        try await relayed.storeDraft(slot: "survey", content: "{}")
        // When the same save is sent again once the server is back
        let again = try await relayed.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
        // Then it answers as saved, without writing the person a second time
        #expect(again.saved?.fields["name"] == "钱多多")
        #expect(try await direct.count(.survey, community: Conformance.code) == 2)
        // and the next save is written as usual
        _ = try await relayed.saveNew(Conformance.person(3, name: "孙丽"))
        #expect(try await direct.count(.survey, community: Conformance.code) == 3)
        // The same person sent once more after that is a new save: refused as a duplicate ID number in this community
        let duplicate = try await relayed.save(entry, community: Conformance.code, editing: nil, acceptedWarnings: [:], action: .entry)
        #expect(duplicate.saved == nil)
        #expect(try await direct.count(.survey, community: Conformance.code) == 3)
    }
}
