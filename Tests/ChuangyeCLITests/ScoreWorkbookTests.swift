import Foundation
import Testing

/// `chuangye export score FILE.xlsx`: the 评分表 in its own layout, with the figures of `score`.
struct ScoreWorkbookTests {
    @Test func scoreWorkbookIsTheFilledInSelfAssessment() throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let path = cli.dir.appendingPathComponent("评分表.xlsx").path
        let result = try cli.run("export", "score", path)
        #expect(result.status == 0, "\(result.stderr)")
        // Before a submission the figure is today's draft, and the message says so rather than calling it the 自评
        #expect(result.stdout.hasPrefix("已导出八一路社区的评分表到 \(path)：西宁市创建创业型社区评分表 自评尚未提交，按现在的台账计算为"))
        let score = try cli.run("score", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])

        let sheets = try WorkbookProbe.read(path)
        let sheet = try #require(sheets.first)
        #expect(sheets.count == 1 && sheet.title == "西宁市创建创业型社区评分表")
        #expect(sheet.text(0, 0) == "西宁市创建创业型社区评分表")
        let applicant = try #require(sheet.text(1, 0))
        #expect(applicant.contains("申报单位：城东区（区县）八一路街道（街道）八一路社区（社区）"))
        #expect(applicant.contains("负责人：马主任") && applicant.contains("联系电话：0971-6123456"))
        #expect(sheet.text(2, 0)?.contains("日期：") == true)
        #expect(sheet.rows[3].map { $0.text ?? "" } == ["序号", "考评项目", "考评标准", "基本分", "考评方法", "自评得分", "计算依据"])
        // One row per item, with the points and basis of `score`.
        for (i, item) in items.enumerated() {
            let row = sheet.rows[4 + i]
            let title = try #require(item["title"] as? String)
            let inferred = item["source"] as? String == "inferred"
            #expect(row[1].text == (inferred ? "※" : "") + title)
            #expect(row[3].type == "n" && Double(row[3].text ?? "") == item["max"] as? Double)
            #expect(row[5].type == "n" && Double(row[5].text ?? "") == item["points"] as? Double, "\(title)")
            #expect(row[6].text == item["explanation"] as? String)
            if inferred { #expect(row[4].text?.hasPrefix("※ 原评分表未列此项，依据创建标准") == true, "\(row[4].text ?? "")") }
        }
        #expect(sheet.rows[4][4].text == "查阅相关报表。符合考评标准得分，否则不得分。")
        #expect(sheet.rows[4][6].text?.contains("参与创业活动者2 ÷ 城镇劳动者总数40") == true, "\(sheet.rows[4][6].text ?? "")")
        let total = sheet.rows[4 + items.count]
        #expect(total[0].text == "合计")
        #expect(Double(total[5].text ?? "") == json["total"] as? Double)
        #expect(Double(total[3].text ?? "") == 100)
        #expect(sheet.merged.contains("A1:G1") && sheet.merged.contains("A\(5 + items.count):C\(5 + items.count)"))
        #expect(sheet.rows.last?.first?.text?.hasPrefix("负责人（签字）：") == true)
        // The operator is the 填表人 (README: --operator is the 填表人 of the exported workbooks)
        #expect(sheet.rows.last?.first?.text?.contains("填表人（签字）：王芳") == true)
        // The note names the scoring table as a person reads it, not its file id
        let note = sheet.rows.compactMap { $0.first?.text }.first { $0.hasPrefix("注：") }
        #expect(note?.hasPrefix("注：自评尚未提交，自评得分为按今天的台账数据按《西宁市创建创业型社区评分表》计算的草稿") == true, "\(note ?? "")")
        #expect(sheet.printTitleRows == "$4:$4" && sheet.orientation == "landscape" && sheet.paper == 9)
        #expect(sheet.fitWidth == 1 && sheet.fitHeight == 0 && sheet.footer == "第 &P 页 共 &N 页")

        _ = try WorkbookProbe.convertToPDF(path, in: cli.dir)
    }

    @Test func aStreetGetsOneSheetPerStreetLevelRubric() throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let street = profile.replacingOccurrences(of: "630102001", with: "630102000").replacingOccurrences(of: "name = \"八一路社区\"", with: "name = \"八一路街道\"")
            .replacingOccurrences(of: "level = \"社区\"", with: "level = \"街道\"").replacingOccurrences(of: "[checklist]\nleading_group = 2         # must be one of that item's allowed levels\nservice_window = 2", with: "")
        let initialised = try cli.run("init", "--profile", cli.write("street.toml", street))
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let path = cli.dir.appendingPathComponent("街道评分表.xlsx").path
        let result = try cli.run("export", "score", path, "--community", "630102000")
        #expect(result.status == 0, "\(result.stderr)")
        let sheets = try WorkbookProbe.read(path)
        #expect(sheets.map { $0.text(0, 0) } == ["西宁市创建创业型街道（乡镇）评分表（推定）", "山东省省级创业型城市（县区）创建评分表"])
        #expect(sheets.first?.text(1, 0)?.hasPrefix("申报单位：城东区（区县）八一路街道（街道）") == true)
        // The street is scored over its communities' registers: 八一路社区's two participants count.
        #expect(sheets.first?.rows[4][6].text?.contains("参与创业活动者2") == true, "\(sheets.first?.rows[4][6].text ?? "")")
    }

    @Test func scoreExportNeedsAWorkbookName() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let result = try cli.run("export", "score", cli.dir.appendingPathComponent("评分表.csv").path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("评分表只能导出为Excel文件"))
    }
}
