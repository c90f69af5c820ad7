import Foundation
import Testing

/// Drives the built `chuangye` binary exactly as a user would, in a fresh temporary directory.
struct CLI {
    let dir: URL
    let db: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("ledger.sqlite").path
    }

    static var binary: URL {
        // CI runs the end-to-end tests on the binary that ships (`CHUANGYE_BINARY`, the release build; .ci/run).
        if let shipped = ProcessInfo.processInfo.environment["CHUANGYE_BINARY"], !shipped.isEmpty { return URL(fileURLWithPath: shipped) }
        // The test bundle sits next to the products in .build/<config>/.
        var url = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = url.appendingPathComponent("chuangye")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/chuangye")
    }

    /// `chuangye-bench` (the fault driver and the measurements), built beside the binary under test.
    static var benchBinary: URL { binary.deletingLastPathComponent().appendingPathComponent("chuangye-bench") }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    func run(_ args: String...) throws -> Output {
        try launch(CLI.binary, args + ["--db", db, "--operator", "王芳"])
    }

    /// Runs a program in this test's directory with a UTF-8 locale (and `environment`'s changes; nil removes a
    /// variable), collecting its exit status and output: one launcher for every way the tests run the binary.
    func launch(_ executable: URL, _ arguments: [String], environment changes: [String: String?] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        for (name, value) in changes { env[name] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: false, encoding: .utf8) // atomic writes leave TemporaryDirectory.* behind on Linux
        return path
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }
}

let profile = """
[community]
code = "630102001"
name = "八一路社区"
street = "八一路街道"
district = "城东区"
level = "社区"            # or 街道
labour_force = 40
period = "2024-01-01..2024-12-31"
[checklist]
leading_group = 2         # must be one of that item's allowed levels
service_window = 2
"""

let surveyCSV = """
姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,参加创业培训,培训类型,培训结业日期,培训合格,合格证书编号,经营主体名称,主体类型,营业执照登记日期,带动就业人数
张三,630102199003070116,大专,城镇,13912345678,登记失业人员,有创业意愿,2024-03-15,是,SYB,2024/5/20,是,SYB2024001,,,,0
李四,63010219880412022x,本科,农村,0971-6123456,返乡入乡创业人员、退役军人,已创业,2024年3月1日,否,,,,,"李四餐馆,城东店",个体工商户,20230601,4
王梅,630102197506150047,高中,城镇,+8613800001111,其他,有创业意愿,20240401,否,,,,,,,,0

"""

let serviceCSV = """
服务日期,公民身份号码,服务类型,服务方式,服务内容
2024-04-02,630102199003070116,政策咨询,窗口,讲解首次创业补贴
2024-06-02,630102199003070116,创业指导,上门,指导编写创业计划书
2024-06-03,63010219880412022X,融资服务,电话,介绍创业担保贷款
"""

struct CLIEndToEndTests {
    @Test func initImportScoreCheckExportReimport() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let init1 = try cli.run("init", "--profile", cli.write("p.toml", profile))
        #expect(init1.status == 0, "\(init1.stderr)")
        #expect(init1.stdout.contains("已建立社区档案：八一路社区"))

        let imported = try cli.run("import", "survey", cli.write("s.csv", surveyCSV))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("已导入3行"))
        #expect(try cli.run("import", "service", cli.write("v.csv", serviceCSV)).status == 0)

        let score = try cli.run("score", "--json")
        #expect(score.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        #expect(json["rubric"] as? String == "xining-community")
        #expect(json["community"] as? String == "630102001")
        #expect(json["period"] as? String == "2024-01-01..2024-12-31")
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.count == 18)
        let participation = try #require(items.first { $0["id"] as? String == "participation_rate" })
        // 张三 (services, training) and 李四 (a service) participate: 2 of 40 = 5% < 7%.
        #expect(participation["measured"] as? String == "5%（2/40）")
        #expect(participation["points"] as? Double == 0)
        let jobs = try #require(items.first { $0["id"] as? String == "jobs_index" })
        #expect(jobs["points"] as? Double == 15)
        #expect(Set(items[0].keys) == ["id", "title", "points", "max", "source", "measured", "threshold", "explanation"])

        let table = try cli.run("score")
        #expect(table.stdout.contains("总分") && table.stdout.contains("※推荐入园孵化"))

        let check = try cli.run("check")
        #expect(check.status == 0)
        #expect(check.stdout.contains("错误0条"))

        let exportPath = cli.dir.appendingPathComponent("out.csv").path
        #expect(try cli.run("export", "survey", exportPath).status == 0)
        let exportedBytes = try Data(contentsOf: URL(fileURLWithPath: exportPath))
        #expect(exportedBytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("姓名,公民身份号码".utf8)))
        let exported = String(decoding: exportedBytes, as: UTF8.self)
        #expect(exported.contains("\"李四餐馆,城东店\""))

        // Re-import into a second community gives the same records.
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "南关社区")
        #expect(try cli.run("init", "--profile", cli.write("p2.toml", second)).status == 0)
        let reimport = try cli.run("import", "survey", exportPath, "--community", "630102002")
        #expect(reimport.status == 0, "\(reimport.stderr)")
        // The same people in another community are flagged, not refused.
        #expect(reimport.stderr.contains("此人已在八一路社区（630102001）登记"))
        let again = cli.dir.appendingPathComponent("again.csv").path
        #expect(try cli.run("export", "survey", again, "--community", "630102002").status == 0)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: again)), as: UTF8.self) == exported)
    }

    @Test func badFileLeavesTheDatabaseUntouchedAndListsEveryBadRow() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        let bad = surveyCSV.replacingOccurrences(of: "630102199003070116", with: "630102199003070117")
            .replacingOccurrences(of: "0971-6123456", with: "12345")
        let result = try cli.run("import", "survey", cli.write("bad.csv", bad))
        #expect(result.status == 1)
        #expect(result.stderr.contains("第2行 公民身份号码: 公民身份号码校验不符，请对照证件逐位核对"))
        #expect(result.stderr.contains("第3行 联系电话:"))
        #expect(result.stderr.contains("未写入任何数据"))
        let exportPath = cli.dir.appendingPathComponent("empty.csv").path
        try cli.run("export", "survey", exportPath)
        #expect(try String(contentsOfFile: exportPath, encoding: .utf8).split(separator: "\r\n").count == 1)

        let skipped = try cli.run("import", "survey", cli.dir.appendingPathComponent("bad.csv").path, "--skip-invalid")
        #expect(skipped.status == 1)
        #expect(skipped.stdout.contains("已导入1行"))
        let rejected = try String(contentsOfFile: cli.dir.appendingPathComponent("bad.csv.rejected.csv").path, encoding: .utf8)
        #expect(rejected.contains("错误原因") && rejected.contains("校验不符"))
    }

    /// The rejected rows are written as read, every character of every field (the last one included), under the
    /// register's own header: corrected, the file imports back whole.
    @Test func rejectedRowsImportBackWhenCorrected() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        let header = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,备注"
        let bad = header + "\n" + "张三,630102199003070117,大专,城镇,13912345678,登记失业人员,有创业意愿,2024-03-15,\"需要场地,资金\"\n"
            + "李四,63010219880412022X,本科,农村,0971-6123456,其他,有创业意愿,2024-03-01,无\n"
            + "王梅,630102197506150048,高中,城镇,13800001111,其他,有创业意愿,2024-04-01,家住三楼需上门服务\n"
        let skipped = try cli.run("import", "survey", cli.write("bad.csv", bad), "--skip-invalid")
        #expect(skipped.status == 1 && skipped.stdout.contains("已导入1行"), "\(skipped.stdout)\(skipped.stderr)")
        let path = cli.dir.appendingPathComponent("bad.csv.rejected.csv").path
        let rejected = try String(contentsOfFile: path, encoding: .utf8)
        let lines = rejected.components(separatedBy: "\r\n")
        let exported = cli.dir.appendingPathComponent("empty.csv").path
        try cli.run("export", "survey", exported)
        let registerHeader = try String(contentsOfFile: exported, encoding: .utf8).components(separatedBy: "\r\n")[0]
        #expect(lines.first == registerHeader + ",原始行号,错误原因")
        #expect(lines.count == 4 && lines[1].contains(",\"需要场地,资金\",2,") && lines[2].contains(",家住三楼需上门服务,4,"), "\(lines)")
        // Corrected, the file imports back with every field
        let corrected = rejected.replacingOccurrences(of: "630102199003070117", with: "630102199003070116")
            .replacingOccurrences(of: "630102197506150048", with: "630102197506150047")
        let again = try cli.run("import", "survey", cli.write("fixed.csv", corrected))
        #expect(again.status == 0 && again.stdout.contains("已导入2行"), "\(again.stdout)\(again.stderr)")
        try cli.run("export", "survey", cli.dir.appendingPathComponent("all.csv").path, "--force")
        let all = try String(contentsOfFile: cli.dir.appendingPathComponent("all.csv").path, encoding: .utf8)
        #expect(all.contains("\"需要场地,资金\"") && all.contains("家住三楼需上门服务") && all.contains(",无"), "\(all)")
    }

    @Test func gb18030FileIsDetected() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        let src = try cli.write("utf8.csv", surveyCSV)
        let dst = cli.dir.appendingPathComponent("gb.csv")
        FileManager.default.createFile(atPath: dst.path, contents: nil)
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", src]
        iconv.standardOutput = try FileHandle(forWritingTo: dst)
        try iconv.run()
        iconv.waitUntilExit()
        let result = try cli.run("import", "survey", dst.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("编码：GB18030"))
    }

    @Test func usageErrorsExitWithTwoAndDataErrorsWithOne() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("import", "nonsense", "x.csv").status == 2)
        // No ledger yet: said, and no empty file is left where a mistyped --db pointed
        let none = try cli.run("score")
        #expect(none.status == 2 && none.stderr.contains("数据库文件不存在"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        let wrongLevel = profile.replacingOccurrences(of: "leading_group = 2", with: "leading_group = 1.5")
        let result = try cli.run("init", "--profile", cli.write("bad.toml", wrongLevel))
        #expect(result.status == 1)
        #expect(result.stderr.contains("[checklist] 成立创建工作领导小组 = 1.5 不是允许的分值，应为：2（已成立并切实履职）、1（已成立但未达标）、0（未成立）"))
        // The key may be the item's name as the 评分表 prints it
        let byName = profile.replacingOccurrences(of: "leading_group = 2", with: "\"成立创建工作领导小组\" = 1")
        #expect(try cli.run("init", "--profile", cli.write("named.toml", byName)).status == 0)
        #expect(try cli.run("import", "survey", "/nonexistent.csv").status == 1)
    }

    /// `--community` picks one of several communities; a wrong or missing code lists them.
    @Test func communityIsChosenByCodeAndAWrongCodeListsTheCommunities() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        try cli.run("init", "--profile", cli.write("p2.toml", profile.replacingOccurrences(of: "630102001", with: "630102002")
                                                                .replacingOccurrences(of: "八一路社区", with: "火车站社区")))
        let file = try cli.write("s.csv", surveyCSV)
        let wrong = try cli.run("import", "survey", file, "--community", "630102009")
        #expect(wrong.status == 2 && wrong.stderr.contains("找不到社区代码 630102009。已有：630102001 八一路社区、630102002 火车站社区"))
        let missing = try cli.run("import", "survey", file)
        #expect(missing.status == 2 && missing.stderr.contains("数据库中有2个社区，请用 --community 指定"))
        let chosen = try cli.run("import", "survey", file, "--community", "630102002")
        #expect(chosen.status == 0 && chosen.stdout.contains("火车站社区（630102002）"), "\(chosen.stderr)")
    }

    @Test func helpIsInChinese() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let help = try cli.run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("创业台账") && help.stdout.contains("import") && help.stdout.contains("从CSV或Excel（.xlsx）文件导入台账"))
    }
}

struct DemoCommandTests {
    @Test func demoCreatesAValidPopulatedCommunityOnce() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let first = try cli.run("demo")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("已建立演示社区"))
        let check = try cli.run("check", "--json")
        #expect(check.status == 0)
        // Consistent data: no error, no warning, nothing accepted (services come after their person's survey)
        #expect((try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [Any])?.isEmpty == true, "\(check.stdout)")
        let score = try cli.run("score", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        #expect((json["total"] as? Double ?? 0) > 20)
        #expect(try cli.run("demo").status == 1) // already there
    }
}

struct UserCommandTests {
    @Test func registeredClerkCannotImportIntoAnotherCommunity() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002")
        try cli.run("init", "--profile", cli.write("p2.toml", second))
        // Only a supervisor manages operators, and the first one registered must be a supervisor.
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "王芳", "--community", "630102002").status == 0)
        #expect(try cli.run("user", "list").stdout.contains("王芳\t窗口人员\t630102002"))
        // The CLI helper runs as 王芳.
        let refused = try cli.run("import", "survey", cli.write("s.csv", surveyCSV), "--community", "630102001")
        // Only a supervisor can grant it on a SQLite ledger: the refusal says so, with the communities 王芳 keeps
        #expect(refused.status == 1 && refused.stderr.contains(
            "无权修改社区630102001的数据（只读）。请由督导授权：chuangye user add 王芳 --community 630102002 --community 630102001（chuangye user list 列出督导）。"),
            "\(refused.stderr)")
        #expect(try cli.run("import", "survey", cli.dir.appendingPathComponent("s.csv").path, "--community", "630102002").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "李娜").status == 2) // a clerk needs a community
    }

    @Test func historyListsImportsAndChangesAndBackupMakesAUsableCopy() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        try cli.run("import", "survey", cli.write("s.csv", surveyCSV))
        let recent = try cli.run("history")
        #expect(recent.status == 0)
        #expect(recent.stdout.contains("王芳  导入  创业摸底统计台账 第1-"))
        #expect(recent.stdout.contains("来源文件：s.csv"))
        #expect(recent.stdout.contains("社区名称：（空） → 八一路社区"))
        let one = try cli.run("history", "survey", "1", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.first?["action"] as? String == "import")
        #expect(try cli.run("history", "survey", "999").status == 1)
        #expect(try cli.run("history", "survey").status == 2)

        let copy = cli.dir.appendingPathComponent("backup.sqlite").path
        let made = try cli.run("backup", copy)
        #expect(made.status == 0 && made.stdout.contains("校验通过"))
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
        let original = try cli.run("score", "--json").stdout
        let restored = Process()
        restored.executableURL = CLI.binary
        restored.arguments = ["score", "--json", "--db", copy, "--operator", "王芳"]
        let pipe = Pipe()
        restored.standardOutput = pipe
        try restored.run()
        let fromCopy = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        restored.waitUntilExit()
        #expect(!original.isEmpty && fromCopy == original)
        let again = try cli.run("backup", copy)
        #expect(again.status == 1 && again.stderr.contains("已存在"))
    }
}
