import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// `history` and `check` as a clerk's script reads them: one order for every history, and the same problem
/// records as the score.
struct HistoryAndCheckCLITests {
    @Test func historyOfOneRecordIsNewestFirstLikeTheCommunitysHistory() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        // Two edits of person 1 after its import
        let db = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        for phone in ["13800001111", "13800002222"] {
            let opened = try #require(try db.open(RecordRef(.survey, id: 1)))
            var fields = opened.fields
            fields["phone"] = phone
            _ = try db.savePerson(fields, community: "630102001", editing: opened.token, acceptedWarnings: opened.accepted)
        }
        let one = try cli.run("history", "survey", "1")
        #expect(one.status == 0, "\(one.stderr)")
        let headings = one.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(headings.count == 3)
        #expect(headings.first?.contains("修改") == true && headings.last?.contains("导入") == true, "\(one.stdout)")
        let newest = one.stdout.components(separatedBy: "13800001111 → 13800002222")
        let oldest = one.stdout.components(separatedBy: "13912345678 → 13800001111")
        #expect(newest.count == 2 && oldest.count == 2 && newest[0].count < oldest[0].count, "\(one.stdout)")
        // --limit keeps the newest
        let limited = try cli.run("history", "survey", "1", "--limit", "1")
        #expect(limited.stdout.contains("13800001111 → 13800002222") && !limited.stdout.contains("导入"))
        let all = try cli.run("history")
        #expect(all.stdout.split(separator: "\n").first?.contains("修改") == true, "\(all.stdout)")
    }

    @Test func checkAndScoreCountTheSameRecordsAfterAnActivityImport() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let story = String(repeating: "自主创业带动就业", count: 70)
        let activities = """
            日期,类型,名称,参与人数,关联人员身份证号,事迹材料
            2024-05-01,创业典型,李四餐馆,,63010219880412022X,\(story)
            2024-05-02,创业典型,未登记的典型,,630102199003070028,\(story)
            2024-05-03,宣传活动,政策宣讲,30,,

            """
        let imported = try cli.run("import", "activity", cli.write("a.csv", activities))
        #expect(imported.status == 0, "\(imported.stderr)")
        let check = try cli.run("check")
        let summary = try #require(check.stdout.split(separator: "\n").last)
        let score = try cli.run("score", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let complete = try #require(items.first { $0["id"] as? String == "records_complete" })
        let measured = try #require(complete["measured"] as? String)
        // measured reads 错误E，警告W; check's summary names the same records
        let figures = measured.replacingOccurrences(of: "错误", with: "").split(separator: "，").map { $0.replacingOccurrences(of: "警告", with: "") }
        #expect(figures.count == 2)
        #expect(summary.contains("有错误的记录\(figures[0])条，有未确认警告的记录\(figures[1])条"), "\(summary) / \(measured)")
        #expect(figures[1] == "1", "only the unregistered role model warns: \(check.stdout)")
    }

    /// A supervisor checks the whole district in one run: each community's problems named by community, its
    /// summary line, then the district's; exit 1 when any community has an error. Without --all or --community
    /// on a district the refusal offers both.
    @Test func checkAllChecksEveryCommunityAndSumsThem() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "东关社区")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("init", "--profile", cli.write("q.toml", second)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV), "--community", "630102001").status == 0)
        // A role model not in the register: a warning to name
        let story = String(repeating: "自主创业带动就业", count: 70)
        let activity = "日期,类型,名称,参与人数,关联人员身份证号,事迹材料\n2024-05-02,创业典型,未登记的典型,,630102199003070028,\(story)\n"
        #expect(try cli.run("import", "activity", cli.write("a.csv", activity), "--community", "630102001").status == 0)
        let unnamed = try cli.run("check")
        #expect(unnamed.status == 2)
        #expect(unnamed.stderr == "数据库中有2个社区，请用 --community 指定，或用 --all 检查全部社区：630102001 八一路社区、630102002 东关社区\n")
        let both = try cli.run("check", "--all", "--community", "630102001")
        #expect(both.status == 2 && both.stderr == "--all 与 --community 不能同时使用：--all 检查全部社区\n")

        let one = try cli.run("check", "--community", "630102001")
        let all = try cli.run("check", "--all")
        #expect(all.status == one.status)
        let lines = all.stdout.split(separator: "\n").map(String.init)
        // The first community's lines are the single check's, each problem prefixed with its name
        let first = one.stdout.split(separator: "\n").map(String.init)
        let prefixed = first.dropLast().map { "八一路社区 " + $0 } + [first.last ?? ""]
        #expect(Array(lines.prefix(prefixed.count)) == prefixed)
        #expect(Array(lines.dropFirst(prefixed.count)) == [
            "检查完毕：东关社区（630102002） 错误0条，警告0条，已确认的警告0条；有错误的记录0条，有未确认警告的记录0条",
            "全部2个社区检查完毕：错误\(first.filter { $0.hasPrefix("[错误]") }.count)条，警告\(first.filter { $0.hasPrefix("[警告]") }.count)条；"
                + "有错误的社区\(first.contains { $0.hasPrefix("[错误]") } ? 1 : 0)个",
        ])
        #expect(first.contains { $0.hasPrefix("[警告]") || $0.hasPrefix("[错误]") }, "the fixture has problems to name: \(one.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("check", "--all", "--json").stdout.utf8)) as? [[String: Any]])
        #expect(Set(json.compactMap { $0["community"] as? String }) == ["630102001"])
    }

    /// A supervisor reads the district's history in one list, newest first, each entry naming its community.
    @Test func historyAllListsEveryCommunitysChangesNewestFirst() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "东关社区")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("init", "--profile", cli.write("q.toml", second)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV), "--community", "630102002").status == 0)
        let unnamed = try cli.run("history")
        #expect(unnamed.status == 2 && unnamed.stderr.hasPrefix("数据库中有2个社区，请用 --community 指定，或用 --all 查看全部社区："))
        let all = try cli.run("history", "--all")
        #expect(all.status == 0, "\(all.stderr)")
        let heads = all.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).joined(separator: " ")
        }
        // (All three within one second: their order among themselves is not asserted.)
        #expect(Set(heads) == ["导入 东关社区 创业摸底统计台账 第1-3号", "新增 社区档案 东关社区", "新增 社区档案 八一路社区"], "\(all.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("history", "--all", "--json").stdout.utf8)) as? [[String: Any]])
        #expect(json.compactMap { $0["community"] as? String }.sorted() == ["630102001", "630102002", "630102002"])
        #expect(json.compactMap { $0["at"] as? String } == json.compactMap { $0["at"] as? String }.sorted(by: >))
        #expect(try cli.run("history", "--all", "--community", "630102001").status == 2)
        // An operator's registration is named as one, in Chinese
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", "王芳", "--community", "630102002").status == 0)
        let registered = try cli.run(as: CLI.systemUser, "history", "--all", "--limit", "1").stdout.split(separator: "\n").map(String.init)
        #expect(registered.dropFirst() == ["    角色：窗口人员", "    可修改社区：630102002"], "\(registered)")
        #expect(registered.first?.hasSuffix("  \(CLI.systemUser)  登记  操作员 王芳") == true, "\(registered)")
    }
}
