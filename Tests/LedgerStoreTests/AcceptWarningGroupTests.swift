import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Issue 17 item 18: a group of warnings accepted with one reason, through the store, audited per record.
struct AcceptWarningGroupTests {
    /// Three persons of 630102002 also registered in 630102001: three cross-community warnings.
    func databaseWithCrossCommunityWarnings() throws -> (AppDatabase, [Int64]) {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        var ids: [Int64] = []
        for (serial, name) in zip(1...3, ["赵一", "钱二", "孙三"]) {
            let number = validId(serial: serial)
            _ = try db.savePerson(intending(id: number, name: name), community: "630102001")
            let second = try db.savePerson(intending(id: number, name: name), community: "630102002")
            ids.append(try #require(second.saved?.id))
        }
        return (db, ids)
    }

    @Test func oneReasonAcceptsTheWholeGroupWithAnAuditRowEach() throws {
        // Given three open cross-community warnings in 南关社区
        let (db, ids) = try databaseWithCrossCommunityWarnings()
        #expect(try db.scoreFacts(community: "630102002")[.warningRecords] == 3)
        // When they are accepted as a group with one reason
        let accepted = try db.acceptWarning(code: "id.other_community", reason: "已核实，两处均在册",
                                            records: ids.map { RecordRef(.survey, id: $0) })
        // Then all are accepted, the community has no open warning, `check` lists them as accepted, and each
        // record's history says who accepted it and why
        #expect(accepted == 3)
        #expect(try db.scoreFacts(community: "630102002")[.warningRecords] == 0)
        let checks = try db.checkAll(community: "630102002")
        #expect(checks.allSatisfy { $0.findings.isEmpty && $0.accepted.map(\.1) == ["已核实，两处均在册"] })
        for id in ids {
            let last = try #require(try db.history(of: RecordRef(.survey, id: id)).last)
            #expect(last.action == "accept" && last.operatorName == "王芳")
            #expect(last.changes.map(\.field) == ["accepted_warning.id.other_community"])
            #expect(last.changes.first?.new == "已核实，两处均在册")
        }
        // And accepting again changes nothing
        #expect(try db.acceptWarning(code: "id.other_community", reason: "再次", records: ids.map { RecordRef(.survey, id: $0) }) == 0)
    }

    @Test func aRecordWithoutThatWarningIsLeftAloneAndAnEmptyReasonIsRefused() throws {
        let (db, ids) = try databaseWithCrossCommunityWarnings()
        #expect(throws: StoreError.self) { try db.acceptWarning(code: "id.other_community", reason: "  ", records: [RecordRef(.survey, id: ids[0])]) }
        // A rule the record does not break is not accepted (its stored reason would hide a later finding).
        #expect(try db.acceptWarning(code: "phone.format", reason: "已核实", records: [RecordRef(.survey, id: 1)]) == 0)
        #expect(try db.history(of: RecordRef(.survey, id: 1)).allSatisfy { $0.action != "accept" })
    }
}
