import Foundation
import LedgerCore
import LedgerStore
import Testing

/// A sampled record checked 属实 and changed afterwards: `evaluate sign` names it and wants `--confirm`, as the
/// screen's confirmation does; checked again, it signs without.
struct RecheckBeforeSignCLITests {
    @Test func aRecordChangedAfterItsCheckIsNamedBeforeSigningUntilCheckedAgain() throws {
        let cli = try EvaluateCLITests.ledger()
        defer { cli.cleanup() }
        let supervisor = CLI.systemUser
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "draw", "2", "--seed", "7").status == 0)  // 1 王梅, 2 李四
        for position in ["1", "2"] { #expect(try cli.run(as: supervisor, "evaluate", "check", position, "属实").status == 0) }

        // The community changes 王梅's record after the check (her telephone)
        // (which record was drawn is the supervisor's to read before the signature)
        let database = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        let checked = try #require(try AppDatabase(sharing: database, operatorName: supervisor).evaluation(community: "630102001")?.sample?.checks.first)
        #expect(checked.name == "王梅")
        let opened = try #require(try database.open(RecordRef(.survey, id: checked.personId)))
        var fields = opened.fields
        fields["phone"] = "13900001234"
        #expect(try database.save(RecordEntry(.survey, fields), community: "630102001", editing: opened.token).saved != nil)

        let refused = try cli.run(as: supervisor, "evaluate", "sign")
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr == "未签署：有1条已核实的抽样记录核实后又被修改（第1号 王梅），签署的是核实时的结论；"
                    + "可重新核实（chuangye evaluate check 序号 结果）。确认按现有初评签署，请加 --confirm\n")
        // Checked again: the conclusion is about the record as it is now
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "属实").status == 0)
        let signed = try cli.run(as: supervisor, "evaluate", "sign")
        #expect(signed.status == 0 && signed.stdout.hasPrefix("已签署八一路社区（630102001）"), "\(signed.stderr)")
    }
}
