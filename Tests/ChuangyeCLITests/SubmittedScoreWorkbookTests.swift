import Foundation
import Testing

/// The 评分表 and the overview once a 自评 is submitted: 自评得分 is the submitted points (not a recalculation under
/// that name), the 初评 has its column once begun, and the overview puts 当前得分, 自评总分, 初评总分 and 评选状态
/// side by side. Read back with openpyxl and printed through LibreOffice.
struct SubmittedScoreWorkbookTests {
    /// 八一路社区 submitted (30), 初评 begun (建立摸底台账 0: 28) and sampled; then its activities imported (a
    /// publicity activity and a referral), so the live score is no longer the submitted one.
    static func movedOnLedger() throws -> CLI {
        let cli = try StatsCLITests.checkedLedger()
        #expect(try cli.run(as: CLI.systemUser, "evaluate", "adjust", "建立摸底台账", "0", "--reason", "台账缺少签字").status == 0)
        let imported = try cli.run("import", "activity", cli.write("a.csv", RegisterWorkbookTests().activityCSV))
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    /// The live total `score --json` reports.
    static func liveTotal(_ cli: CLI) throws -> Double {
        let score = try cli.run("score", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        return try #require(json["total"] as? Double)
    }

    @Test func theScoreSheetCarriesTheSubmittedSelfAssessmentAndTheReview() throws {
        let cli = try Self.movedOnLedger()
        defer { cli.cleanup() }
        let live = try Self.liveTotal(cli)
        #expect(live != 30)
        let shown = try cli.run("evaluate", "show", "--json")
        let evaluation = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let items = try #require(evaluation["items"] as? [[String: Any]])
        let submittedAt = try #require(evaluation["submitted_at"] as? String)

        let path = cli.dir.appendingPathComponent("评分表.xlsx").path
        let result = try cli.run("export", "score", path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "已导出八一路社区的评分表到 \(path)：西宁市创建创业型社区评分表 已提交的自评30/100分，初评28分（已抽样）；按现在的台账计算为\(Self.points(live))分\n")

        let sheet = try #require(try WorkbookProbe.read(path).first)
        // 日期 is the submission's
        let day = submittedAt.prefix(10).split(separator: "-").map { Int($0)! }
        #expect(sheet.text(2, 0)?.hasSuffix("日期：\(day[0])年\(day[1])月\(day[2])日") == true, "\(sheet.text(2, 0) ?? "")")
        #expect(sheet.rows[3].map { $0.text ?? "" } == ["序号", "考评项目", "考评标准", "基本分", "考评方法", "自评得分", "初评得分", "计算依据"])
        for (i, item) in items.enumerated() {
            let row = sheet.rows[4 + i]
            let id = try #require(item["id"] as? String)
            #expect(row[5].type == "n" && Double(row[5].text ?? "") == item["self_points"] as? Double, "\(id)")
            #expect(row[6].type == "n" && Double(row[6].text ?? "") == item["evaluated_points"] as? Double, "\(id)")
            if id == "survey_register" { #expect(row[7].text?.contains("\n初评改为0分：台账缺少签字（\(CLI.systemUser) ") == true) }
        }
        let total = sheet.rows[4 + items.count].map { $0.text ?? "" }
        #expect(total[0] == "合计" && total[5] == "30" && total[6] == "28" && total[7] == "满分100分，自评30分，初评28分")
        let below = sheet.rows.dropFirst(5 + items.count).compactMap { $0.first?.text }
        #expect(below[0] == "自评：王芳于\(TimeTextProbe.shown(submittedAt))提交，自评总分30分（本表自评得分为提交时的分数）")
        #expect(below[1] == "注意：自评提交后台账又修改了 2 处（工作台账 2），按现在的台账计算为\(Self.points(live))分；自评须重新提交才会改变")
        #expect(below[2] == "初评：28分，尚未签署（督导评审中）")
        #expect(below[3].hasPrefix("注：自评得分为提交时按台账数据按《西宁市创建创业型社区评分表》计算并冻结的分数"))
        // The operator is the 填表人, the date the submission's
        let signature = try #require(sheet.rows.last?.first?.text)
        #expect(signature.contains("填表人（签字）：王芳") && signature.hasSuffix("日期：\(day[0])年\(day[1])月\(day[2])日"), "\(signature)")
        // Printed by the supervisor, the submitted form still names who filled it in
        let bySupervisor = cli.dir.appendingPathComponent("督导打印.xlsx").path
        #expect(try cli.run(as: CLI.systemUser, "export", "score", bySupervisor).status == 0)
        #expect(try WorkbookProbe.read(bySupervisor).first?.rows.last?.first?.text == signature)

        let pdf = try WorkbookProbe.convertToPDF(path, in: cli.dir)
        #expect(try WorkbookProbe.pages(pdf) ?? 0 >= 1)
    }

    @Test func theOverviewShowsTheCurrentScoreTheSubmissionTheReviewAndTheStatus() throws {
        let cli = try Self.movedOnLedger()
        defer { cli.cleanup() }
        let live = try Self.liveTotal(cli)
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "南关社区")
        #expect(try cli.run(as: CLI.systemUser, "init", "--profile", cli.write("p2.toml", second)).status == 0)
        let path = cli.dir.appendingPathComponent("汇总.xlsx").path
        let result = try cli.run(as: CLI.systemUser, "export", "overview", path)
        #expect(result.status == 0, "\(result.stderr)")

        let sheets = try WorkbookProbe.read(path)
        let rows = sheets[0].rows.map { $0.map { $0.text ?? "" } }
        #expect(rows[2].suffix(6) == ["当前得分", "自评总分", "初评总分", "评选状态", "错误记录", "警告记录"])
        // Both communities on 八一路街道: 八一路社区 (submitted, 初评 begun, sampled), 南关社区 (not submitted)
        #expect(rows[3][3] == "八一路社区" && rows[3][13] == Self.points(live) && rows[3][14] == "30" && rows[3][15] == "28" && rows[3][16] == "已抽样")
        #expect(rows[4][3] == "南关社区" && rows[4][14] == "" && rows[4][15] == "" && rows[4][16] == "未提交")
        // The subtotal and the total count statuses; they sum no scores
        #expect(rows[5][0] == "小计" && rows[5][13 ... 16] == ["", "", "", "未提交1，已抽样1"])
        #expect(rows[6][0] == "合计" && rows[6][16] == "未提交1，已抽样1")
        // The counts wrap inside the status column rather than run over the next cells
        #expect(sheets[0].rows[6][16].wraps)
        // Each community's 评分表 is the same as `export score`'s: the submitted points with the 初评
        #expect(sheets[1].rows[3].map { $0.text ?? "" }.contains("初评得分"))
        #expect(!sheets[2].rows[3].map { $0.text ?? "" }.contains("初评得分"))

        let pdf = try WorkbookProbe.convertToPDF(path, in: cli.dir)
        #expect(try WorkbookProbe.pages(pdf) ?? 0 >= 3)
    }

    /// Points as the workbook's cells read back (`30`, `31.5`).
    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// The stored time as a person reads it (`2026-12-06 21:09`), as TimeText shows it.
enum TimeTextProbe {
    static func shown(_ stored: String) -> String {
        let parts = stored.split(separator: "T", maxSplits: 1)
        return parts.count == 2 ? "\(parts[0]) \(parts[1].prefix(5))" : stored
    }
}
