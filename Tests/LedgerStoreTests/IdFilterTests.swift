import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Persons of other communities are found through a Bloom filter of ID numbers and one probe per community
/// (v10). The filter must hold every stored number whichever way it was written, or a warning is silently lost.
struct IdFilterTests {
    /// Every stored ID number, active or deleted, passes the filter, computed the way look-ups compute it.
    func expectFilterHoldsEveryStoredNumber(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let missing = try db.writer.read { d in
            try String.fetchAll(d, sql: """
                SELECT id_number FROM person p WHERE NOT EXISTS (
                    SELECT 1 FROM person_id_filter
                    WHERE word = \(PersonsByIdNumber.word("p.id_number")) AND bits & \(PersonsByIdNumber.mask("p.id_number")) = \(PersonsByIdNumber.mask("p.id_number")))
                """)
        }
        #expect(missing.isEmpty, "\(missing.count) numbers missing from the filter, first \(missing.prefix(3))", sourceLocation: sourceLocation)
        let stored = try db.writer.read { d in try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM person") ?? 0 }
        #expect(stored > 0, sourceLocation: sourceLocation)
    }

    @Test func everyWayOfWritingAPersonPutsTheNumberInTheFilter() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        // Saved one by one (insert trigger), imported (bulk, triggers off), edited to another number (update trigger).
        let saved = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let rows = (0..<500).map { ImportRow(line: $0 + 2, fields: intending(id: validId(serial: $0 + 1), name: "王五")) }
        #expect(try db.importPersons(rows, community: "630102002", mode: .allOrNothing).imported == 500)
        let (_, token) = try #require(try db.person(id: saved))
        _ = try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102001", editing: token)
        try expectFilterHoldsEveryStoredNumber(db)
        #expect(try db.personsWithIdNumber(womanId).map(\.id) == [saved])
        #expect(try db.personsWithIdNumber(validId(serial: 321)).map(\.communityCode) == ["630102002"])
    }

    @Test func theWarningFollowsThePersonThroughEditsDeletionAndRestore() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        let there = try #require(try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102002").saved?.id)
        // A person of this community edited to the other one's number is warned about (the update path).
        let here = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let (_, token) = try #require(try db.person(id: here))
        let edited = try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102001", editing: token)
        #expect(edited.findings.map(\.code).contains("id.other_community"))
        // Deleted there: no longer a person of another community; restored: warned about again.
        try db.delete(.survey, id: there, reason: "迁出")
        let importRow = [ImportRow(line: 2, fields: intending(id: womanId, name: "李梅"))]
        try addCommunity(db, "630102003", name: "东关社区")
        #expect(try db.personsWithIdNumber(womanId).map(\.id) == [here])
        try db.restore(.survey, id: there)
        let report = try db.importPersons(importRow, community: "630102003", mode: .allOrNothing)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        #expect(Set(try db.personsWithIdNumber(womanId).map(\.communityCode)) == ["630102001", "630102002", "630102003"])
    }

    @Test func aNumberThatOnlyPassesTheFilterFindsNobody() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        // Every bit set: each look-up goes on to the per-community probe, which must still find only real persons.
        try db.writer.write { d in
            try d.execute(sql: "INSERT INTO person_id_filter (word, bits) VALUES (\(PersonsByIdNumber.word("?")), -1) ON CONFLICT (word) DO UPDATE SET bits = -1",
                          arguments: [womanId])
        }
        #expect(try db.personsWithIdNumber(womanId).isEmpty)
        #expect(try db.personsWithIdNumber(maleId).count == 1)
        // And a number that fails the filter is not looked for at all: clearing the filter hides even a real person.
        try db.writer.write { d in try d.execute(sql: "UPDATE person_id_filter SET bits = 0") }
        #expect(try db.personsWithIdNumber(maleId).isEmpty)
    }

    @Test func theLookUpReadsOneFilterWordThenSeeksEachCommunityNeverScanning() throws {
        let db = try emptyDatabase()
        let plan = try db.writer.read { d in
            try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + PersonsByIdNumber.probeSQL, arguments: [maleId, ""]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("person_unique_id_number (community_code=? AND id_number=?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN person") }, "\(plan)")
        let filterPlan = try db.writer.read { d in
            try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + PersonsByIdNumber.filterSQL, arguments: [maleId]).map { $0["detail"] as String }
        }
        #expect(filterPlan == ["SEARCH person_id_filter USING INTEGER PRIMARY KEY (rowid=?)"])
    }

    /// Imports and look-ups compute keys in Swift, triggers and the upgrade in SQL: both must give the same bits.
    @Test func keysComputedHereMatchTheSQLExpressions() throws {
        let db = try emptyDatabase()
        var generator = SystemRandomNumberGenerator()
        var numbers = (0..<2000).map { _ in String((0..<17).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }) + "X" }
        numbers += ["00000000000000000X", "99999999999999999" + "9", "630102199003070116", validId(serial: 1)]
        try db.writer.read { d in
            for number in numbers {
                let key = try #require(PersonsByIdNumber.key(number))
                let sql = try #require(try Row.fetchOne(d, sql: "SELECT \(PersonsByIdNumber.word("?1")) AS word, \(PersonsByIdNumber.mask("?1")) AS mask",
                                                        arguments: [number]))
                #expect(key == PersonsByIdNumber.Key(word: sql["word"], mask: sql["mask"]), "\(number)")
                #expect(key.mask.nonzeroBitCount >= 1 && key.mask.nonzeroBitCount <= 6)
            }
        }
        // Numbers whose first 17 characters are not all digits have no key here; look-ups take the SQL path.
        for odd in ["", "6301021990030701", "6301021990030701X6", "６３０１０２１９９００３０７０１１６", "abc"] {
            #expect(PersonsByIdNumber.key(odd) == nil, "\(odd)")
        }
        _ = try db.savePerson(intending(), community: "630102001")
        #expect(try db.writer.read { try PersonsByIdNumber.mayBeStored($0, idNumber: maleId) })
        #expect(try db.personsWithIdNumber(maleId).count == 1)
    }

    @Test func upgradingADatabaseFillsTheFilterFromTheRegister() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        let rows = (0..<200).map { ImportRow(line: $0 + 2, fields: intending(id: validId(serial: $0 + 1), name: "王五")) }
        _ = try db.importPersons(rows, community: "630102002", mode: .allOrNothing)
        // Back to the v9 schema, then migrate again.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TRIGGER person_id_filter_insert; DROP TRIGGER person_id_filter_update; DROP TABLE person_id_filter;
                CREATE INDEX person_by_id_number ON person(id_number);
                DELETE FROM grdb_migrations WHERE identifier = 'v10';
                """)
        }
        try Migrations.migrator().migrate(db.writer)
        try expectFilterHoldsEveryStoredNumber(db)
        let report = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 7)))], community: "630102001", mode: .allOrNothing)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        let indexes = try db.writer.read { d in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person'") }
        #expect(!indexes.contains("person_by_id_number"))
    }
}
