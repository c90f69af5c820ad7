import Foundation
import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// Finding persons as clerks type them (issue 17.7 and 17.8).
struct NameAndNumberSearchTests {
    func names(_ db: AppDatabase, _ query: String) throws -> [String] {
        try db.searchPersons(community: "630102001", query: query).map(\.name)
    }

    /// Polyphonic surnames are read as surnames: 曾 zeng, 单 shan, 解 xie, 仇 qiu, 区 ou, 查 zha, 尉迟 yu chi, 万俟 mo qi.
    @Test func surnamesAreReadAsSurnames() throws {
        let db = try emptyDatabase()
        let persons = [("曾小明", "zxm"), ("单田芳", "stf"), ("解晓东", "xxd"), ("仇英", "qy"), ("区志强", "ozq"),
                       ("查海", "zh"), ("尉迟恭", "ycg"), ("万俟雪", "mqx"), ("欧阳娜", "oyn")]
        for (i, (name, _)) in persons.enumerated() {
            #expect(try db.savePerson(intending(id: validId(serial: i + 1), name: name), community: "630102001").saved != nil)
        }
        for (name, initials) in persons {
            #expect(try names(db, initials) == [name], "\(name) by \(initials)")
        }
        // Sorted by sound, 曾 is a Z.
        let key = try db.writer.read { try String.fetchOne($0, sql: "SELECT name_key FROM person WHERE name = '曾小明'") }
        #expect(key == "zeng xiao ming")
        #expect(try names(db, "曾小") == ["曾小明"])
        // The first character of a compound surname finds it, though alone it reads otherwise (尉 wei, 尉迟 yu chi).
        #expect(try names(db, "尉") == ["尉迟恭"])
        #expect(try names(db, "万") == ["万俟雪"])
    }

    /// A polyphonic character after the surname is found by any of its readings: 长 zhang/chang, 乐 le/yue.
    @Test func otherReadingsOfTheGivenNameMatch() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(id: validId(serial: 1), name: "张长乐"), community: "630102001")
        for query in ["zzl", "zcl", "zzy", "zcy", "zc"] {
            #expect(try names(db, query) == ["张长乐"], "\(query)")
        }
        #expect(try names(db, "zx").isEmpty)
        // The surname is read one way only, even one with other readings as a plain character (董 dong, not zhong).
        _ = try db.savePerson(intending(id: validId(serial: 2), name: "董明"), community: "630102001")
        #expect(try names(db, "dm") == ["董明"])
        #expect(try names(db, "zm").isEmpty)
    }

    /// A renamed person is found by the new name's readings only; a deleted one by none.
    @Test func renamingAndDeletingKeepTheOtherReadingsRight() throws {
        let db = try emptyDatabase()
        let saved = try #require(try db.savePerson(intending(id: validId(serial: 1), name: "张长乐"), community: "630102001").saved)
        let opened = try #require(try db.open(RecordRef(.survey, id: saved.id ?? 0)))
        var fields = opened.fields
        fields["name"] = "张三"
        #expect(try db.savePerson(fields, community: "630102001", editing: opened.token).saved != nil)
        #expect(try names(db, "zcl").isEmpty)
        #expect(try names(db, "zs") == ["张三"])
        _ = try db.savePerson(intending(id: validId(serial: 2), name: "李长明"), community: "630102001")
        let li = try #require(try db.searchPersons(community: "630102001", query: "lzm").first)
        try db.delete(RecordRef(.survey, id: li.id), reason: "重复登记")
        #expect(try names(db, "lzm").isEmpty)
    }

    @Test func importedPersonsAreFoundByEveryReading() throws {
        let db = try emptyDatabase()
        let rows = [ImportRow(line: 2, fields: intending(id: validId(serial: 1), name: "曾长乐")),
                    ImportRow(line: 3, fields: intending(id: validId(serial: 2), name: "王五"))]
        #expect(try db.importPersons(rows, community: "630102001", mode: .allOrNothing).imported == 2)
        #expect(try names(db, "zcy") == ["曾长乐"])
        #expect(try names(db, "zzl") == ["曾长乐"])
        #expect(try names(db, "ww") == ["王五"])
    }

    /// A database whose keys were computed by the old reading (曾 as ceng) is brought up to date when opened.
    @Test func olderKeysAreRecomputedWhenTheDatabaseIsOpened() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let db = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
            try db.saveCommunity(community())
            _ = try db.savePerson(intending(id: validId(serial: 1), name: "曾长乐"), community: "630102001")
            // As an older version left it.
            try db.writer.write { db in
                try db.execute(sql: """
                    UPDATE person SET pinyin = 'ccl', name_key = 'ceng zhang le';
                    DELETE FROM person_initials;
                    UPDATE search_key_version SET version = 0;
                    """)
            }
            #expect(try names(db, "zcl").isEmpty)
        }
        let reopened = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
        #expect(try names(reopened, "zzl") == ["曾长乐"])
        #expect(try names(reopened, "zcy") == ["曾长乐"])
        let key = try reopened.writer.read { try String.fetchOne($0, sql: "SELECT name_key FROM person") }
        #expect(key == "zeng zhang le")
    }

    /// Lists show an ID number's last four digits, so those find the person; the start of the number still does.
    @Test func idNumbersAreFoundByTheirLastDigits() throws {
        let db = try emptyDatabase()
        let first = validId(serial: 109), second = validId(serial: 310)
        _ = try db.savePerson(intending(id: first, name: "张三"), community: "630102001")
        _ = try db.savePerson(intending(id: second, name: "李四"), community: "630102001")
        #expect(try names(db, String(first.suffix(4))) == ["张三"])
        #expect(try names(db, String(second.suffix(6))) == ["李四"])
        #expect(try names(db, String(first.prefix(16))) == ["张三"])
        #expect(try names(db, "630102").count == 2)
        // The last digits are one range of the tail index, not a scan of the community.
        let plan = try db.writer.read { try Row.fetchAll($0, sql: """
            EXPLAIN QUERY PLAN SELECT id FROM person WHERE community_code = ? AND deleted_at IS NULL
            AND substr(id_number, 15) = ? AND substr(id_number, ?) = ? ORDER BY id LIMIT 8
            """, arguments: ["630102001", "1096", 15, "1096"]) }
        #expect(plan.map { $0["detail"] as String }.joined().contains("person_by_id_tail"))
    }

    /// The service and activity registers are searched by person (name, initials, ID digits) and by their text.
    @Test func serviceAndActivityRegistersAreSearched() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(id: maleId, name: "张三"), community: "630102001")
        _ = try db.savePerson(intending(id: womanId, name: "李四"), community: "630102001")
        _ = try db.recordService(service(maleId), community: "630102001")
        var other = service(womanId)
        other["content"] = "办理创业担保贷款"
        _ = try db.recordService(other, community: "630102001")
        func services(_ query: String) throws -> [String] {
            try db.searchRecords(.service, community: "630102001", query: query, limit: 10).map { $0.fields["name"] ?? "" }
        }
        #expect(try services("zs") == ["张三"])
        #expect(try services(String(womanId.suffix(4))) == ["李四"])
        #expect(try services("李") == ["李四"])
        #expect(try services("担保贷款") == ["李四"])
        #expect(try services("wz").isEmpty)
        _ = try db.saveActivity(["date": "2024-06-01", "kind": "创业典型", "title": "张三返乡开店", "person_id": maleId,
                                 "story": "返乡创业"], community: "630102001")
        _ = try db.saveActivity(["date": "2024-06-02", "kind": "宣传活动", "title": "政策宣讲会", "participants": "30"],
                                community: "630102001")
        func activities(_ query: String) throws -> [String] {
            try db.searchRecords(.activity, community: "630102001", query: query, limit: 10).map { $0.fields["title"] ?? "" }
        }
        #expect(try activities("zs") == ["张三返乡开店"])
        #expect(try activities(String(maleId.suffix(4))) == ["张三返乡开店"])
        #expect(try activities("宣讲") == ["政策宣讲会"])
        #expect(try activities("宣传") == ["政策宣讲会"])
    }
}
