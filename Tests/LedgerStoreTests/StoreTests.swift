import Foundation
import GRDB
import LedgerResources
import Testing
@testable import LedgerCore
@testable import LedgerStore

let today = Day(year: 2024, month: 12, day: 31)!
let maleId = "630102199003070116"
let womanId = "630102197506150047"

func community(_ code: String = "630102001", period: Period? = nil) -> Community {
    Community(code: code, name: "八一路社区", street: "八一路街道", district: "城东区", labourForce: 100,
              period: period ?? Period(start: Day(year: 2024, month: 1, day: 1)!, end: today))
}

func intending(id: String = maleId, name: String = "张三", _ overrides: [String: String] = [:]) -> [String: String] {
    var raw = ["name": name, "id_number": id, "education": "大专", "hukou": "城镇", "phone": "13912345678",
               "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
    for (k, v) in overrides { raw[k] = v }
    return raw
}

func service(_ id: String = maleId, date: String = "2024-04-01") -> [String: String] {
    ["service_date": date, "id_number": id, "service_type": "创业指导", "method": "窗口", "content": "讲解开业流程和补贴政策"]
}

/// A valid 18-digit ID number (born 1990-03-07 in 630102) with the given 3-digit serial.
func validId(serial: Int) -> String {
    let serialText = String(serial % 1000)
    let body = "63010219900307" + String(repeating: "0", count: 3 - serialText.count) + serialText
    return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
}

/// Adds another community of the same street to a test database.
func addCommunity(_ db: AppDatabase, _ code: String, name: String) throws {
    var other = community(code)
    other.name = name
    try db.saveCommunity(other)
}

func emptyDatabase() throws -> AppDatabase {
    let db = try AppDatabase.inMemory(operatorName: "王芳", today: today)
    try db.saveCommunity(community())
    return db
}

struct PersonStoreTests {
    @Test func savingAPersonWritesTheRowTheContributionAndTheAudit() throws {
        // Given an empty community
        let db = try emptyDatabase()
        // When a person is saved
        let result = try db.savePerson(intending(), community: "630102001")
        // Then the row, its score figures and an audit entry exist
        let saved = try #require(result.saved)
        #expect(try db.count(.survey, community: "630102001") == 1)
        let f = try db.scoreFacts(community: "630102001")
        #expect(f[.registered] == 1 && f[.serviceTargets] == 1 && f[.participants] == 0 && f[.labourForce] == 100)
        let history = try db.history(of: RecordRef(.survey, id: saved.id!))
        #expect(history.count == 1)
        #expect(history[0].operatorName == "王芳" && history[0].action == "insert")
        #expect(history[0].changes.contains(FieldChange(field: "name", old: nil, new: "张三")))
    }

    @Test func errorsRefuseTheSaveAndWriteNothing() throws {
        let db = try emptyDatabase()
        let result = try db.savePerson(intending(id: "630102199003070117"), community: "630102001")
        #expect(result.saved == nil)
        #expect(result.findings.map(\.message) == ["公民身份号码校验不符，请对照证件逐位核对"])
        #expect(try db.count(.survey, community: "630102001") == 0)
        #expect(try db.recentHistory(community: nil, limit: 10).filter { $0.recordTable != "community" }.isEmpty)
    }

    @Test func duplicateIdInTheSameCommunityIsRefused() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        let again = try db.savePerson(intending(name: "张叁"), community: "630102001")
        #expect(again.saved == nil)
        #expect(again.findings.first?.code == "id.duplicate")
    }

    @Test func editUpdatesTheRowAndAuditsOnlyTheChangedField() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let (_, token) = try #require(try db.person(id: id))
        _ = try db.savePerson(intending(["phone": "13800001111"]), community: "630102001", editing: token)
        #expect(try db.person(id: id)?.person.phone == "13800001111")
        let last = try #require(try db.history(of: RecordRef(.survey, id: id)).last)
        #expect(last.action == "update")
        #expect(last.changes == [FieldChange(field: "phone", old: "13912345678", new: "13800001111")])
    }

    @Test func staleEditIsRefusedAndOverwritesNothing() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let (_, stale) = try #require(try db.person(id: id))
        _ = try db.savePerson(intending(["phone": "13800001111"]), community: "630102001", editing: stale)
        #expect(throws: EditConflict.self) {
            _ = try db.savePerson(intending(["address": "八一路1号"]), community: "630102001", editing: stale)
        }
        #expect(try db.person(id: id)?.person.address == nil)
        #expect(try db.person(id: id)?.person.phone == "13800001111")
    }

    @Test func acceptedWarningsAreStoredAndStopCountingAgainstTheScore() throws {
        let db = try emptyDatabase()
        let raw = intending(["status": "已创业", "entity_name": "小店", "entity_type": "个体工商户", "license_date": "2024-01-05",
                             "credit_code": "91350100M000100Y44"])
        let unaccepted = try db.savePerson(raw, community: "630102001")
        #expect(unaccepted.findings.warnings.map(\.code) == ["credit.checksum"])
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] == 1)
        let savedId = try #require(unaccepted.saved?.id)
        let (_, token) = try #require(try db.person(id: savedId))
        _ = try db.savePerson(raw, community: "630102001", editing: token, acceptedWarnings: ["credit.checksum": "试点期代码，已核对营业执照"])
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] == 0)
        #expect(try db.acceptedWarnings(of: RecordRef(.survey, id: token.id)) == ["credit.checksum": "试点期代码，已核对营业执照"])
        let checked = try db.checkAll(community: "630102001")
        #expect(checked.count == 1 && checked[0].findings.isEmpty)
        #expect(checked[0].accepted.map(\.1) == ["试点期代码，已核对营业执照"])
        let audit = try #require(try db.history(of: RecordRef(.survey, id: token.id)).last)
        #expect(audit.changes == [FieldChange(field: "accepted_warning.credit.checksum", old: nil, new: "试点期代码，已核对营业执照")])
    }

    @Test func auditTrailIsAppendOnly() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        #expect(throws: (any Error).self) { try db.writer.write { try $0.execute(sql: "UPDATE audit SET operator = 'x'") } }
        #expect(throws: (any Error).self) { try db.writer.write { try $0.execute(sql: "DELETE FROM audit") } }
    }
}

struct ServiceStoreTests {
    @Test func servicesUpdateThePersonsContribution() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        #expect(try db.recordService(service(), community: "630102001").saved?.staff == "王芳")
        var f = try db.scoreFacts(community: "630102001")
        #expect(f[.participants] == 1 && f[.servedTwice] == 0 && f[.served] == 1)
        _ = try db.recordService(service(date: "2024-05-01"), community: "630102001")
        f = try db.scoreFacts(community: "630102001")
        #expect(f[.servedTwice] == 1)
    }

    @Test func serviceOutsideThePeriodDoesNotCount() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        let result = try db.recordService(service(date: "2023-12-31"), community: "630102001")
        // Before the period is before the person's survey (2024-03-15) too: both are said.
        #expect(result.findings.map(\.code) == ["date.outside_period", "service.before_survey"])
        #expect(try db.scoreFacts(community: "630102001")[.participants] == 0)
    }

    @Test func serviceForAnUnknownPersonIsRefused() throws {
        let db = try emptyDatabase()
        let result = try db.recordService(service(womanId), community: "630102001")
        #expect(result.saved == nil && result.findings.first?.code == "service.unknown_person")
    }

    @Test func changingThePeriodRecomputesContributions() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        _ = try db.recordService(service(), community: "630102001")
        #expect(try db.scoreFacts(community: "630102001")[.participants] == 1)
        try db.saveCommunity(community(period: Period(start: Day(year: 2024, month: 6, day: 1)!, end: today)))
        #expect(try db.scoreFacts(community: "630102001")[.participants] == 0)
    }
}

struct ImportStoreTests {
    func rows(_ raws: [[String: String]]) -> [ImportRow] {
        raws.enumerated().map { ImportRow(line: $0.offset + 2, fields: $0.element) }
    }

    @Test func anyBadRowRejectsTheWholeFile() throws {
        let db = try emptyDatabase()
        let report = try db.importPersons(rows([intending(), intending(id: womanId, name: "李四", ["phone": "123"])]),
                                          community: "630102001", mode: .allOrNothing)
        #expect(report.rolledBack && report.imported == 0)
        #expect(report.rejected.map(\.line) == [3])
        #expect(try db.count(.survey, community: "630102001") == 0)
    }

    @Test func skipInvalidImportsTheGoodRows() throws {
        let db = try emptyDatabase()
        let report = try db.importPersons(rows([intending(), intending(id: womanId, name: "李四", ["phone": "123"])]),
                                          community: "630102001", mode: .skipInvalid)
        #expect(report.imported == 1 && report.rejected.count == 1)
        #expect(try db.count(.survey, community: "630102001") == 1)
    }

    @Test func duplicatesInsideOneFileNameTheEarlierLine() throws {
        let db = try emptyDatabase()
        let report = try db.importPersons(rows([intending(), intending(name: "张三丰")]), community: "630102001", mode: .allOrNothing)
        #expect(report.rejected.first?.findings.first?.message == "与本文件第2行的公民身份号码重复")
    }

    /// Imports skip SQLite's per-row foreign-key look-up (they verify the parents themselves); the check must be
    /// back on for every later write, however the import ended, and the rows must reference real parents.
    @Test func importsLeaveForeignKeysCheckedAndSatisfied() throws {
        let db = try emptyDatabase()
        func checked() throws -> Bool { try db.writer.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true }
        _ = try db.importPersons(rows([intending(), intending(id: womanId, name: "李四")]), community: "630102001", mode: .allOrNothing)
        #expect(try checked())
        _ = try db.importServices(rows([service(), service(womanId)]), community: "630102001", mode: .allOrNothing)
        #expect(try checked())
        let refused = try db.importPersons(rows([intending(id: validId(serial: 7), name: "王五", ["phone": "1"])]),
                                           community: "630102001", mode: .allOrNothing)
        #expect(refused.rolledBack)
        #expect(try checked())
        #expect(throws: StoreError.self) {
            try db.importPersons(rows([intending(id: validId(serial: 8), name: "赵六")]), community: "999999999", mode: .allOrNothing)
        }
        #expect(try checked())
        #expect(try db.writer.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        // A later write naming a missing parent is refused again.
        #expect(throws: (any Error).self) {
            try db.writer.write { try $0.execute(sql: "UPDATE service SET person_id = 999 WHERE id = 1") }
        }
    }

    @Test func importedFactsEqualTheSumOfContributions() throws {
        let db = try emptyDatabase()
        _ = try db.importPersons(rows([intending(), intending(id: womanId, name: "李四", ["status": "已创业", "entity_name": "李记",
                                      "entity_type": "企业", "license_date": "2024-02-01", "jobs_created": "5"])]),
                                 community: "630102001", mode: .allOrNothing, source: "摸底.csv")
        _ = try db.importServices(rows([service(), service(date: "2024-06-01"), service(womanId)]), community: "630102001", mode: .allOrNothing)
        let f = try db.scoreFacts(community: "630102001")
        #expect(f[.registered] == 2 && f[.participants] == 2 && f[.servedTwice] == 1 && f[.entrepreneurs] == 1 && f[.entrepreneurJobs] == 5)
        // One audit entry per import, shown at the start of each imported record's history.
        let history = try db.history(of: RecordRef(.survey, id: 2))
        #expect(history.first?.action == "import" && history.first?.operatorName == "王芳")
        #expect(history.first?.changes == [FieldChange(field: "source", old: nil, new: "摸底.csv")])
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM import_batch") } == 2)
        #expect(try db.history(of: RecordRef(.service, id: 3)).first?.action == "import")
    }

    @Test func streetFactsAreTheUnionOfItsCommunities() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        _ = try db.savePerson(intending(), community: "630102001")
        _ = try db.savePerson(intending(id: womanId, name: "李四"), community: "630102002")
        let f = try db.scoreFacts(street: "八一路街道")
        #expect(f[.registered] == 2 && f[.labourForce] == 200)
        #expect(try db.scoreFactsByCommunity()["630102002"]?[.registered] == 1)
    }
}

struct FileTests {
    @Test func databaseFileIsPrivateAndDurable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sub/ledger.sqlite").path
        let db = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
        try db.saveCommunity(community())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Asked of the connection that commits: GRDB's own WAL set-up would have left it at NORMAL (1).
        let (journal, sync) = try db.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal" && sync == 2)
        #expect(try db.integrityCheck() == "ok")
    }

    @Test func aFileThatIsNotADatabaseGivesAChineseMessage() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect { _ = try AppDatabase.open(path: path, operatorName: "x") } throws: { ($0 as? StoreError)?.message.contains("无法打开数据库") == true }
    }
}

struct TotalsTests {
    /// The trigger-kept totals must equal a full scan after every kind of write.
    @Test func totalsAgreeWithAFullScanAfterEveryKindOfChange() throws {
        let db = try emptyDatabase()
        func check() throws {
            var kept = try db.scoreFacts(community: "630102001")
            kept[.labourForce] = 0
            #expect(kept == (try db.scannedFacts(community: "630102001")))
        }
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        try check()
        _ = try db.importPersons([ImportRow(line: 2, fields: intending(id: womanId, name: "李四", ["status": "已创业", "entity_name": "李记",
                                  "entity_type": "企业", "license_date": "2024-02-01", "jobs_created": "5", "credit_code": "91350100M000100Y44"]))],
                                 community: "630102001", mode: .allOrNothing)
        try check()
        _ = try db.recordService(service(), community: "630102001")
        _ = try db.recordService(service(date: "2024-07-01"), community: "630102001")
        try check()
        let (_, token) = try #require(try db.person(id: id))
        _ = try db.savePerson(intending(["trained": "是", "training_type": "SYB", "training_end": "2024-05-01"]), community: "630102001", editing: token)
        try check()
        _ = try db.saveActivity(["date": "2024-05-01", "kind": "宣传活动", "title": "政策宣讲", "participants": "30"], community: "630102001")
        try check()
        try db.saveCommunity(community(period: Period(start: Day(year: 2024, month: 6, day: 1)!, end: today)))
        try check()
        let f = try db.scoreFacts(community: "630102001")
        // The credit code's warning, and the service and the activity now dated before the period: as `check` says.
        #expect(f[.registered] == 2 && f[.publicity] == 0 && f[.warningRecords] == 3)
        try expectScoreAgreesWithCheck(db)
    }

    /// Validation runs on another thread without the database; the look-up of other communities runs on the writer
    /// and its warning must still reach the report, the stored warning count, the totals and accepted reasons.
    @Test func importWarnsAboutPersonsOfOtherCommunities() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        _ = try db.savePerson(intending(), community: "630102002")
        let rows = (0..<300).map { i in
            ImportRow(line: i + 2, fields: i == 150 ? intending() : intending(id: validId(serial: 200 + i), name: "王五"))
        }
        let report = try db.importPersons(rows, community: "630102001", mode: .allOrNothing)
        #expect(report.imported == 300)
        #expect(report.warnings.map(\.line) == [152])
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] == 1)
        try addCommunity(db, "630102003", name: "东关社区")
        let accepted = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 600), name: "赵六")),
                                             ImportRow(line: 3, fields: intending())],
                                            community: "630102003", mode: .allOrNothing, acceptWarningsReason: "外地迁入，已核实")
        #expect(accepted.imported == 2)
        let id = try #require(try db.personsWithIdNumber(maleId).first { $0.communityCode == "630102003" }?.id)
        #expect(try db.acceptedWarnings(of: RecordRef(.survey, id: id)) == ["id.other_community": "外地迁入，已核实"])
        #expect(try db.scoreFacts(community: "630102003")[.warningRecords] == 0) // accepted warnings do not count
    }

    /// Imports switch the per-row triggers off and add the batch by one aggregate: the result must be the same as
    /// the triggers would give, including rows with warnings, rejected rows (skip mode) and a rolled-back file.
    @Test func importsKeepTotalsAndCountsLikeTheTriggers() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001") // one row written through the triggers
        func check(persons: Int, services: Int, activities: Int) throws {
            var kept = try db.scoreFacts(community: "630102001")
            kept[.labourForce] = 0
            #expect(kept == (try db.scannedFacts(community: "630102001")))
            let counts = try #require(try db.countsByCommunity()["630102001"])
            #expect(counts.persons == persons && counts.services == services && counts.activities == activities)
        }
        let rows = [
            ImportRow(line: 2, fields: intending(id: womanId, name: "李四", ["status": "已创业", "entity_name": "李记",
                "entity_type": "企业", "license_date": "2024-02-01", "jobs_created": "5", "credit_code": "91350100M000100Y44"])),
            ImportRow(line: 3, fields: intending(id: "630102199003070117", name: "坏号")), // wrong check digit
            ImportRow(line: 4, fields: intending(id: "110101199003074119", name: "王五", ["phone": "12345"])), // phone error
            ImportRow(line: 5, fields: intending(id: "110101198001010010", name: "赵六", ["trained": "是", "training_type": "SYB",
                "training_end": "2024-05-01", "training_passed": "是", "certificate_no": "C001"])),
        ]
        let refused = try db.importPersons(rows, community: "630102001", mode: .allOrNothing)
        #expect(refused.rolledBack)
        try check(persons: 1, services: 0, activities: 0)
        let kept = try db.importPersons(rows, community: "630102001", mode: .skipInvalid)
        #expect(kept.imported == 2 && kept.rejected.count == 2, "\(kept.imported) \(kept.rejected)")
        try check(persons: 3, services: 0, activities: 0)
        #expect(try db.scoreFacts(community: "630102001")[.warningRecords] >= 1) // a row with a warning was bulk-loaded
        let services = try db.importServices([ImportRow(line: 2, fields: service()), ImportRow(line: 3, fields: service(womanId)),
                                              ImportRow(line: 4, fields: service(date: "2024-08-01"))],
                                             community: "630102001", mode: .allOrNothing)
        #expect(services.imported == 3)
        try check(persons: 3, services: 3, activities: 0)
        let activities = try db.importActivities([ImportRow(line: 2, fields: ["date": "2024-05-01", "kind": "宣传活动", "title": "政策宣讲", "participants": "30"])],
                                                 community: "630102001", mode: .allOrNothing)
        #expect(activities.imported == 1)
        try check(persons: 3, services: 3, activities: 1)
        #expect(try db.scoreFacts(community: "630102001")[.publicity] == 1)
        // Writes after an import go through the triggers again.
        _ = try db.saveActivity(["date": "2024-06-01", "kind": "宣传活动", "title": "二次宣讲", "participants": "40"], community: "630102001")
        try check(persons: 3, services: 3, activities: 2)
    }
}
