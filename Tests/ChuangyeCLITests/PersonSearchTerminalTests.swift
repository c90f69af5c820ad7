import Foundation
import Testing

extension TerminalAppTests {
    /// A clerk serves imported persons by the last four ID digits the lists show and by a surname's own reading,
    /// sees whom the service names, and finds the service again from the service register's `/` (issue 17.7-9).
    @Test func servingByTheLastFourDigitsAndFindingTheServiceAgain() throws {
        defer { cli.cleanup() }
        let csv = surveyCSV.replacingOccurrences(of: "王梅,", with: "曾梅,")
        #expect(try cli.run("import", "survey", cli.write("s.csv", csv)).status == 0)
        let t = try TmuxTerminal(app, environment: environment, width: 80, height: 24)
        try t.waitFor("新增摸底登记")
        try t.press("2")
        try t.waitFor("服务对象")
        try t.type("0116")                     // 张三, 630102199003070116
        try t.waitFor("张三  630102********0116")
        #expect(!t.screen.contains("应为18位"))
        try t.press("Tab")
        try t.waitFor("630102199003070116  张三")
        try t.type("2024-06-05"); try t.press("Tab")
        try t.type("zd"); try t.press("Tab")    // 创业指导
        try t.type("ck"); try t.press("Tab")    // 窗口
        try t.type("讲解场地补贴申请流程"); try t.press("F2")
        try t.waitFor("已保存：张三")
        try t.press("4")
        try t.waitFor("[摸底台账]")
        try t.press("/")
        try t.type("zm")                       // 曾梅 read as Zeng
        try t.waitFor("曾梅")
        try t.press("Escape", "Tab")
        try t.waitFor("[服务台账]")
        try t.press("/")
        try t.type("场地补贴")
        try t.waitFor("搜索：场地补贴")
        try t.waitFor("张三")
        try t.type("申报")
        try t.waitFor("（没有匹配的记录）")
    }
}
