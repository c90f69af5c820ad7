import Foundation
import LedgerCore
import Testing

/// The gaps a clerk's day on the demo ledger found, walked again in a real terminal at 80×24: a labour force typo
/// asks for a reason, an impossible 带动就业人数 is refused, a name typed too long is said to be cut, quitting over
/// a form says its draft is kept, and the kept draft is thrown away only when the clerk says so.
@Suite(.serialized)
struct ClerkGapsJourneyTests {
    let cli: CLI
    var environment: [String: String] { ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"] }
    var app: [String] { [CLI.binary.path, "--operator", "王芳"] }

    init() throws { cli = try CLI() }

    @Test func theGapsAClerkFoundAreSaid() throws {
        defer { cli.cleanup() }
        #expect(try cli.run("demo").status == 0)
        let t = try TmuxTerminal(app, environment: environment, width: 80, height: 24)
        try t.waitFor("城镇劳动者 900 人")

        // 900 typed as 90: a warning, saved only with a reason.
        try t.press("6")
        try t.waitFor("社区档案")
        try t.press("Tab", "Tab", "Tab", "Tab", "Tab")
        try t.press("C-u"); try t.type("90"); try t.press("F2")
        try t.waitFor("城镇劳动者总数由900改为90，相差10倍以上")
        try t.type("已核实"); try t.press("Enter")
        try t.waitFor("已保存社区档案")
        try t.waitFor("城镇劳动者 90 人")

        // 带动就业人数 99999: an error no reason waves through.
        let id = ClerkDayJourneyTests.idNumber("19900307", serial: 901)
        try t.press("1")
        try t.waitFor("[1 基本信息]")
        try t.type("阿卜杜热合曼·买买提艾力·司马义阿不都热西提·吐尔逊托合提阿依阿提")
        try t.press("Tab")
        try t.waitFor("姓名最多30个字：多输入的3个字未录入，请核对")
        try t.press("BTab"); try t.press("C-u"); try t.type("赵敏"); try t.press("Tab")
        try t.type(id); try t.press("Tab")
        try t.type("dz"); try t.press("Tab")
        try t.type("cz"); try t.press("Tab")
        try t.type("13912345678"); try t.press("Tab")
        try t.type("其他"); try t.press("Tab")
        try t.type("ycy"); try t.press("Tab")
        try t.press("PageDown")
        try t.waitFor("[2 创业情况]")
        try t.waitFor("带动就业人数")
        try t.press("Tab", "Tab", "Tab")
        try t.type("赵敏小吃店"); try t.press("Tab")
        try t.type("个体"); try t.press("Tab")
        try t.press("Tab")
        try t.type("2024-06-01"); try t.press("Tab")
        try t.type("99999"); try t.press("F2")
        try t.waitFor("带动就业人数99999人不可能（社区初期创业者至多带动1000人），请核对")

        // Quitting over the form: its draft is kept, and the next start offers it.
        try t.press("C-c")
        try t.waitFor("草稿已保留，下次启动时会提示恢复")
        try t.press("y")
        try t.waitUntilExited()
        try t.respawn(app, environment: environment)
        try t.waitFor("未保存的草稿（1份）")
        try t.press("d")
        try t.waitFor("放弃草稿“创业摸底登记：赵敏”？")
        try t.press("n")
        try t.waitFor("▶ 创业摸底登记：赵敏")
        try t.press("d"); try t.press("y")
        try t.waitFor("已放弃草稿：创业摸底登记：赵敏")
    }
}
