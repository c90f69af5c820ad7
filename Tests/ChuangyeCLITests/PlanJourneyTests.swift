import Foundation
import LedgerCore
import Testing

/// The plan in a real terminal: open it, list the persons short of two services, serve one, and the plan shrinks.
@Suite(.serialized)
struct PlanJourneyTests {
    @Test func servingAPersonFromThePlanShrinksIt() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        let ids = [("19900307", 116), ("19880412", 221), ("19750615", 4)].map { ClerkDayJourneyTests.idNumber($0.0, serial: $0.1) }
        let csv = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期\n"
            + zip(["张三", "李四", "王梅"], ids).map { "\($0),\($1),大专,城镇,13912345678,其他,有创业意愿,\(year)-01-02" }.joined(separator: "\n") + "\n"
        let imported = try cli.run("import", "survey", cli.write("s.csv", csv))
        #expect(imported.status == 0, "\(imported.stderr)")

        let environment = ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        let t = try TmuxTerminal([CLI.binary.path, "--operator", "王芳"], environment: environment, width: 80, height: 24)
        try t.waitFor("7  评分计划")
        try t.press("7")
        try t.waitFor("评分计划：距考核期结束还有")
        // Down to the services step: its full text shows in the detail lines below the list.
        var found = false
        for _ in 0..<25 where !found {
            if t.screen.contains("补齐后得12分（+12）　工作量 6") { found = true } else { try t.press("Down"); Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(found, "\(t.screen)")
        try t.waitFor("3人本期服务不足2次，补齐后得12分（+12）")
        try t.press("Enter")
        try t.waitFor("本期服务不足2次的人员（共列出3条，Enter 为其新增服务记录）")
        try t.press("Enter")
        try t.waitFor("创业服务记录")
        try t.press("Tab"); try t.type("创业指导"); try t.press("Tab", "Tab")
        try t.type("讲解开业流程和补贴政策"); try t.press("F2")
        try t.waitFor("本期服务不足2次的人员（共列出3条")
        try t.press("Escape")
        // The person served once more still lacks a second service: the plan counts their services now.
        try t.waitFor("3人本期服务不足2次，补齐后得12分（+12）")
        try t.press("Enter")
        try t.waitFor("张三          630102********116X  1次")
        try t.press("Enter")
        try t.waitFor("创业服务记录")
        try t.press("Tab"); try t.type("政策咨询"); try t.press("Tab", "Tab")
        try t.type("讲解创业担保贷款申请"); try t.press("F2")
        try t.waitFor("本期服务不足2次的人员（共列出2条")
        try t.press("Escape")
        try t.waitFor("2人本期服务不足2次，补齐后得12分（+12）")
    }
}
