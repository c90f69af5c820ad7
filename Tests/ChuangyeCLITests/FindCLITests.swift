import Foundation
import Testing

/// `chuangye find` as a supervisor's or clerk's script reads it: every community of the district, grouped,
/// masked where the operator may not change the community.
struct FindCLITests {
    /// Three communities: 八一路社区 (the end-to-end survey), 南关社区 on the same street, 凤凰山社区 on 南山街道.
    static func district() throws -> CLI {
        let cli = try CLI()
        let south = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "南关社区")
        let far = profile.replacingOccurrences(of: "630102001", with: "630102101").replacingOccurrences(of: "八一路社区", with: "凤凰山社区")
            .replacingOccurrences(of: "八一路街道", with: "南山街道")
        for (file, text) in [("p1.toml", profile), ("p2.toml", south), ("p3.toml", far)] {
            #expect(try cli.run("init", "--profile", cli.write(file, text)).status == 0)
        }
        let header = surveyCSV.split(separator: "\n")[0]
        let imports = [("630102001", surveyCSV),
                       ("630102002", "\(header)\n张三,630102198501010138,大专,城镇,13912345670,登记失业人员,有创业意愿,2024-03-15,否,,,,,,,,0\n"),
                       ("630102101", "\(header)\n张山,630102199202020218,大专,城镇,13912345671,登记失业人员,有创业意愿,2024-03-15,否,,,,,,,,0\n")]
        for (code, csv) in imports {
            let imported = try cli.run("import", "survey", cli.write("s-\(code).csv", csv), "--community", code)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        // A supervisor, and 王芳 a clerk of the first community only
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "王芳", "--community", "630102001").status == 0)
        return cli
    }

    @Test func aClerkFindsPersonsOfEveryCommunityWithOtherCommunitiesNumbersMasked() throws {
        let cli = try Self.district()
        defer { cli.cleanup() }
        let byName = try cli.run("find", "张三")
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == """
            在全区找到2人（2个社区）：“张三”
            八一路社区（630102001，八一路街道）
              张三      630102199003070116  有创业意愿
            南关社区（630102002，八一路街道）
              张三      630102********0138  有创业意愿

            """, "\(byName.stdout)")
        // Initials reach 张山 too; a street narrows; the last four digits find the one person
        let initials = try cli.run("find", "zs")
        #expect(initials.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }.count == 3, "\(initials.stdout)")
        #expect(try cli.run("find", "zs", "--street", "南山街道").stdout == """
            在南山街道找到1人（1个社区）：“zs”
            凤凰山社区（630102101，南山街道）
              张山      630102********0218  有创业意愿

            """)
        #expect(try cli.run("find", "0138").stdout.contains("南关社区（630102002，八一路街道）\n  张三      630102********0138"))
        // The supervisor sees every number in full
        let full = try cli.run(as: CLI.systemUser, "find", "zs")
        #expect(full.stdout.contains("630102198501010138") && full.stdout.contains("630102199202020218") && !full.stdout.contains("*"))
        // --limit cuts and says so
        let cut = try cli.run("find", "zs", "--limit", "1")
        #expect(cut.stdout.hasSuffix("只显示前1人：还有更多，请输入更多内容缩小范围，或用 --limit 显示更多\n"), "\(cut.stdout)")
        #expect(try cli.run("find", "王五").stdout == "在全区没有找到“王五”\n")
    }

    @Test func findAsJSONMarksMaskedNumbers() throws {
        let cli = try Self.district()
        defer { cli.cleanup() }
        let result = try cli.run("find", "张三", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["truncated"] as? Bool == false && json["query"] as? String == "张三")
        let groups = try #require(json["communities"] as? [[String: Any]])
        #expect(groups.map { $0["code"] as? String } == ["630102001", "630102002"])
        let persons = groups.compactMap { ($0["persons"] as? [[String: Any]])?.first }
        #expect(persons.map { $0["idNumber"] as? String } == ["630102199003070116", "630102********0138"])
        #expect(persons.map { $0["masked"] as? Bool } == [false, true])
    }

    @Test func anUnknownStreetOrAnEmptyTextIsRefusedInChinese() throws {
        let cli = try Self.district()
        defer { cli.cleanup() }
        let street = try cli.run("find", "张三", "--street", "不存在街道")
        #expect(street.status == 1)
        #expect(street.stderr.contains("找不到街道“不存在街道”。已有的街道：八一路街道、南山街道"), "\(street.stderr)")
        let empty = try cli.run("find", " ")
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("请给出要找的内容，如：chuangye find 张三"), "\(empty.stderr)")
    }

    @Test func helpIsChineseVerbatim() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let help = try cli.launch(CLI.binary, ["find", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout == """
            简介：在全区（或一个街道）的所有社区中查找人员

            按姓名、拼音首字母或身份证号（开头或后四位）查找，结果按社区分组。
            操作员无权修改的社区，身份证号遮盖显示。

            用法：chuangye find [--db <路径>] [--operator <姓名>] <内容> [--street <街道>] [--limit <人数>] [--json]

            参数：
              <内容>                  姓名、拼音首字母（如 zs）或身份证号

            选项：
              --db <路径>             数据库文件路径或 postgresql:// 地址（默认：
                                      $CHUANGYE_DB，否则
                                      $XDG_DATA_HOME/chuangye/ledger.sqlite）
              --operator <姓名>       操作员姓名，记入修改记录和填表人（默认：
                                      $CHUANGYE_OPERATOR，否则个人的系统用户名）
              --street <街道>         只在这个街道的社区中查找
              --limit <人数>          最多显示多少人（默认：50）
              --json                  以JSON格式输出
              --version               显示版本号
              -h, --help              显示帮助信息


            """, "\(help.stdout)")
    }
}
