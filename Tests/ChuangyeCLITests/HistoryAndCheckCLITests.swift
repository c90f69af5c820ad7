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
}
