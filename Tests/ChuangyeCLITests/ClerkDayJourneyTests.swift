import Foundation
import LedgerCore
import Testing

/// A clerk's day at the window, in a real terminal at 80×24 (issue 17's guard): first-run profile, five persons
/// each entered with a kind of mistake and corrected on screen, each served at once, activities, a draft kept
/// across a restart, a filter that matches nothing, a correction from the checks screen, delete and restore, and
/// the score on home equal to `chuangye score --json` and `check`.
@Suite(.serialized)
struct ClerkDayJourneyTests {
    let cli: CLI
    var environment: [String: String] { ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"] }
    var app: [String] { [CLI.binary.path, "--operator", "王芳"] }

    init() throws { cli = try CLI() }

    /// A valid number of a person born on the given day in 630102, with a serial.
    static func idNumber(_ birth: String, serial: Int) -> String {
        let body = "630102" + birth + String(format: "%03d", serial)
        return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
    }

    static var today: String {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    let liuYi = idNumber("19900307", serial: 109)
    let chenEr = idNumber("19910203", serial: 301)
    let zhangSan = idNumber("19920304", serial: 401)
    let liSi = idNumber("19930405", serial: 551)
    let wangWu = idNumber("19940506", serial: 661)

    /// Types a person's first page up to 创业状态; the caller finishes (and makes its mistake) from there.
    func typeBasics(_ t: TmuxTerminal, name: String, id: String, phone: String = "13912345678") throws {
        try t.type(name); try t.press("Tab")
        try t.type(id); try t.press("Tab")
        try t.type("dz"); try t.press("Tab")
        try t.type("cz"); try t.press("Tab")
        try t.type(phone); try t.press("Tab")
        try t.type("其他"); try t.press("Tab")
    }

    @Test func aDayAtTheWindow() throws {
        defer { cli.cleanup() }
        let t = try TmuxTerminal(app, environment: environment, width: 80, height: 24)

        // First run: the profile, with its checklist page.
        try t.waitFor("欢迎使用创业台账。请先建立社区档案。")
        try t.type("630102001001"); try t.press("Tab")
        try t.type("八一路社区"); try t.press("Tab")
        try t.type("八一路街道"); try t.press("Tab")
        try t.type("城东区"); try t.press("Tab", "Tab")
        try t.type("60"); try t.press("Tab", "Tab", "Tab")
        try t.type("马主任"); try t.press("Tab")
        try t.type("0971-6123456"); try t.press("Tab")
        try t.waitFor("[2 自评")
        try t.type("yclb"); try t.press("Tab")
        try t.type("2"); try t.press("Tab")
        try t.press("F2")
        try t.waitFor("已保存社区档案：八一路社区")
        try t.waitFor("摸底登记 0 人")

        // 1 刘一: a wrong check digit, corrected.
        try t.press("1")
        try t.waitFor("[1 基本信息]")
        let wrongDigit = String(liuYi.dropLast()) + (liuYi.last == "0" ? "1" : "0")
        try typeBasics(t, name: "刘一", id: wrongDigit)
        try t.type("有"); try t.press("Tab")
        try t.press("F3")
        try t.waitFor("有错误，不能保存。公民身份号码：公民身份号码校验不符")
        try t.press("C-u"); try t.type(liuYi); try t.press("F3")
        try t.waitFor("已保存：刘一（630102********\(liuYi.suffix(4))）")

        // 2 陈二: an ambiguous status (yc) is refused on Tab and picked from the list.
        try typeBasics(t, name: "陈二", id: chenEr)
        try t.type("yc"); try t.press("Tab")
        try t.waitFor("创业状态“yc”不唯一，可能是：有创业意愿、已创业")
        try t.press("Down"); try t.press("Tab")
        try t.waitFor("*创业状态 ✓ 有创业意愿")
        try t.press("F3")
        try t.waitFor("已保存：陈二")

        // 3 张三: 刘一's number typed by mistake: a duplicate, caught before saving.
        try typeBasics(t, name: "张三", id: liuYi)
        try t.waitFor("*公民身份号码 ✗ \(liuYi)")
        try t.type("有"); try t.press("Tab")
        try t.press("F3")
        try t.waitFor("有错误，不能保存。公民身份号码")
        try t.press("C-u"); try t.type(zhangSan); try t.press("F3")
        try t.waitFor("已保存：张三")

        // 4 李四: a phone number too short, corrected.
        try typeBasics(t, name: "李四", id: liSi, phone: "1391234")
        try t.type("有"); try t.press("Tab")
        try t.press("F3")
        try t.waitFor("有错误，不能保存。联系电话")
        try t.press("C-u"); try t.type("13812345678"); try t.press("F3")
        try t.waitFor("已保存：李四")

        // 5 王五: a survey date in the future, corrected.
        try typeBasics(t, name: "王五", id: wangWu)
        try t.type("有"); try t.press("Tab")
        try t.type("2099-01-01"); try t.press("Tab")
        try t.press("F2")
        try t.waitFor("有错误，不能保存。摸底日期")
        try t.press("C-u"); try t.type(Self.today); try t.press("Enter")
        try t.press("F2")
        try t.waitFor("已保存：王五")
        try t.waitFor("摸底登记 5 人")

        // Each new person is served at once: by initials, then by the last four digits of the number.
        try t.press("2")
        try t.waitFor("创业服务记录")
        for (query, name) in [("ly", "刘一"), ("ce", "陈二"), ("zs", "张三"), (String(liSi.suffix(4)), "李四"), (String(wangWu.suffix(4)), "王五")] {
            try t.type(query)
            try t.waitFor(name)
            try t.press("Tab")
            try t.waitFor("*服务对象 ✓")
            try t.press("Tab")
            try t.type("创业指导"); try t.press("Tab", "Tab")
            try t.type("讲解开业流程和补贴政策"); try t.press("F3")
            try t.waitFor("已保存：\(name)")
        }
        try t.press("Escape")
        try t.waitFor("服务记录 5 条")

        // Activities.
        for title in ["创业政策宣传进社区", "创业大讲堂", "创业项目推介会"] {
            try t.press("3")
            try t.waitFor("创建工作记录")
            try t.press("Tab")
            try t.type("宣传活动"); try t.press("Tab")
            try t.type(title); try t.press("Tab")
            try t.type("30"); try t.press("F2")
            try t.waitFor("已保存：宣传活动：\(title)")
        }
        try t.waitFor("工作记录 3 条")

        // A draft left, the app closed, the draft back after the restart.
        try t.press("1")
        try t.type("钱九"); try t.press("Tab")
        try t.press("Escape")
        try t.waitFor("离开表单")
        try t.press("Enter")
        try t.press("q"); try t.waitFor("确定退出"); try t.press("Enter")
        try t.waitUntilExited()
        try t.respawn(app, environment: environment)
        try t.waitFor("未保存的草稿（1份）")
        try t.press("Enter")
        try t.waitFor("已恢复草稿：创业摸底登记：钱九")
        try t.press("Escape"); try t.press("Enter")
        try t.waitFor("摸底登记 5 人")

        // A record with a warning (imported), corrected from the checks screen.
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let zhaoLiu = Self.idNumber("19800101", serial: 201)
        let csv = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,经营主体名称,主体类型,营业执照登记日期,带动就业人数\n"
            + "赵六,\(zhaoLiu),大专,城镇,13912345670,其他,已创业,\(year)-01-02,赵六商店,个体工商户,\(year - 8)-06-01,2\n"
        let imported = try cli.run("import", "survey", cli.write("w.csv", csv))
        #expect(imported.status == 0, "\(imported.stderr)")
        try t.press("5")
        try t.waitFor("营业执照登记已满5年")
        try t.press("Enter")
        try t.waitFor("正在修改第6号记录")
        try t.press("C-u"); try t.type("\(year)-06-01"); try t.press("Tab")
        try t.press("F2")
        try t.waitFor("没有发现问题")
        try t.press("Escape")

        // Browse: a filter that matches nothing shows nothing; delete and restore.
        try t.press("4")
        try t.waitFor("[摸底台账]")
        try t.press("w"); try t.type("2020"); try t.press("Enter")
        try t.waitFor("没有符合条件的记录")
        try t.press("w"); try t.press("C-u"); try t.press("Enter")
        try t.waitFor("刘一")
        try t.press("D")
        try t.waitFor("删除记录")
        try t.type("录入重复"); try t.press("Enter")
        try t.waitFor("已删除第1号记录")
        try t.press("x")
        try t.waitFor("刘一")
        try t.press("r")
        try t.waitFor("已恢复第1号记录")
        try t.press("Escape")

        // Home's score equals the command line's, and home's summary agrees with check.
        let home = try t.waitFor("总分")
        let score = try cli.run("score", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"])
        #expect(home.contains("总分 \(total) / 100"), "home: \(home)\nscore: \(score.stdout)")
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("错误0条，警告0条"))
        #expect(home.contains("各台账没有发现问题"))
        try t.press("q"); try t.waitFor("确定退出"); try t.press("Enter")
        try t.waitUntilExited()
    }
}
