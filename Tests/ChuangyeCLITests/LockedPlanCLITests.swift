import Foundation
import Testing

/// `chuangye plan` and the score exports once the 初评 is signed: the plan says at the top that the records are
/// locked and it can no longer change the score; `export score` and `export overview` show the signed 初评.
struct LockedPlanCLITests {
    @Test func aSignedCommunitysPlanSaysTheLockFirstAndTheWorkbooksTheSignature() throws {
        let cli = try CityEvaluationCLITests.signedLedger()
        defer { cli.cleanup() }
        let plan = try cli.run("plan")
        #expect(plan.status == 0, "\(plan.stderr)")
        let lines = plan.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("注意：台账已锁定（\(CLI.systemUser) ") && lines[1].hasSuffix(" 签署初评）：计划已不能改变本期得分，以下数字仅供参考"),
                "\(plan.stdout)")
        // The figures stay, as information
        #expect(lines.contains { $0.hasPrefix("当前总分 ") })

        let path = cli.dir.appendingPathComponent("评分表.xlsx").path
        let exported = try cli.run("export", "score", path)
        #expect(exported.stdout.hasSuffix("已提交的自评30/100分，初评28分（已签署·已锁定）\n"), "\(exported.stdout)")
        let sheet = try #require(try WorkbookProbe.read(path).first)
        let texts = sheet.rows.compactMap { $0.first?.text }
        #expect(texts.contains { $0.hasPrefix("初评：28分，已由\(CLI.systemUser)于") && $0.hasSuffix("签署，台账已锁定") }, "\(texts)")

        let overview = cli.dir.appendingPathComponent("汇总.xlsx").path
        #expect(try cli.run(as: CLI.systemUser, "export", "overview", overview).status == 0)
        let row = try #require(try WorkbookProbe.read(overview).first?.rows[3].map { $0.text ?? "" })
        #expect(row[3] == "八一路社区" && row[14] == "30" && row[15] == "28" && row[16] == "已签署·已锁定")
    }
}
