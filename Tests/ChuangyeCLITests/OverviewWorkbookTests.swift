import Foundation
import Testing

/// `chuangye export overview FILE.xlsx`: communities side by side with street subtotals, then each 评分表.
struct OverviewWorkbookTests {
    @Test func overviewHasARowPerCommunityStreetSubtotalsAndEveryScoreSheet() throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "南关社区")
            .replacingOccurrences(of: "八一路街道", with: "南关街道").replacingOccurrences(of: "labour_force = 40", with: "labour_force = 60")
        #expect(try cli.run("init", "--profile", cli.write("p2.toml", second)).status == 0)
        let path = cli.dir.appendingPathComponent("汇总.xlsx").path
        let result = try cli.run("export", "overview", path, "--district", "城东区")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("已导出城东区2个社区的汇总表"))

        let sheets = try WorkbookProbe.read(path)
        #expect(sheets.map(\.title) == ["总览", "八一路社区", "南关社区"])
        let overview = sheets[0]
        #expect(overview.text(0, 0) == "城东区创建创业型社区情况汇总表")
        let header = overview.rows[2].map { $0.text ?? "" }
        #expect(header.prefix(6) == ["序号", "区县", "街道", "社区", "社区代码", "城镇劳动者"])
        let rows = overview.rows.map { $0.map { $0.text ?? "" } }
        // Streets in order, each followed by its subtotal; then the grand total.
        #expect(rows[3][3] == "八一路社区" && rows[4][0] == "小计" && rows[5][3] == "南关社区" && rows[6][0] == "小计")
        #expect(rows[7][0] == "合计" && rows[7][5] == "100" && rows[7][6] == "3")
        let participation = try #require(header.firstIndex(of: "创业参与率"))
        #expect(overview.rows[3][participation].type == "n" && rows[3][participation] == "0.05") // 2 of 40
        #expect(overview.rows[3][participation].format == "0.00%")
        #expect(sheets[1].text(0, 0) == "西宁市创建创业型社区评分表")
        #expect(sheets[1].text(1, 0)?.contains("负责人：马主任") == true)
        #expect(overview.freeze == "E4" && overview.printTitleRows == "$3:$3")

        _ = try WorkbookProbe.convertToPDF(path, in: cli.dir)
    }
}
