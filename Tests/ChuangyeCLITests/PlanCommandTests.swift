import Foundation
import Testing

/// `chuangye plan`: the same plan as text and as stable JSON, from the figures the score uses.
struct PlanCommandTests {
    @Test func planListsEveryItemBelowItsMaximumAndRanksTheSteps() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run("import", "service", cli.write("v.csv", serviceCSV)).status == 0)

        let score = try JSONSerialization.jsonObject(with: Data(try cli.run("score", "--json").stdout.utf8)) as? [String: Any]
        let below = Set(((score?["items"] as? [[String: Any]]) ?? []).filter { ($0["points"] as? Double ?? 0) < ($0["max"] as? Double ?? 0) }
            .compactMap { $0["id"] as? String })

        let result = try cli.run("plan", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gaps = try #require(plan["gaps"] as? [[String: Any]])
        #expect(Set(gaps.compactMap { $0["id"] as? String }) == below)
        #expect(plan["total"] as? Double == score?["total"] as? Double)
        // The period (2024) has ended on this machine's clock: every gap says so and nothing is proposed.
        #expect(plan["daysLeft"] == nil || plan["daysLeft"] is NSNull)
        #expect(gaps.allSatisfy { $0["blocked"] as? String == "考核期已结束，本期无法再改变" })
        #expect((plan["ranked"] as? [Any])?.isEmpty == true)

        let text = try cli.run("plan")
        #expect(text.status == 0)
        #expect(text.stdout.contains("评分计划：八一路社区（630102001）"))
        #expect(text.stdout.contains("考核期已结束"))
    }

    @Test func aPeriodStillRunningProposesRankedSteps() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let running = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "\(year)-01-01..\(year)-12-31")
        #expect(try cli.run("init", "--profile", cli.write("p.toml", running)).status == 0)
        let result = try cli.run("plan", "--json")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ranked = try #require(plan["ranked"] as? [[String: Any]])
        #expect(!ranked.isEmpty)
        // Points per unit of work never rise down the list (hand-judged items, without units, come last).
        let perUnit = ranked.compactMap { s -> Double? in (s["units"] as? Int).map { (s["gain"] as? Double ?? 0) / Double(max(1, $0)) } }
        #expect(perUnit == perUnit.sorted(by: >))
        #expect(ranked.contains { ($0["action"] as? String)?.hasPrefix("还需1人") == true || ($0["item"] as? String) == "survey_register" })
    }
}

struct PlanCandidatesCommandTests {
    @Test func candidatesListEveryCommunityOfTheStreet() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let second = profile.replacingOccurrences(of: "630102001", with: "630102002").replacingOccurrences(of: "八一路社区", with: "东关社区")
        #expect(try cli.run("init", "--profile", cli.write("q.toml", second)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV), "--community", "630102001").status == 0)
        let result = try cli.run("plan", "--candidates", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["community"] as? String }) == ["630102001", "630102002"])
        #expect(entries.allSatisfy { ($0["conditions"] as? [Any])?.count == 2 })
        let text = try cli.run("plan", "--candidates", "--street", "八一路街道")
        #expect(text.stdout.hasPrefix("评选入围条件（劳动者创业参与率达到7%、创业带动就业指数达到3）：八一路街道共2个社区"), "\(text.stdout)")
        #expect(try cli.run("plan", "--street", "八一路街道").status == 2)
    }
}

struct HistoryChecklistWordingTests {
    /// A changed 自评 answer reads in the clerk's words: the item's title and points, not `leading_group：2 → 1`.
    @Test func checklistChangesAreNamedByTheirTitles() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let changed = profile.replacingOccurrences(of: "leading_group = 2", with: "leading_group = 1")
        #expect(try cli.run("init", "--profile", cli.write("q.toml", changed)).status == 0)
        let history = try cli.run("history")
        #expect(history.stdout.contains("自评项 成立创建工作领导小组：2分 → 1分"), "\(history.stdout)")
        #expect(!history.stdout.contains("leading_group"))
    }
}
