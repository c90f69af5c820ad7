import Foundation
import GRDB
import LedgerCore
import Testing
@testable import LedgerStore

/// What the plan reads from the registers beyond the kept totals.
struct PlanDetailsTests {
    @Test func servicesMissingAndShortStories() throws {
        let db = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        try db.saveCommunity(community())
        _ = try db.savePerson(intending(), community: "630102001", editing: nil, acceptedWarnings: [:], action: .entry)
        _ = try db.savePerson(intending(id: womanId, name: "李四"), community: "630102001", editing: nil, acceptedWarnings: [:], action: .entry)
        _ = try db.recordService(service(), community: "630102001", editing: nil, acceptedWarnings: [:], action: .entry)
        _ = try db.saveActivity(["date": "2024-05-01", "kind": "创业典型", "title": "张三开店记", "story": String(repeating: "创", count: 360),
                                 "person_id": maleId], community: "630102001", editing: nil, acceptedWarnings: ["activity.role_model_story": "补充中"],
                                action: .entry)
        let details = try db.planDetails(community: "630102001", period: community().period)
        // 张三 has one service (one missing), 李四 none (two missing).
        #expect(details.servicesMissing == 3)
        #expect(details.shortStories == [ShortStory(title: "张三开店记", missingCharacters: 140)])
    }

    /// The sum is one range of its partial index, never a scan of the community.
    @Test func servicesMissingReadsOneIndexRange() throws {
        let db = try AppDatabase.inMemory(operatorName: "王芳", today: today)
        let plan = try db.writer.read { d in
            try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + AppDatabase.servicesMissingSQL, arguments: ["630102001"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX person_short_of_services") || $0.contains("USING COVERING INDEX person_short_of_services") },
                "\(plan)")
    }
}
