import Foundation
import Testing

/// Journeys through the terminal application in a real terminal.
@Suite(.serialized)
struct TerminalAppTests {
    let cli: CLI
    var environment: [String: String] { ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"] }
    var app: [String] { [CLI.binary.path, "--operator", "王芳"] }

    init() throws {
        cli = try CLI()
        let result = try cli.run("init", "--profile", cli.write("p.toml", profile))
        guard result.status == 0 else { throw TmuxTerminal.Failure(description: result.stderr) }
    }

    func enterPerson(_ t: TmuxTerminal, id: String) throws {
        try t.press("1")
        try t.waitFor("[1 基本信息]")
        try t.type("赵敏"); try t.press("Tab")
        try t.type(id); try t.press("Tab")
        try t.type("dz"); try t.press("Tab")
        try t.type("cz"); try t.press("Tab")
        try t.type("13700001234"); try t.press("Tab")
        try t.type("退役军人"); try t.press("Tab")
        try t.type("有"); try t.press("Tab")
        try t.type("2024-05-06"); try t.press("Tab")
    }

    @Test func enteringAPersonSavesTheRowAndChangesTheScore() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try t.waitFor("评分 5/100")
        try enterPerson(t, id: "630102200002290139")
        // The preview shows the score as if the draft were saved.
        try t.waitFor("评分 5→11 (+6)")
        try t.press("F2")
        try t.waitFor("已保存：赵敏（630102********0139）")
        try t.waitFor("摸底登记 1 人")
        try t.waitFor("评分 11/100")
        try t.press("q")
        try t.waitFor("确定退出")
        try t.press("Enter")
        try t.waitUntilExited()
        let exported = cli.dir.appendingPathComponent("out.csv").path
        #expect(try cli.run("export", "survey", exported).status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: exported)), as: UTF8.self)
        #expect(text.contains("赵敏,\t630102200002290139,男,2000-02-29,,大学专科,城镇,\t13700001234,,退役军人,有创业意愿,2024-05-06"))
    }

    @Test func wrongCheckDigitIsExplainedAndSavingIsRefused() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try enterPerson(t, id: "630102200002290130")
        try t.press("F2")
        try t.waitFor("有错误，不能保存。公民身份号码：公民身份号码校验不符，请对照证件逐位核对")
        try t.press("Escape")
        try t.waitFor("离开表单")
        try t.press("d")
        try t.waitFor("摸底登记 0 人")
    }

    @Test func hangupMidFormThenRestartOffersTheDraft() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try t.press("1")
        try t.waitFor("[1 基本信息]")
        try t.type("钱多多"); try t.press("Tab")
        try t.waitFor("✓ 钱多多")
        kill(t.panePid, SIGHUP)
        try t.waitUntilExited()
        try t.respawn(app, environment: environment)
        try t.waitFor("未保存的草稿（1份）")
        try t.waitFor("▶ 创业摸底登记：钱多多")
        try t.press("Enter")
        try t.waitFor("已恢复草稿：创业摸底登记：钱多多")
        try t.waitFor("*姓名 ✓ 钱多多")
    }

    @Test func tooSmallThenResizedBack() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try t.resize(width: 60, height: 20)
        try t.waitFor("终端窗口太小，请调整到至少 80×24")
        try t.resize(width: 100, height: 30)
        try t.waitFor("新增摸底登记")
        #expect(!t.screen.contains("终端窗口太小"))
    }
}

extension TerminalAppTests {
    @Test func searchOpenEditSaveHistoryUndo() throws {
        defer { cli.cleanup() }
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let t = try TmuxTerminal(app, environment: environment)
        try t.waitFor("新增摸底登记")
        try t.press("4")
        try t.waitFor("[摸底台账]")
        try t.press("/")
        try t.type("wm")                       // 王梅 by pinyin initials
        try t.waitFor("王梅")
        try t.press("Enter", "Enter")
        try t.waitFor("正在修改第3号记录")
        for _ in 0..<4 { try t.press("Tab") }
        try t.press("C-u")
        try t.type("13800138000")
        try t.press("F2")
        try t.waitFor("已保存：王梅")
        try t.waitFor("138****8000")
        try t.press("h")
        try t.waitFor("联系电话：13800001111 → 13800138000")
        try t.press("u")
        // One change of the clerk's, undone: nothing earlier to undo, and the message says so (it had offered u again)
        try t.waitFor("已撤销第3号记录的一次修改（已没有更早的修改可以撤销）")
        try t.waitFor("联系电话：13800138000 → 13800001111")
    }
}

extension TerminalAppTests {
    @Test func twoClerksInTwoProcessesOneWinsTheOtherIsTold() throws {
        defer { cli.cleanup() }
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let a = try TmuxTerminal([CLI.binary.path, "--operator", "王芳"], environment: environment)
        let b = try TmuxTerminal([CLI.binary.path, "--operator", "李娜"], environment: environment)
        for t in [a, b] {
            try t.waitFor("新增摸底登记")
            try t.press("4")
            try t.waitFor("[摸底台账]")
            try t.press("Enter")                 // record 1, 张三
            try t.waitFor("正在修改第1号记录")
            for _ in 0..<4 { try t.press("Tab") }  // 联系电话
        }
        try a.press("C-u"); try a.type("13800001111"); try a.press("F2")
        try a.waitFor("已保存：张三")
        try b.press("C-u"); try b.type("13900002222"); try b.press("F2")
        try b.waitFor("未保存：此记录已被他人修改（联系电话：13912345678→13800001111）")
        let exported = cli.dir.appendingPathComponent("after.csv").path
        #expect(try cli.run("export", "survey", exported).status == 0)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: exported)), as: UTF8.self)
        #expect(text.contains("\t13800001111") && !text.contains("13900002222"))
    }
}
