import Foundation
import LedgerCore
import Testing

/// The operator statistics from a real terminal at 80×24: the app records a saved form (with the errors it showed)
/// and an abandoned one, and both the statistics screen and `chuangye stats` count them.
@Suite(.serialized)
struct EntryStatisticsJourneyTests {
    @Test func aSavedAndAnAbandonedFormAreCountedOnTheScreenAndInStats() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        let environment = ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        let t = try TmuxTerminal([CLI.binary.path, "--operator", "王芳"], environment: environment, width: 80, height: 24)
        try t.waitFor("1  新增摸底登记")
        try t.press("1")
        try t.waitFor("*公民身份号码")
        // A number too short, shown as an error when its field is left, then corrected
        try t.type("刘一"); try t.press("Tab")
        try t.type("123"); try t.press("Tab")
        try t.waitFor("公民身份号码应为18位")
        try t.press("BTab", "C-u")
        try t.type(ClerkDayJourneyTests.idNumber("19900307", serial: 109)); try t.press("Tab")
        for value in ["dz", "cz", "13912345678", "其他", "有创业意愿"] {
            try t.type(value); try t.press("Tab")
        }
        try t.press("F2")
        try t.waitFor("已保存：刘一")
        // A service form opened and left without saving
        try t.press("2")
        try t.waitFor("创业服务")
        try t.press("Escape")
        try t.waitFor("1  新增摸底登记")
        try t.press("9")
        let screen = try t.waitFor("抽样核实")
        let line = try #require(screen.split(separator: "\n").first { $0.hasPrefix("\(year)-") && $0.contains("王芳") }, "\(screen)")
        // 录入 1 … 错误 2 (the short number, and 文化程度 left empty on the way back) … 放弃 1
        let figures = line.split(separator: " ").dropFirst(2).prefix(7).map(String.init)
        #expect(figures == ["1", "0", "0", "0", "0", "2", "1"], "\(line)")
        try t.press("Escape")
        try t.waitFor("1  新增摸底登记")
        try t.press("q")
        try t.waitFor("确定退出创业台账吗？")
        try t.press("y")
        try t.waitUntilExited()

        let stats = try cli.run("stats", "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        let days = try #require(document["days"] as? [[String: Any]])
        #expect(days.count == 1)
        #expect(days.first?["entered"] as? Int == 1 && days.first?["formsSaved"] as? Int == 1 && days.first?["formsAbandoned"] as? Int == 1)
        #expect(days.first?["errorsCaught"] as? Int == 2)
        #expect((days.first?["secondsPerRecord"] as? Int).map { $0 >= 0 && $0 < 120 } == true)
    }
}
