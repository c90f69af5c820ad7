import Foundation
import Testing

/// `history` of the evaluation's steps names the sampled person (not the record number kept in the entry) as far
/// as the reader may know them (SampleDisclosure), and an item by its rubric's title.
struct EvaluationHistoryCLITests {
    @Test func aCheckIsNamedByItsPersonForTheSupervisorAndWithheldFromTheClerkUntilSigned() throws {
        let cli = try EvaluateCLITests.ledger()
        defer { cli.cleanup() }
        let supervisor = CLI.systemUser
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "draw", "2", "--seed", "7").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "check", "2", "属实").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "adjust", "建立摸底台账", "0", "--reason", "台账缺少签字").status == 0)

        let bySupervisor = EvaluateCLITests.normalised(try cli.run(as: supervisor, "history", "--limit", "3").stdout)
        #expect(bySupervisor == """
            <时间>  \(supervisor)  初评改分  评选 第1份
                评分项 建立摸底台账：2 → 0
                理由：（空） → 台账缺少签字
            <时间>  \(supervisor)  抽查核实  评选 第1份
                抽样第2号 人员：李四
                抽样第2号 核实结果：（空） → 属实
            <时间>  \(supervisor)  随机抽样  评选 第1份
                随机种子：（空） → 7
                抽样人数：（空） → 2
                分层：（空） → 有创业意愿 2人抽1；已创业 1人抽1

            """)
        // The clerk: the same entries, without whom the check was about nor the seed
        let byClerk = EvaluateCLITests.normalised(try cli.run("history", "--limit", "3").stdout)
        #expect(byClerk.contains("    抽样第2号 人员：（签署后公开）\n") && byClerk.contains("    随机种子：（空） → （签署后公开）\n"))
        #expect(!byClerk.contains("李四"), "\(byClerk)")
        // Signed: named for the clerk too
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "属实").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "sign").status == 0)
        #expect(try cli.run("history", "--limit", "6").stdout.contains("    抽样第2号 人员：李四\n"))
    }

    @Test func aChecklistItemIsNamedAsTheCommunitysScoreSheetNamesIt() throws {
        let cli = try EvaluateCLITests.ledger()
        defer { cli.cleanup() }
        let changed = profile.replacingOccurrences(of: "[checklist]", with: "[checklist]\n创建工作方案 = 1")
        #expect(try cli.run("init", "--profile", cli.write("p2.toml", changed)).status == 0, "\(changed)")
        let history = try cli.run("history", "--limit", "1").stdout
        #expect(history.contains("    自评项 创建工作方案：（空） → 1分\n"), "\(history)")
    }
}
