import GRDB
import LedgerCore
import Testing
@testable import LedgerStore

/// A community's page of deleted records or of records with problems reads one range of a partial index (the
/// district register asks it of every community), never the community's rows one by one.
struct DistrictFilterIndexTests {
    @Test(arguments: Register.allCases)
    func deletedAndProblemPagesReadTheirPartialIndex(register: Register) throws {
        let db = try AppDatabase.inMemory(operatorName: "王芳", today: Day(year: 2024, month: 12, day: 31)!)
        for (what, index) in [("deleted", "\(register.table)_deleted"), ("problems", "\(register.table)_with_problems")] {
            var request = PageRequest(register: register, community: "630102001", limit: 30)
            if what == "deleted" { request.deleted = true } else { request.problemsOnly = true }
            let query = AppDatabase.pageQuery(request, columns: "id")
            let plan = try db.writer.read { d in
                try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: StatementArguments(query.values)).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("INDEX \(index) ") }, "\(register) \(what): \(plan)")
        }
    }
}
