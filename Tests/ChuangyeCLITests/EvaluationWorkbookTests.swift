import Foundation
import Testing

/// `chuangye evaluate export FILE.xlsx`: the 初评 result as a workbook, read back with openpyxl and opened in
/// LibreOffice.
struct EvaluationWorkbookTests {
    @Test func theWorkbookHoldsTheItemsSideBySideAndTheSpotChecksWithTheirResults() throws {
        let cli = try StatsCLITests.checkedLedger()
        defer { cli.cleanup() }
        let supervisor = CLI.systemUser
        #expect(try cli.run(as: supervisor, "evaluate", "adjust", "建立摸底台账", "0", "--reason", "台账缺少签字").status == 0)
        let path = cli.dir.appendingPathComponent("初评结果.xlsx").path
        // (The supervisor's export: a clerk's would withhold the unsigned sample, SampleDisclosure)
        let exported = try cli.run(as: supervisor, "evaluate", "export", path, "--mask")
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == "已导出八一路社区的初评结果到 \(path)（已遮盖身份证号）\n")
        let shown = try cli.run("evaluate", "show", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])

        let sheets = try WorkbookProbe.read(path)
        #expect(sheets.map(\.title) == ["初评结果", "抽样核实"])
        let result = sheets[0]
        #expect(result.text(0, 0) == "八一路社区创建工作初评结果")
        #expect(result.text(1, 0)?.hasPrefix("社区：八一路社区（630102001）\u{3000}\u{3000}\u{3000}考核期：2024-01-01 至 2024-12-31") == true)
        #expect(result.text(2, 0)?.hasPrefix("自评提交：王芳 ") == true && result.text(2, 0)?.hasSuffix("提交后台账未修改") == true)
        #expect(result.text(3, 0) == "初评签署：未签署")
        #expect(result.rows[4].map { $0.text ?? "" } == ["序号", "评分项", "满分", "自评得分", "初评得分", "差异", "初评理由", "初评人", "初评时间", "自评计算依据"])
        #expect(items.count == 18)
        for (i, item) in items.enumerated() {
            let row = result.rows[5 + i]
            let id = try #require(item["id"] as? String)
            #expect(row[0].type == "n" && row[0].text == String(i + 1))
            #expect(row[2].type == "n" && Double(row[2].text ?? "") == item["max"] as? Double, "\(id)")
            #expect(row[3].type == "n" && Double(row[3].text ?? "") == item["self_points"] as? Double, "\(id)")
            #expect(row[4].type == "n" && Double(row[4].text ?? "") == item["evaluated_points"] as? Double, "\(id)")
            let adjusted = id == "survey_register"
            #expect(Double(row[5].text ?? "") == (adjusted ? -2 : 0), "\(id)")
            #expect(row[6].text == (adjusted ? "台账缺少签字" : nil), "\(id)")
            #expect(row[7].text == (adjusted ? supervisor : nil), "\(id)")
        }
        let total = result.rows[5 + items.count]
        #expect(total.prefix(7).map { $0.text ?? "" } == ["合计", "", "100", "30", "28", "-2", "初评改分1项"])
        #expect(result.merged.contains("A1:J1") && result.merged.contains("A24:B24"))
        #expect(result.freeze == "A6" && result.printTitleRows == "$5:$5" && result.orientation == "landscape")

        let sample = sheets[1]
        #expect(sample.text(0, 0) == "八一路社区随机抽样核实")
        #expect(sample.text(1, 0)?.hasPrefix("种子 7\u{3000}\u{3000}抽2人（有创业意愿 2人抽1；已创业 1人抽1）") == true)
        #expect(sample.text(2, 0) == "核实进度 2/2：属实 1，不属实 1，联系不上 0；不符率 50%")
        #expect(sample.rows[3].map { $0.text ?? "" } == ["序号", "姓名", "公民身份号码", "分层", "核实结果", "说明", "核实人", "核实时间", "核实后更正", "抽查的服务"])
        #expect(sample.rows.count == 6)
        let first = sample.rows[4].map { $0.text ?? "" }, second = sample.rows[5].map { $0.text ?? "" }
        #expect(first[0 ... 5] == ["1", "王梅", "630102********0047", "有创业意愿", "不属实", "本人称未参加培训"])
        #expect(first[6] == supervisor && first[8] == "待社区更正")
        #expect(second[0 ... 4] == ["2", "李四", "630102********022X", "已创业", "属实"] && second[8] == "")
        // 抽查的服务, the last column, wraps inside it: unwrapped it ran past the page's edge and was cut in print
        #expect(sample.rows[4][9].wraps && sample.rows[5][9].wraps)

        let pdf = try WorkbookProbe.convertToPDF(path, in: cli.dir)
        #expect(try WorkbookProbe.pages(pdf) == 2)
    }

    @Test func anUnknownExtensionIsAUsageErrorInChinese() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let refused = try cli.run("evaluate", "export", "初评.txt")
        #expect(refused.status == 2 && refused.stderr.hasPrefix("错误：初评结果只能导出为 .xlsx、.csv 或 .json 文件\n"))
    }
}
