import Foundation
import LedgerCore
import Testing
@testable import LedgerStore

/// The SQLite engine's district page merges communities in statements of at most 400; a district with more is
/// merged again in Swift. The same pages must come out whatever the statement size.
struct DistrictMergeTests {
    @Test func pagesAreTheSameWhenCommunitiesAreMergedOverSeveralStatements() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("district-merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let today = Day(year: 2024, month: 12, day: 31)!
        let db = try AppDatabase.open(path: folder.appendingPathComponent("ledger.sqlite").path, operatorName: "王芳", today: { today })
        let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: today)
        let names = ["张明", "李晨", "王雪", "赵然", "欧阳丽", "曾明", "安晨"]
        for c in 1...3 {
            let code = "63010200\(c)"
            try db.saveCommunity(Community(code: code, name: "第\(c)社区", street: "八一路街道", district: "城东区", labourForce: 10, period: period))
            for i in 0..<7 {
                let serial = c * 10 + i
                let body = "63010219900307" + String(format: "%03d", serial)
                let id = body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
                let fields = ["name": names[(i + c) % 7], "id_number": id, "education": "大专", "hukou": "城镇", "phone": "13912345678",
                              "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-\(10 + i)"]
                let saved = try db.save(RecordEntry(.survey, fields), community: code, editing: nil, acceptedWarnings: [:], action: .entry)
                #expect(saved.saved != nil)
            }
        }
        for sort in [nil, "name", "survey_date"] {
            func walk(_ arms: Int) throws -> [Int64] {
                var seen: [Int64] = []
                var after: RegisterRow?
                repeat {
                    let page = try db.districtPage(DistrictPageRequest(scope: DistrictScope(), page: PageRequest(
                        register: .survey, community: "", sortColumn: sort, after: after.map { ($0.sortKey, $0.id) }, limit: 4)),
                        armsPerStatement: arms)
                    seen += page.map(\.id)
                    after = page.last
                } while after != nil
                return seen
            }
            let one = try walk(400)
            #expect(one.count == 21 && Set(one).count == 21)
            #expect(try walk(1) == one, "\(sort ?? "id")")
            #expect(try walk(2) == one, "\(sort ?? "id")")
        }
    }
}
