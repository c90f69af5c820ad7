import Foundation
import Testing

/// A community just set up, on the command line: `score` gives each item what the empty-denominator rule gives and
/// says why, the 评分表 workbook carries the same reasons, and `plan` marks an item's alternatives with 或：.
struct EmptyLedgerCommandTests {
    /// The items whose group is empty, with the reason `score` and the workbook give.
    static let reasons = [
        "创业带动就业指数达到3": "无符合条件的人员：初期创业者为0，未计分",
        "三项补贴享受率100%": "无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数为0，未计分",
        "创业培训率100%": "无符合条件的人员：纳入培训范围人数为0，未计分",
        "培训合格率100%": "无符合条件的人员：参加培训人数为0，未计分",
        "培训后创业率达30%": "无符合条件的人员：培训合格时未创业人数为0，未计分",
        "每人2次以上创业服务": "无符合条件的人员：应服务人数（有意愿及初期创业者）为0，未计分",
        "※台账资料完备": "无符合条件的人员：摸底登记人数为0，未计分",
    ]

    @Test func anEmptyLedgerScoresOnlyItsAnswersAndTheTablesOnePointAndSaysWhy() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        // The profile answers 领导小组 (2) and 服务窗口 (2); 创业典型 gives 1 for none (the table's words).
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run("score", "--json").stdout.utf8)) as? [String: Any])
        let items = try #require(json["items"] as? [[String: Any]])
        let scored = items.filter { ($0["points"] as? Double ?? 0) > 0 }.map { "\($0["id"] ?? "") \($0["points"] ?? "")" }
        #expect(scored == ["leading_group 2", "service_window 2", "role_models 1"])
        #expect(json["total"] as? Double == 5)
        let text = try cli.run("score").stdout
        for reason in Self.reasons.values { #expect(text.contains("      \(reason)\n"), "\(reason)") }

        let path = cli.dir.appendingPathComponent("评分表.xlsx").path
        #expect(try cli.run("export", "score", path).status == 0)
        let sheet = try #require(try WorkbookProbe.read(path).first)
        let basis = Dictionary(sheet.rows.dropFirst(4).compactMap { row in
            row.count > 6 ? (row[1].text ?? "", row[6].text ?? "") : nil
        }, uniquingKeysWith: { first, _ in first })
        for (title, reason) in Self.reasons { #expect(basis[title] == reason, "\(title): \(basis[title] ?? "none")") }
    }

    @Test func thePlanMarksEachAlternativeAndSaysWhyAnEmptyGroupIsNotPlanned() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        let lines = try cli.run("plan").stdout.split(separator: "\n").map(String.init)
        for line in [
            "      · 再开展1次宣传活动（本期宣传活动达到1次），得1分（+1）（工作量 1）",
            "      · 或：再开展3次宣传活动（本期宣传活动达到3次），得3分（+3）（工作量 3）",
            "      · 或：再动员10名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到10人），得8分（+8）（工作量 10）",
            "      · 无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开发补贴符合条件人数为0，未计分",
        ] {
            #expect(lines.contains(line), "\(line)\n\(lines.joined(separator: "\n"))")
        }
    }
}
