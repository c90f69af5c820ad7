import LedgerCore
import LedgerResources
import Testing
@testable import ChuangyeCLI

/// `admin migrate` names where the district's score of a migrated community differs from the file's: each item, and
/// the records the district warns of (the same ID number registered in another community).
struct MigrateDifferencesTests {
    @Test func theItemsThatDifferAndTheWarnedRecordsAreNamed() throws {
        let rubric = try #require(try Rubrics.all().first { $0.id == "xining-community" })
        var clean = ScoreFacts()
        clean[.labourForce] = 40
        clean[.registered] = 10
        var warned = clean
        warned[.warningRecords] = 10
        let file = (card: ScoreEngine.evaluate(rubric, facts: clean, checklist: [:]), facts: clean)
        let district = (card: ScoreEngine.evaluate(rubric, facts: warned, checklist: [:]), facts: warned)
        let lines = AdminCommand.Migrate.differences(file, district)
        let changed = zip(file.card.items, district.card.items).filter { $0.points != $1.points }
        #expect(!changed.isEmpty)
        #expect(Array(lines.dropLast()) == changed.map { "\($0.title)：台账文件 \($0.points) 分，区县数据库 \($1.points) 分" })
        #expect(lines.last == "区县数据库中多出 10 条有未确认警告的记录（如公民身份号码已在区县其他社区登记），可用 chuangye check 查看")
        // The same score: nothing to name
        #expect(AdminCommand.Migrate.differences(file, file).isEmpty)
    }
}
