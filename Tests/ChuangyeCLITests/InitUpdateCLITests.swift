import Foundation
import Testing

/// `init --profile` over an existing community: what the file does not write stays (and the history says only what
/// changed); a labour force below the persons registered, or ten times off, is saved only with a reason, which the
/// history keeps; `check` names such a labour force.
struct InitUpdateCLITests {
    static let full = profile.replacingOccurrences(of: "[checklist]", with: "leader = \"李主任\"\nphone = \"0971-1234567\"\n[checklist]")

    @Test func aFileWithoutLeaderPhoneOrChecklistLeavesThemAsTheyAre() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("full.toml", Self.full)).status == 0)
        let bare = profile.components(separatedBy: "[checklist]")[0].replacingOccurrences(of: "labour_force = 40", with: "labour_force = 45")
        let updated = try cli.run("init", "--profile", cli.write("bare.toml", bare))
        #expect(updated.status == 0, "\(updated.stderr)")
        let history = try cli.run("history", "--limit", "1")
        #expect(history.stdout.split(separator: "\n").dropFirst().map(String.init) == ["    城镇劳动者总数：40 → 45"], "\(history.stdout)")
        let score = try cli.run("score", "--json")
        let items = (try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(items.first { $0["id"] as? String == "leading_group" }?["points"] as? Double == 2)
    }

    /// A new period counts every register again: the update says what the figures are now.
    @Test func aNewPeriodSaysWhatTheRegistersCountNow() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let next = profile.replacingOccurrences(of: "2024-01-01..2024-12-31", with: "2025-01-01..2025-12-31")
        let updated = try cli.run("init", "--profile", cli.write("n.toml", next))
        #expect(updated.status == 0, "\(updated.stderr)")
        let score = try JSONSerialization.jsonObject(with: Data(try cli.run("score", "--json").stdout.utf8)) as? [String: Any]
        let total = (score?["total"] as? Double).map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "?"
        #expect(updated.stdout.split(separator: "\n").dropFirst().first.map(String.init)
                == "考核期由 2024-01-01..2024-12-31 改为 2025-01-01..2025-12-31：各台账已按新考核期重新计算，本期摸底登记3人、参与创业活动者0人，评分 \(total)/100",
                "\(updated.stdout)")
    }

    @Test func anImplausibleLabourForceNeedsAReasonAndCheckNamesIt() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        let two = profile.replacingOccurrences(of: "labour_force = 40", with: "labour_force = 2")
        let refused = try cli.run("init", "--profile", cli.write("two.toml", two))
        #expect(refused.status == 1)
        #expect(refused.stderr == """
            社区档案未更新：
              城镇劳动者总数2少于本社区摸底登记的3人，参与率可能超过100%，请核对
              城镇劳动者总数由40改为2，相差10倍以上，请核对是否多输或少输了数字
            核对无误时请加 --accept-warnings 理由 再运行

            """)
        let accepted = try cli.run("init", "--profile", cli.write("two.toml", two), "--accept-warnings", "按街道核定数")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let history = try cli.run("history", "--limit", "1")
        #expect(history.stdout.contains("    确认警告（城镇劳动者总数少于摸底人数）：（空） → 按街道核定数"), "\(history.stdout)")
        let check = try cli.run("check")
        #expect(check.stdout.contains("[警告] 社区档案 城镇劳动者总数: 城镇劳动者总数2少于本社区摸底登记的3人，参与率可能超过100%，请核对"),
                "\(check.stdout)")
    }
}

/// A community's profile answers the community table's self-assessed items only: a street table's item would be
/// stored and never scored.
struct InitChecklistLevelTests {
    @Test func aStreetItemInACommunityProfileIsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        let street = profile.replacingOccurrences(of: "service_window = 2", with: "service_window = 2\n\"政策文件\" = 1")
        let refused = try cli.run("init", "--profile", cli.write("p.toml", street))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[checklist] 政策文件 不是社区评分表的自评项，自评项有："), "\(refused.stderr)")
        #expect(!refused.stderr.contains("政策文件、"), "only the community table's items are listed: \(refused.stderr)")
    }
}
