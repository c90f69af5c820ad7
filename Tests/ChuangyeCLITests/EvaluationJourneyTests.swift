import Foundation
import LedgerCore
import Testing

/// The evaluation procedure in a real terminal at 80×24 (issue 23): the clerk submits → the supervisor draws 10 and
/// marks two 不属实 → the clerk sees them → the supervisor signs → the clerk's next save is refused, naming the lock;
/// then the 市级考评: the supervisor recommends → the city supervisor draws its own sample, marks one 不属实 and signs
/// → the clerk's edit is still refused, naming the lock (and the city's signature).
@Suite(.serialized)
struct EvaluationJourneyTests {
    @Test func submitDrawCheckSignAndTheLockRefusesTheClerksSave() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        // Nine persons intending to start and three who have (two strata)
        let names = ["张三", "李四", "王梅", "赵敏", "钱进", "孙丽", "周强", "吴芳", "郑军", "冯雪", "陈亮", "褚红"]
        let rows = names.enumerated().map { i, name in
            let id = ClerkDayJourneyTests.idNumber("19900307", serial: 100 + i)
            let business = i < 9 ? "有创业意愿,\(year)-01-02,,," : "已创业,\(year)-01-02,\(name)小店,个体工商户,\(year)-01-02"
            return "\(name),\(id),大专,城镇,13912345678,其他,\(business)"
        }
        let csv = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,经营主体名称,主体类型,营业执照登记日期\n"
            + rows.joined(separator: "\n") + "\n"
        let imported = try cli.run("import", "survey", cli.write("s.csv", csv))
        #expect(imported.status == 0, "\(imported.stderr)")
        let supervisor = CLI.systemUser
        #expect(try cli.run(as: supervisor, "user", "add", supervisor, "--supervisor").status == 0)
        #expect(try cli.run(as: supervisor, "user", "add", "王芳", "--community", "630102001").status == 0)

        let environment = ["CHUANGYE_DB": cli.db, "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        let clerk = [CLI.binary.path, "--operator", "王芳"], boss = [CLI.binary.path, "--operator", supervisor]
        let t = try TmuxTerminal(clerk, environment: environment, width: 80, height: 24)
        func quit() throws {
            try t.press("Escape")
            try t.waitFor("4  浏览台账")
            try t.press("q")
            try t.waitFor("确定退出创业台账吗？")
            try t.press("y")
            try t.waitUntilExited()
        }
        // The clerk submits
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("尚未提交自评")
        try t.press("t")
        try t.waitFor("y/Enter 提交    Esc 取消")
        try t.press("y")
        try t.waitFor("已提交自评：自评总分")
        try quit()

        // The supervisor draws 10 (7.5 and 2.5 seats: 8 and 2) and finds two persons 不属实, the rest 属实
        try t.respawn(boss, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("初评未签署")
        try t.press("d")
        try t.waitFor("抽取人数（Enter 下一步，Esc 取消）")
        try t.type("10")
        try t.press("Enter")
        try t.waitFor("单独抽取的服务数（可为0，Enter 抽样）")
        try t.press("Enter")
        try t.waitFor("核实 0/10")
        try t.press("Tab")
        try t.waitFor("1属实 2不属实 3联系不上")
        try t.press("2")
        try t.waitFor("说明（必填，社区将看到")
        try t.type("本人称未参加培训")
        try t.press("Enter")
        try t.waitFor("已记录第1号：不属实")
        try t.press("Down", "2")
        try t.waitFor("说明（必填，社区将看到")
        try t.type("经营主体已注销")
        try t.press("Enter")
        try t.waitFor("已记录第2号：不属实")
        for position in 3...10 {
            try t.press("Down", "1")
            try t.waitFor("已记录第\(position)号：属实")
        }
        let checked = try t.waitFor("核实 10/10：不属实 2  联系不上 0  不符率 20%")
        #expect(checked.contains("有创业意愿 ") || checked.contains("已创业"))
        try quit()

        // The clerk sees the two records to correct, with the supervisor's notes
        try t.respawn(clerk, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("不属实 2")
        try t.press("Tab")
        try t.waitFor("（待社区更正）：本人称未参加培训")
        try t.press("Down")
        try t.waitFor("（待社区更正）：经营主体已注销")
        try quit()

        // The supervisor signs
        try t.respawn(boss, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("初评未签署")
        try t.press("S")
        try t.waitFor("签署后本社区的台账将被锁定")
        try t.press("Enter")
        try t.waitFor("已签署锁定：\(supervisor)")
        try quit()

        // The clerk sees the lock on home, and a new record is refused before it is typed, naming who signed
        try t.respawn(clerk, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.waitFor("［已锁定］")
        try t.press("3")
        try t.waitFor("台账已锁定（\(supervisor) \(year)")
        // The store refuses too, whatever the app says (a write from the command line)
        let refused = try cli.run("import", "activity", cli.write("late.csv", "日期,类型,名称,参与人数\n\(year)-05-01,宣传活动,创业政策宣讲,30\n"))
        #expect(refused.status == 1 && refused.stderr.contains("台账已锁定，不能修改：八一路社区（630102001）考核期 \(year)-01-01..\(year)-12-31"), "\(refused.stderr)")
        #expect(try cli.run("export", "activity", cli.dir.appendingPathComponent("a.csv").path).stdout.contains("已导出0条"))
        // (On home, Escape and q in quick succession read as Alt-q: the next session simply replaces this one.)

        // 市级考评: the district recommends its signed 初评
        #expect(try cli.run(as: supervisor, "user", "add", "市督导", "--city").status == 0)
        try t.respawn(boss, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("已签署锁定：\(supervisor)")
        try t.press("R")
        // The dialog names the entry conditions of 评选 the community does not meet before asking
        try t.waitFor("! 本社区未达到评选入围条件：")
        try t.waitFor("y/Enter 仍然推荐    Esc 取消")
        try t.press("Enter")
        try t.waitFor("已推荐参加市级考评")
        try t.waitFor("已推荐市级")
        try quit()

        // The city supervisor opens the candidate beside 自评 and 初评, draws its own sample, marks one 不属实, signs
        let city = [CLI.binary.path, "--operator", "市督导"]
        try t.respawn(city, environment: environment)
        try t.waitFor("4  浏览台账")
        try t.press("8")
        try t.waitFor("初评")
        try t.press("c")
        try t.waitFor("市级考评未开始")
        let beside = try t.waitFor("市级  差异")
        #expect(beside.contains("满分  自评  初评  市级"))
        try t.press("d")
        try t.waitFor("抽取人数（Enter 下一步，Esc 取消）")
        try t.type("3")
        try t.press("Enter")
        try t.waitFor("单独抽取的服务数（可为0，Enter 抽样）")
        try t.press("Enter")
        let drawn = try t.waitFor("核实 0/3")
        #expect(drawn.contains("市级抽样 种子 "))
        try t.press("Tab")
        try t.waitFor("1属实 2不属实 3联系不上")
        try t.press("2")
        try t.waitFor("说明（必填，社区将看到")
        try t.type("市级复核：本人已外出务工")
        try t.press("Enter")
        try t.waitFor("已记录市级抽查第1号：不属实")
        for position in 2...3 {
            try t.press("Down", "1")
            try t.waitFor("已记录市级抽查第\(position)号：属实")
        }
        try t.waitFor("核实 3/3：不属实 1")
        try t.press("S")
        try t.waitFor("只有市级督导可以解锁")
        try t.press("Enter")
        try t.waitFor("市级考评已签署：市督导")
        try quit()

        // The clerk's edit is still refused, naming the lock; the store names the city's signature too
        try t.respawn(clerk, environment: environment)
        try t.waitFor("［已锁定］")
        try t.press("3")
        try t.waitFor("台账已锁定（\(supervisor) \(year)")
        let late = try cli.run("import", "activity", cli.write("later.csv", "日期,类型,名称,参与人数\n\(year)-06-01,宣传活动,创业政策宣讲,30\n"))
        #expect(late.status == 1 && late.stderr.contains("市级考评已由市督导于\(year)"), "\(late.stderr)")
        #expect(late.stderr.contains("请市级督导解锁"))
        // And the district's supervisor can no longer unlock it
        let unlock = try cli.run(as: supervisor, "evaluate", "unlock", "--reason", "更正")
        #expect(unlock.status == 1 && unlock.stderr.hasPrefix("只有市级督导可以解锁市级考评已签署的台账"), "\(unlock.stderr)")
    }
}
