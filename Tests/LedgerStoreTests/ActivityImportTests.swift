import Testing
@testable import LedgerStore
import LedgerCore

struct ActivityImportTests {
    /// A register without an 入园基地 column imports; each 推荐入园 row carries a warning (issue 17.11).
    @Test func referralsWithoutATargetImportWithAWarning() throws {
        let db = try emptyDatabase()
        let rows = [ImportRow(line: 2, fields: ["date": "2024-06-01", "kind": "推荐入园", "title": "小吃项目"]),
                    ImportRow(line: 3, fields: ["date": "2024-06-02", "kind": "推荐入园", "title": "网店项目"])]
        let report = try db.importActivities(rows, community: "630102001", mode: .allOrNothing)
        #expect(!report.rolledBack)
        #expect(report.imported == 2)
        #expect(report.warnings.map { $0.findings.map(\.code) } == [["activity.target_missing"], ["activity.target_missing"]])
    }
}
