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

    /// The key of migrations v10–v12, six bits in one word, as SQL over the ID number in `x` (for upgrade tests).
    static func v10Word(_ x: String) -> String { "(abs(CAST(substr(\(x), 1, 17) AS INTEGER)) % 262139)" }
    static func v10Mask(_ x: String) -> String {
        "(" + [65521, 65519, 65497, 65479, 65449, 65447].map { "(1 << ((abs(CAST(substr(\(x), 1, 17) AS INTEGER)) % \($0)) % 64))" }.joined(separator: " | ") + ")"
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
        try count(db, "person_id_filter")
    }

    func count(_ db: AppDatabase, _ table: String) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    /// Imports one person (a new number) into `community`.
    func importOne(_ db: AppDatabase, serial: Int, community: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let row = ImportRow(line: 2, fields: intending(id: validId(serial: serial), name: "王五"))
        #expect(try db.importPersons([row], community: community, mode: .allOrNothing).imported == 1, sourceLocation: sourceLocation)
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
        try db.delete(RecordRef(.survey, id: there), reason: "迁出")
        let importRow = [ImportRow(line: 2, fields: intending(id: womanId, name: "李梅"))]
        try addCommunity(db, "630102003", name: "东关社区")
        #expect(try db.personsWithIdNumber(womanId).map(\.id) == [here])
        try db.restore(RecordRef(.survey, id: there))
        let report = try db.importPersons(importRow, community: "630102003", mode: .allOrNothing)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        #expect(Set(try db.personsWithIdNumber(womanId).map(\.communityCode)) == ["630102001", "630102002", "630102003"])
    }

    @Test func aNumberThatOnlyPassesTheFilterFindsNobody() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        // Every bit set: each look-up goes on to the per-community probe, which must still find only real persons.
        try db.writer.write { d in
            for half in 0..<2 {
                try d.execute(sql: "INSERT INTO person_id_filter (word, bits) VALUES (\(PersonsByIdNumber.word("?", half: half)), -1) ON CONFLICT (word) DO UPDATE SET bits = -1",
                              arguments: [womanId])
            }
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
                let columns = (0..<2).map { "\(PersonsByIdNumber.word("?1", half: $0)), \(PersonsByIdNumber.mask("?1", half: $0))" }
                let sql = try #require(try Row.fetchOne(d, sql: "SELECT " + columns.joined(separator: ", "), arguments: [number]))
                #expect(key == PersonsByIdNumber.Key(first: .init(word: sql[0], mask: sql[1]), second: .init(word: sql[2], mask: sql[3])), "\(number)")
                for half in [key.first, key.second] {
                    #expect(half.mask.nonzeroBitCount >= 1 && half.mask.nonzeroBitCount <= 3)
                    #expect((0..<PersonsByIdNumber.words).contains(half.word))
                }
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
        for serial in 101...(101 + IdFilterPending.Limits.standard.batches) { try importOne(db, serial: serial, community: "630102002") }
        #expect(try recentWordCount(db) == 0)
        #expect(try count(db, "person_id_filter_pending") == 0)
        #expect(try db.personsWithIdNumber(odd).map(\.id) == [id])
        try expectFilterHoldsEveryStoredNumber(db)
    }

    /// Each import's keys wait as one pending batch; the import that would pass the limit of batches folds the
    /// batches and the recent words into the blocks and empties both tables. No number is lost on the way.
    @Test func importsLeavePendingBatchesUntilOneFoldsThemIntoTheBlocks() throws {
        let db = try emptyDatabase()
        try addCommunity(db, "630102002", name: "南关社区")
        for serial in 1...30 { _ = try db.savePerson(intending(id: validId(serial: serial), name: "王五"), community: "630102001") }
        #expect(try recentWordCount(db) == 60)
        let limit = IdFilterPending.Limits.standard.batches
        for batch in 1...limit {
            try importOne(db, serial: 100 + batch, community: "630102002")
            #expect(try count(db, "person_id_filter_pending") == batch)
            #expect(try count(db, "person_id_filter_block") == 0)
            #expect(try recentWordCount(db) == 60)
        }
        try expectFilterHoldsEveryStoredNumber(db)
        // An earlier import's number is found by a later import into another community; that import's new number
        // would be a batch past the limit, so it folds.
        let rows = [ImportRow(line: 2, fields: intending(id: validId(serial: 101))), ImportRow(line: 3, fields: intending(id: validId(serial: 200)))]
        let report = try db.importPersons(rows, community: "630102001", mode: .skipInvalid)
        #expect(report.imported == 2)
        #expect(report.warnings.map(\.line) == [2])
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        #expect(try count(db, "person_id_filter_pending") == 0)
        #expect(try recentWordCount(db) == 0)
        #expect(try count(db, "person_id_filter_block") > 0)
        try expectFilterHoldsEveryStoredNumber(db)
        #expect(try db.personsWithIdNumber(validId(serial: 116)).map(\.communityCode) == ["630102002"])
        // A person saved after the fold is a recent word again, and found.
        _ = try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102001")
        #expect(try recentWordCount(db) == 2)
        try expectFilterHoldsEveryStoredNumber(db)
    }

    /// An import whose keys would pass the limit of pending entries folds at once, whatever the batch count.
    @Test func tooManyPendingEntriesFoldIntoTheBlocks() throws {
        let db = try emptyDatabase()
        let limits = IdFilterPending.Limits(batches: 100, entries: 40)
        var generator = SystemRandomNumberGenerator()
        func randomKeys(_ n: Int) -> [PersonsByIdNumber.Key] {
            (0..<n).map { _ in
                PersonsByIdNumber.Key(first: .init(word: Int64.random(in: 0..<PersonsByIdNumber.words, using: &generator), mask: 1 << 5),
                                      second: .init(word: Int64.random(in: 0..<PersonsByIdNumber.words, using: &generator), mask: 1 << 7))
            }
        }
        let first = randomKeys(15), second = randomKeys(10)  // two entries each: 30, then 50
        try db.writer.write { d in
            var image = try IdFilterImage.load(d)
            for key in first { image.insert(key) }
            try image.save(d, limits: limits)
        }
        #expect(try count(db, "person_id_filter_pending") == 1)
        try db.writer.write { d in
            var image = try IdFilterImage.load(d)
            for key in second { image.insert(key) }
            try image.save(d, limits: limits)
        }
        #expect(try count(db, "person_id_filter_pending") == 0)
        try db.writer.read { d in
            let image = try IdFilterImage.load(d)
            for key in first + second {
                #expect(image.mayContain(key))
                #expect(try IdFilterImage.storedWords(d, [key.first.word])[0] & 1 << 5 != 0)
                #expect(try IdFilterImage.storedWords(d, [key.second.word])[0] & 1 << 7 != 0)
                #expect(try PersonsByIdNumber.mayBeStored(d, key: key))
            }
        }
    }

    /// A key's pending entries give back its mask, whatever its bits (more than six take more than one entry).
    @Test func pendingEntriesKeepEveryBitOfAKey() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bits = Int.random(in: 1...64, using: &generator)
            var mask: UInt64 = 0
            while mask.nonzeroBitCount < bits { mask |= 1 << UInt64.random(in: 0..<64, using: &generator) }
            let word = Int64.random(in: 0..<PersonsByIdNumber.words, using: &generator)
            var entries: [UInt64] = []
            IdFilterPending.append(PersonsByIdNumber.WordBits(word: word, mask: Int64(bitPattern: mask)), to: &entries)
            #expect(entries.count == (bits + 5) / 6)
            #expect(entries.allSatisfy { IdFilterPending.word($0) == Int(word) })
            #expect(entries.reduce(0) { $0 | IdFilterPending.mask($1) } == mask)
        }
    }

    /// A single look-up binary-searches each pending batch: for every word, touched or not, at the ends of the
    /// word range or shared by many keys, it must read exactly the bits the batches set.
    @Test func aSingleLookUpReadsThePendingBitsOfEveryWord() throws {
        let db = try emptyDatabase()
        var generator = SystemRandomNumberGenerator()
        let crowded: [Int64] = [0, 1, 77, PersonsByIdNumber.words - 1]
        var expected: [Int64: UInt64] = [:]
        for _ in 0..<3 {
            try db.writer.write { d in
                var image = try IdFilterImage.load(d)
                func randomBits(_ i: Int) -> PersonsByIdNumber.WordBits {
                    let word = i % 3 == 0 ? crowded.randomElement(using: &generator)! : Int64.random(in: 0..<PersonsByIdNumber.words, using: &generator)
                    var mask: UInt64 = 0
                    for _ in 0..<3 { mask |= 1 << UInt64.random(in: 0..<64, using: &generator) }
                    expected[word, default: 0] |= mask
                    return .init(word: word, mask: Int64(bitPattern: mask))
                }
                for i in 0..<1500 { image.insert(PersonsByIdNumber.Key(first: randomBits(i), second: randomBits(i + 1))) }
                try image.save(d)
            }
        }
        #expect(try count(db, "person_id_filter_pending") == 3)
        #expect(try count(db, "person_id_filter_block") == 0)
        var words = Set(expected.keys)
        for _ in 0..<500 { words.insert(Int64.random(in: 0..<PersonsByIdNumber.words, using: &generator)) }
        // Word by word, and all in one pass over the batches.
        let wrong = try db.writer.read { d in try words.filter { try IdFilterImage.storedWords(d, [$0])[0] != expected[$0, default: 0] } }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        let all = Array(words)
        let together = try db.writer.read { d in try IdFilterImage.storedWords(d, all) }
        #expect(together == all.map { expected[$0, default: 0] })
    }

    @Test func upgradingADatabaseFillsTheFilterFromTheRegister() throws {
        let db = try databaseWithImportedPersons(200)
        // Back to the v9 schema, then migrate again.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TRIGGER person_id_filter_insert; DROP TRIGGER person_id_filter_update; DROP TABLE person_id_filter;
                DROP TABLE person_id_filter_block; DROP TABLE person_id_filter_pending;
                CREATE INDEX person_by_id_number ON person(id_number);
                DELETE FROM grdb_migrations WHERE identifier IN ('v10', 'v11', 'v12', 'v13');
                """)
        }
        try Migrations.migrator().migrate(db.writer)
        try expectFilterHoldsEveryStoredNumber(db)
        let report = try db.importPersons([ImportRow(line: 2, fields: intending(id: validId(serial: 7)))], community: "630102001", mode: .allOrNothing)
        #expect(report.warnings.first?.findings.map(\.code) == ["id.other_community"])
        let indexes = try db.writer.read { d in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person'") }
        #expect(!indexes.contains("person_by_id_number"))
    }

    /// v13 moved each number's bits into two words: a v12 filter (one word per number, its triggers) is rebuilt from
    /// the register, and the new triggers set both words.
    @Test func upgradingFromV12RebuildsTheFilterWithTwoWordsPerNumber() throws {
        let db = try databaseWithImportedPersons(300)
        _ = try db.savePerson(intending(id: womanId, name: "李梅"), community: "630102001")
        // Back to v12: the old trigger, the numbers' old words in the word table, no blocks, no pending batch.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TRIGGER person_id_filter_insert;
                CREATE TRIGGER person_id_filter_insert AFTER INSERT ON person BEGIN
                    INSERT INTO person_id_filter (word, bits) VALUES (\(Self.v10Word("NEW.id_number")), \(Self.v10Mask("NEW.id_number")))
                    ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                END;
                DELETE FROM person_id_filter_block; DELETE FROM person_id_filter_pending; DELETE FROM person_id_filter;
                INSERT INTO person_id_filter (word, bits) SELECT \(Self.v10Word("id_number")), \(Self.v10Mask("id_number")) FROM person WHERE true
                ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                DELETE FROM grdb_migrations WHERE identifier = 'v13';
                """)
        }
        try Migrations.migrator().migrate(db.writer)
        #expect(try recentWordCount(db) == 0)
        #expect(try count(db, "person_id_filter_block") > 0)
        try expectFilterHoldsEveryStoredNumber(db)
        // A single save after the upgrade goes through the new trigger: its two words, and it is found.
        let number = validId(serial: 900)
        _ = try db.savePerson(intending(id: number, name: "王五"), community: "630102001")
        let key = try #require(PersonsByIdNumber.key(number))
        let recent = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT word FROM person_id_filter ORDER BY word") }
        #expect(recent == [key.first.word, key.second.word].sorted())
        try expectFilterHoldsEveryStoredNumber(db)
    }

    @Test func upgradingFromV10MovesEveryWordIntoBlocks() throws {
        let db = try databaseWithImportedPersons(300)
        // Back to v10: every word in the word table, as v10's backfill and triggers left it.
        try db.writer.write { d in
            try d.execute(sql: """
                DROP TABLE person_id_filter_block; DROP TABLE person_id_filter_pending;
                INSERT INTO person_id_filter (word, bits) SELECT \(Self.v10Word("id_number")), \(Self.v10Mask("id_number")) FROM person WHERE true
                ON CONFLICT (word) DO UPDATE SET bits = bits | excluded.bits;
                DELETE FROM grdb_migrations WHERE identifier IN ('v11', 'v12', 'v13');
                """)
        }
        #expect(try recentWordCount(db) > 250)
        try Migrations.migrator().migrate(db.writer)
        #expect(try recentWordCount(db) == 0)
        try expectFilterHoldsEveryStoredNumber(db)
    }
}
