import Foundation
import Testing

extension TerminalAppTests {
    /// After a clean exit the ledger file alone holds the session's work: a clerk copies `ledger.sqlite` to a USB
    /// stick, not its `-wal` file. The process ended with exit(), which closed no connection, so a fresh-eyes
    /// tester's copy lacked the delete and restore just made (the log beside it held them).
    @Test func theLedgerFileAloneHoldsTheSessionAfterQuitting() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try enterPerson(t, id: "630102200002290139")
        try t.press("F2")
        try t.waitFor("已保存：赵敏（630102********0139）")
        try t.press("q")
        try t.waitFor("确定退出")
        try t.press("Enter")
        try t.waitUntilExited()
        let wal = cli.db + "-wal"
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(logBytes == 0, "the log kept \(logBytes ?? 0) bytes")
        // The file copied alone is the whole ledger
        let copy = cli.dir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: cli.db, toPath: copy)
        let found = try cli.run("find", "赵敏", "--db", copy)
        #expect(found.status == 0 && found.stdout.contains("赵敏"), "\(found.stdout)\(found.stderr)")
    }
}
