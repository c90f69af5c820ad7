import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Persons of other communities are found through a Bloom filter of ID numbers and one probe per community
/// (v10). The filter must hold every stored number whichever way it was written, or a warning is silently lost.
struct IdFilterTests {
    /// Every stored ID number, active or deleted, passes the filter, both as a single look-up reads it (one block,
    /// one recent word) and as an import reads it (the whole image).
    func expectFilterHoldsEveryStoredNumber(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (numbers, missingSingly, missingInImage) = try db.writer.read { d in
            let numbers = try String.fetchAll(d, sql: "SELECT id_number FROM person")
            let image = try IdFilterImage.load(d)
            let singly = try numbers.filter { try !PersonsByIdNumber.mayBeStored(d, idNumber: $0) }
            let inImage = try numbers.filter { !image.mayContain(try PersonsByIdNumber.key(d, $0)) }
            return (numbers, singly, inImage)
        }
        #expect(!numbers.isEmpty, sourceLocation: sourceLocation)
        let (singly, inImage) = (missingSingly.count, missingInImage.count)
        #expect(singly == 0, "missing from the filter, first \(missingSingly.prefix(3))", sourceLocation: sourceLocation)
        #expect(inImage == 0, "missing from the image, first \(missingInImage.prefix(3))", sourceLocation: sourceLocation)
    }

    /// A database whose 南关社区 (630102002) has `count` imported persons.
    func databaseWithImportedPersons(_ count: Int) throws -> AppDatabase {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        let rows = (0..<count).map { ImportRow(line: $0 + 2, fields: intending(id: validId(serial: $0 + 1), name: "王五")) }
        #expect(try db.importPersons(rows, community: "630102002", mode: .allOrNothing).imported == count)
        return db
    }

    func recentWordCount(_ db: AppDatabase) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM person_id_filter") ?? -1 }
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
        try db.writer.write { d in
            try d.execute(sql: "UPDATE person_id_filter SET bits = 0; UPDATE person_id_filter_block SET bits = zeroblob(512)")
        }
        #expect(try db.personsWithIdNumber(maleId).isEmpty)
    }

    @Test func theLookUpReadsOneFilterWordThenSeeksEachCommunityNeverScanning() throws {
        let db = try emptyDatabase()
        let plan = try db.writer.read { d in
            try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + PersonsByIdNumber.probeSQL, arguments: [maleId, ""]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("person_unique_id_number (community_code=? AND id_number=?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN person") }, "\(plan)")
        for (sql, table) in [(IdFilterImage.blockSQL, "person_id_filter_block"), (IdFilterImage.recentWordSQL, "person_id_filter")] {
            let filterPlan = try db.writer.read { d in
                try Row.fetchAll(d, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [1]).map { $0["detail"] as String }
            }
            #expect(filterPlan == ["SEARCH \(table) USING INTEGER PRIMARY KEY (rowid=?)"])
        }
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

    /// A number written by another tool (no Swift key: the SQL expressions) is found before and after an import
    /// folds the recent words into the blocks.
    @Test func anOddNumberWrittenOutsideTheAppIsFoundThroughTheSQLKey() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let odd = "ABCDEFGHIJKLMNOPQR"
        try db.writer.write { d in try d.execute(sql: "UPDATE person SET id_number = ? WHERE id = ?", arguments: [odd, id]) }
        #expect(try db.personsWithIdNumber(odd).map(\.id) == [id])
        try addCommunity(db, "630102002", name: "南关社区")
        _ = try db.importPersons([ImportRow(line: 2, fields: intending(id: womanId, name: "李梅"))], community: "630102002", mode: .allOrNothing)
        #expect(try recentWordCount(db) == 0)
        #expect(try db.personsWithIdNumber(odd).map(\.id) == [id])
        try expectFilterHoldsEveryStoredNumber(db)
    }

    /// Single saves set recent words; an import folds them into the blocks and empties their table, losing none.
    @Test func anImportFoldsTheRecentWordsIntoTheBlocks() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        for serial in 1...30 { _ = try db.savePerson(intending(id: validId(serial: serial), name: "王五"), community: "630102001") }
        #expect(try recentWordCount(db) == 30)
        let blocksBefore = try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM person_id_filter_block") }
        #expect(blocksBefore == 0)
        let rows = (31..<100).map { ImportRow(line: $0, fields: intending(id: validId(serial: $0), name: "王五")) }
        #expect(try db.importPersons(rows, community: "630102002", mode: .allOrNothing).imported == 69)
        #expect(try recentWordCount(db) == 0)
        try expectFilterHoldsEveryStoredNumber(db)
        // A person saved after the import is a recent word again, and found.
        let report = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 5)))], community: "630102002", mode: .skipInvalid)
        #expect(report.rejected.isEmpty)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        _ = try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102001")
        #expect(try recentWordCount(db) == 1)
        try expectFilterHoldsEveryStoredNumber(db)
    }

    @Test func upgradingADatabaseFillsTheFilterFromTheRegister() throws {
        let db = try databaseWithImportedPersons(200)
        // Back to the v9 schema, then migrate again.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TRIGGER person_id_filter_insert; DROP TRIGGER person_id_filter_update; DROP TABLE person_id_filter;
                DROP TABLE person_id_filter_block;
                CREATE INDEX person_by_id_number ON person(id_number);
                DELETE FROM grdb_migrations WHERE identifier IN ('v10', 'v11');
                """)
        }
        try Migrations.migrator().migrate(db.writer)
        try expectFilterHoldsEveryStoredNumber(db)
        let report = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 7)))], community: "630102001", mode: .allOrNothing)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        let indexes = try db.writer.read { d in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person'") }
        #expect(!indexes.contains("person_by_id_number"))
    }

    @Test func upgradingFromV10MovesEveryWordIntoBlocks() throws {
        let db = try databaseWithImportedPersons(300)
        // Back to v10: every word in the word table, as v10's backfill and triggers left it.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TABLE person_id_filter_block;
                INSERT INTO person_id_filter (word, bits) SELECT \(PersonsByIdNumber.word("id_number")), \(PersonsByIdNumber.mask("id_number")) FROM person WHERE true
                ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                DELETE FROM grdb_migrations WHERE identifier = 'v11';
                """)
        }
        #expect(try recentWordCount(db) > 250)
        try Migrations.migrator().migrate(db.writer)
        #expect(try recentWordCount(db) == 0)
        try expectFilterHoldsEveryStoredNumber(db)
    }
}
