import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The score's 台账资料完备 (and home's summary) count the records `check` and the checks screen list: one
/// definition of findings, whatever changed a record's findings (its own save or another record's).
func expectScoreAgreesWithCheck(_ db: AppDatabase, community: String = "630102001",
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
    let facts = try db.scoreFacts(community: community)
    let checked = RecordFindings.problemRecords(try db.checkAll(community: community))
    #expect(facts[.errorRecords] == checked.errors, "records with errors", sourceLocation: sourceLocation)
    #expect(facts[.warningRecords] == checked.warnings, "records with warnings only", sourceLocation: sourceLocation)
    // The trigger-kept totals are the sums of the kept per-record counts.
    let scanned = try db.scannedFacts(community: community)
    #expect(scanned[.errorRecords] == facts[.errorRecords] && scanned[.warningRecords] == facts[.warningRecords],
            sourceLocation: sourceLocation)
}

struct FindingsAgreementTests {
    let roleModelStory = String(repeating: "创业故事", count: 130)

    @Test func deletingAPersonWithServicesSaysSoAndThenScoreAndCheckBothReportTheServices() throws {
        // Given a person with two services
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        _ = try db.recordService(service(), community: "630102001")
        _ = try db.recordService(service(date: "2024-05-01"), community: "630102001")
        #expect(try db.activeServiceCount(person: id) == 2)
        // When the clerk deletes the person without having been told of the services, the store refuses and says so
        #expect { try db.delete(RecordRef(.survey, id: id), reason: "迁出") } throws: {
            ($0 as? StoreError)?.message.contains("此人有2条服务记录") == true
        }
        // Once told (2 services), the delete goes ahead
        try db.delete(RecordRef(.survey, id: id), reason: "迁出", confirmingServices: 2)
        // Then check reports both services as errors, and the score counts the same two records
        let checked = try db.checkAll(community: "630102001")
        #expect(checked.flatMap(\.findings).filter { $0.code == "service.unknown_person" }.count == 2)
        #expect(try db.scoreFacts(community: "630102001")[.errorRecords] == 2)
        try expectScoreAgreesWithCheck(db)
        // The score detail lists the same records behind 台账资料完备
        let behind = try db.evidenceSummaries(Evidence(include: .errorRecords, excluding: nil, title: "有问题的记录"),
                                              community: "630102001", limit: 10)
        #expect(behind.register == .service && behind.rows.map(\.id) == checked.map(\.id))
        // And restoring the person clears them in both
        try db.restore(RecordRef(.survey, id: id))
        #expect(try db.scoreFacts(community: "630102001")[.errorRecords] == 0)
        try expectScoreAgreesWithCheck(db)
    }

    @Test func importedRoleModelsOfRegisteredPersonsHaveNoWarningInTheScoreEither() throws {
        // Given a registered person
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        // When an activity export is imported: a role model naming the person, one naming nobody registered
        let rows = [
            ImportRow(line: 2, fields: ["date": "2024-05-01", "kind": "创业典型", "title": "张三的小店", "person_id": maleId, "story": roleModelStory]),
            ImportRow(line: 3, fields: ["date": "2024-05-02", "kind": "创业典型", "title": "王梅的网店", "person_id": womanId, "story": roleModelStory]),
            ImportRow(line: 4, fields: ["date": "2024-05-03", "kind": "宣传活动", "title": "政策宣讲", "participants": "30"]),
        ]
        let report = try db.importActivities(rows, community: "630102001", mode: .allOrNothing)
        #expect(report.imported == 3)
        // Then only the second has a warning, in check and in the score alike
        let checked = try db.checkAll(community: "630102001")
        #expect(checked.map(\.id) == [2] && checked.first?.findings.map(\.code) == ["activity.person_unknown"])
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] == 1)
        try expectScoreAgreesWithCheck(db)
        // And registering that person later clears the warning in both
        _ = try db.importPersons([ImportRow(line: 2, fields: intending(id: womanId, name: "王梅"))], community: "630102001", mode: .allOrNothing)
        #expect(try db.checkAll(community: "630102001").isEmpty)
        try expectScoreAgreesWithCheck(db)
    }

    @Test func theSamePersonInTwoCommunitiesWarnsInBothInScoreAndCheck() throws {
        // Given a person registered in one community
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "东关社区")
        let first = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        try expectScoreAgreesWithCheck(db)
        // When the same number is registered in a second community (by a form, then another by import)
        _ = try db.savePerson(intending(), community: "630102002")
        // Then both communities' checks and scores show the warning
        for code in ["630102001", "630102002"] {
            #expect(try db.scoreFacts(community: code)[.warningRecords] == 1)
            try expectScoreAgreesWithCheck(db, community: code)
        }
        // And deleting the first clears the second's warning in both
        try db.delete(RecordRef(.survey, id: first), reason: "迁出")
        #expect(try db.scoreFacts(community: "630102002")[.warningRecords] == 0)
        try expectScoreAgreesWithCheck(db, community: "630102002")
        // An import into a third community warns in the second too
        try addCommunity(db, "630102003", name: "南山社区")
        _ = try db.importPersons([ImportRow(line: 2, fields: intending())], community: "630102003", mode: .allOrNothing)
        for code in ["630102002", "630102003"] {
            #expect(try db.scoreFacts(community: code)[.warningRecords] == 1)
            try expectScoreAgreesWithCheck(db, community: code)
        }
    }

    @Test func correctingAPersonsNameOrNumberCarriesItIntoTheirServices() throws {
        // Given a person with a service
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(name: "张山"), community: "630102001").saved?.id)
        let serviceId = try #require(try db.recordService(service(), community: "630102001").saved?.id)
        // When the clerk corrects the name and the ID number
        let token = try #require(try db.person(id: id)).token
        let correctedId = validId(serial: 333)
        _ = try db.savePerson(intending(id: correctedId, name: "张三"), community: "630102001", editing: token)
        // Then the service follows (audited), and neither check nor the score finds a mismatch
        let opened = try #require(try db.open(RecordRef(.service, id: serviceId)))
        #expect(opened.fields["name"] == "张三" && opened.fields["id_number"] == correctedId)
        #expect(try db.history(of: RecordRef(.service, id: serviceId)).last?.changes.map(\.field) == ["id_number", "name"])
        #expect(try db.checkAll(community: "630102001").isEmpty)
        try expectScoreAgreesWithCheck(db)
        // And undoing the correction takes the service back too
        _ = try db.undoLastChange(RecordRef(.survey, id: id))
        #expect(try db.open(RecordRef(.service, id: serviceId))?.fields["name"] == "张山")
        try expectScoreAgreesWithCheck(db)
    }

    @Test func checkBringsStaleCountsUpToDate() throws {
        // Given counts left stale (as by an earlier version, or a rule changed since the record was saved)
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        _ = try db.recordService(service(), community: "630102001")
        try db.writer.write { try $0.execute(sql: "UPDATE service SET error_count = 1 WHERE id = 1") }
        #expect(try db.scoreFacts(community: "630102001")[.errorRecords] == 1)
        // When check runs with recounting, the counts follow its findings
        let checked = try db.checkAndRecount(community: "630102001")
        #expect(checked.results.isEmpty && checked.corrected == 1)
        #expect(try db.scoreFacts(community: "630102001")[.errorRecords] == 0)
        try expectScoreAgreesWithCheck(db)
        #expect(try db.checkAndRecount(community: "630102001").corrected == 0)
    }

    @Test func changingThePeriodRejudgesDatesInScoreAndCheck() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        _ = try db.recordService(service(date: "2024-04-01"), community: "630102001")
        try expectScoreAgreesWithCheck(db)
        // The service falls outside a shorter period: a warning in both
        try db.saveCommunity(community(period: Period(start: Day(year: 2024, month: 6, day: 1)!, end: today)))
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] >= 1)
        try expectScoreAgreesWithCheck(db)
    }
}
