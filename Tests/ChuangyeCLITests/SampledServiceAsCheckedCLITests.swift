import Foundation
import LedgerCore
import LedgerStore
import Testing

/// A sampled service found 不属实 and corrected by the community: every report of the sample (`evaluate show`, its
/// JSON, the workbook) says what the supervisor checked, with the correction beside it, so that a signed report
/// does not contradict its own note.
struct SampledServiceAsCheckedCLITests {
    @Test func theReportsGiveTheServiceAsCheckedAndTheCorrectionBesideIt() throws {
        let cli = try EvaluateCLITests.ledger()
        defer { cli.cleanup() }
        let supervisor = CLI.systemUser
        #expect(try cli.run("import", "service", cli.write("v.csv", serviceCSV)).status == 0)
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run(as: supervisor, "evaluate", "draw", "0", "--services", "1", "--seed", "7").status == 0)
        // Which service was drawn, as the supervisor reads it
        let database = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        let check = try #require(try AppDatabase(sharing: database, operatorName: supervisor).evaluation(community: "630102001")?.sample?.checks.first)
        let drawn = try #require(check.service)
        #expect(try cli.run(as: supervisor, "evaluate", "check", "1", "不属实", "--note", "服务日期应为2024-06-20").status == 0)

        // The community corrects the date
        let opened = try #require(try database.open(RecordRef(.service, id: drawn.id)))
        var fields = opened.fields
        fields["service_date"] = "2024-06-20"
        #expect(try database.save(RecordEntry(.service, fields), community: "630102001", editing: opened.token).saved != nil)

        let asChecked = "单独抽查：服务 \(drawn.date) \(drawn.type)（现为 2024-06-20）"
        let shown = try cli.run(as: supervisor, "evaluate", "show")
        #expect(shown.stdout.contains("      " + asChecked + "\n"), "\(shown.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(as: supervisor, "evaluate", "show", "--json").stdout.utf8)) as? [String: Any])
        let records = try #require(((json["sample"] as? [String: Any])?["persons"] as? [[String: Any]]))
        // The correction the finding asked for: a change after the draw, which the check explains
        #expect(records.first?["changes_since_draw"] as? Int == 1 && records.first?["changed_after_draw"] as? Int == 0)
        let service = try #require(records.first?["service"] as? [String: Any])
        #expect(service["date"] as? String == "2024-06-20" && service["sampled_date"] as? String == drawn.date)
        #expect(service["type"] as? String == drawn.type && service["sampled_type"] as? String == drawn.type)
        let workbook = cli.dir.appendingPathComponent("初评.xlsx").path
        #expect(try cli.run(as: supervisor, "evaluate", "export", workbook).status == 0)
        let cells = try WorkbookProbe.read(workbook).flatMap { $0.rows.flatMap { $0.compactMap(\.text) } }
        #expect(cells.contains { $0.contains(asChecked) }, "\(cells)")
    }
}
