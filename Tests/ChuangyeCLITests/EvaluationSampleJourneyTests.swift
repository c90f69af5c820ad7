import Foundation
import LedgerCore
import Testing

/// The spot check as the clerk and the supervisor live it in a real terminal at 80×24: the supervisor draws from
/// the command line; the clerk's open 评选 screen follows (a sample drawn, how many, not which); the supervisor's
/// open screen follows the checks recorded from the command line and signs with `S` at once; after the signature
/// the clerk's screen shows the list.
@Suite(.serialized)
struct EvaluationSampleJourneyTests {
    @Test func theClerkSeesThatASampleWasDrawnButNotWhichAndOpenScreensFollowTheChecks() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        let names = ["张三", "李四", "王梅", "赵敏", "钱进", "孙丽"]
        let rows = names.enumerated().map { i, name in
            "\(name),\(ClerkDayJourneyTests.idNumber("19900307", serial: 200 + i)),大专,城镇,13912345678,其他,有创业意愿,\(year)-01-02"
        }
        let csv = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期\n" + rows.joined(separator: "\n") + "\n"
        #expect(try cli.run("import", "survey", cli.write("s.csv", csv)).status == 0)
        let supervisor = CLI.systemUser
        #expect(try cli.run(as: supervisor, "user", "add", supervisor, "--supervisor").status == 0)
        #expect(try cli.run(as: supervisor, "user", "add", "王芳", "--community", "630102001").status == 0)
        #expect(try cli.run("evaluate", "submit").status == 0)

        let environment = ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        let clerk = [CLI.binary.path, "--operator", "王芳"], boss = [CLI.binary.path, "--operator", supervisor]
        let t = try TmuxTerminal(clerk, environment: environment, width: 80, height: 24)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("随机抽样：尚未抽样")
        // No draw key is offered to a clerk (once the role is read: the clerk's keys in the footer)
        let undrawn = try t.waitFor("Tab切换  t重新提交  c市级  Esc返回  F1帮助")
        #expect(!undrawn.contains("（d 抽样）"))

        // The supervisor draws from the command line: the clerk's open screen follows, without the names
        #expect(try cli.run(as: supervisor, "evaluate", "draw", "3", "--seed", "5").status == 0)
        let shown = try t.waitFor("（名单签署后公开）")
        #expect(shown.contains("已抽3人") && shown.contains("（签署后公开）"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(as: supervisor, "evaluate", "show", "--json").stdout.utf8)) as? [String: Any])
        let sampled = try #require((json["sample"] as? [String: Any])?["persons"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(sampled.count == 3)
        for name in sampled { #expect(!shown.contains(name), "\(name)") }
        // Nor in the clerk's command line
        let clerkShow = try cli.run("evaluate", "show").stdout
        for name in sampled { #expect(!clerkShow.contains(name), "\(name)") }
        #expect(!clerkShow.contains("种子 5"))

        // The supervisor's screen is open when the checks are recorded elsewhere: it follows, and S asks at once
        try t.respawn(boss, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("核实 0/3")
        for position in 1...3 { #expect(try cli.run(as: supervisor, "evaluate", "check", String(position), "属实").status == 0) }
        try t.waitFor("核实 3/3")
        try t.press("S")
        try t.waitFor("签署后本社区的台账将被锁定")
        try t.press("Enter")
        try t.waitFor("已签署锁定：\(supervisor)")

        // Signed: the clerk sees which records were drawn
        try t.respawn(clerk, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        let signed = try t.waitFor("随机抽样 种子 5")
        for name in sampled { #expect(signed.contains(name), "\(name)") }
    }
}
