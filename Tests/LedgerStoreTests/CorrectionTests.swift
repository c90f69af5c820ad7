import Foundation
import GRDB
import Testing
@testable import LedgerCore
@testable import LedgerStore

struct CorrectionTests {
    @Test func softDeleteHidesCountsAndRestores() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        #expect(throws: StoreError.self) { try db.delete(RecordRef(.survey, id: id), reason: "  ") }
        try db.delete(RecordRef(.survey, id: id), reason: "重复登记")
        #expect(try db.count(.survey, community: "630102001") == 0)
        #expect(try db.scoreFacts(community: "630102001")[.registered] == 0)
        #expect(try db.page(.survey, community: "630102001", afterId: nil, limit: 10, deleted: true).map(\.deletedReason) == ["重复登记"])
        // The same person may be registered again while the old row is deleted; then the old one cannot come back.
        _ = try db.savePerson(intending(), community: "630102001")
        #expect(throws: StoreError.self) { try db.restore(RecordRef(.survey, id: id)) }
        let history = try db.history(of: RecordRef(.survey, id: id))
        #expect(history.last?.action == "delete")
    }

    @Test func undoRevertsTheOperatorsOwnLastChangeOnly() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let (_, token) = try #require(try db.person(id: id))
        _ = try db.savePerson(intending(["phone": "13800001111"]), community: "630102001", editing: token)
        let undone = try db.undoLastChange(RecordRef(.survey, id: id))
        #expect(undone.saved != nil)
        #expect(try db.person(id: id)?.person.phone == "13912345678")
        #expect(try db.history(of: RecordRef(.survey, id: id)).last?.action == "undo")
        // Someone else's change cannot be undone by this operator.
        let other = AppDatabase(sharing: db, operatorName: "李娜")
        let (_, token2) = try #require(try other.person(id: id))
        _ = try other.savePerson(intending(["phone": "13700002222"]), community: "630102001", editing: token2)
        #expect { _ = try db.undoLastChange(RecordRef(.survey, id: id)) } throws: { ($0 as? StoreError)?.message.contains("只能撤销自己的修改") == true }
    }

    /// Who made the change that cannot be undone, and when, as every time is shown (both engines share the rule).
    @Test func undoingSomeoneElsesChangeSaysWhenAsTimesAreShown() throws {
        let entry = AuditEntry(id: 1, at: "2026-12-07T03:05:41", operatorName: "fe_clerk1", communityCode: "630102001",
                               recordTable: "person", recordId: "5", action: "update", changes: [])
        #expect { _ = try AppDatabase.changeToUndo([entry], operatorName: "王芳") } throws: {
            ($0 as? StoreError)?.message == "最近一次修改由fe_clerk1于2026-12-07 03:05完成，只能撤销自己的修改"
        }
    }

    @Test func twoConnectionsSavingTheSameRecordOneWinsTheOtherIsTold() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-conflict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ledger.sqlite").path
        let clerkA = try AppDatabase.open(path: path, operatorName: "王芳", today: { today })
        try clerkA.saveCommunity(community())
        let id = try #require(try clerkA.savePerson(intending(), community: "630102001").saved?.id)
        let clerkB = try AppDatabase.open(path: path, operatorName: "李娜", today: { today })
        // Both open the record.
        let (_, tokenA) = try #require(try clerkA.person(id: id))
        let (_, tokenB) = try #require(try clerkB.person(id: id))
        // A saves first and wins.
        _ = try clerkA.savePerson(intending(["phone": "13800001111"]), community: "630102001", editing: tokenA)
        // B is told, with A's value, and overwrites nothing.
        #expect { _ = try clerkB.savePerson(intending(["address": "八一路2号"]), community: "630102001", editing: tokenB) } throws: { error in
            guard let conflict = error as? EditConflict else { return false }
            return conflict.changedMeanwhile == [FieldChange(field: "phone", old: "13912345678", new: "13800001111")]
        }
        let now = try #require(try clerkB.person(id: id)).person
        #expect(now.phone == "13800001111" && now.address == nil)
    }

    @Test func pagesAreKeysetRanges() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        _ = try db.savePerson(intending(id: womanId, name: "李四"), community: "630102001")
        let first = try db.page(.survey, community: "630102001", afterId: nil, limit: 1)
        let second = try db.page(.survey, community: "630102001", afterId: first.last?.id, limit: 1)
        #expect(first.map { $0.fields["name"] } == ["张三"] && second.map { $0.fields["name"] } == ["李四"])
        #expect(try db.page(.survey, community: "630102001", beforeId: second[0].id, limit: 5).map(\.id) == first.map(\.id))
        let plan = try db.writer.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT * FROM person WHERE community_code = ? AND id > ? AND deleted_at IS NULL ORDER BY id LIMIT 20", arguments: ["x", 0]) }
        #expect(!plan.map { $0["detail"] as String }.joined().contains("TEMP B-TREE"))
        let namePlan = try db.writer.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT * FROM person WHERE community_code = ? AND deleted_at IS NULL AND (name_key, id) > (?, ?) ORDER BY name_key, id LIMIT 20", arguments: ["x", "", 0]) }
        #expect(namePlan.map { $0["detail"] as String }.joined().contains("person_by_name_key"))
        // Every sort key declared indexed is read in index order: no temporary sort, for each register.
        for (register, keys) in AppDatabase.sortKeys {
            for (column, key) in keys where key.indexed {
                let sql = "EXPLAIN QUERY PLAN SELECT * FROM \(register.table) WHERE community_code = ? AND deleted_at IS NULL AND (\(key.expression), id) > (?, ?) ORDER BY \(key.expression), id LIMIT 20"
                let plan = try db.writer.read { try Row.fetchAll($0, sql: sql, arguments: ["x", "", 0]) }
                #expect(!plan.map { $0["detail"] as String }.joined().contains("TEMP B-TREE"), "\(register) \(column)")
            }
        }
    }
}

struct PermissionTests {
    @Test func clerksWriteOnlyTheirCommunitySupervisorsAll() throws {
        let admin = try emptyDatabase()
        var second = community("630102002")
        second.name = "南关社区"
        try admin.saveCommunity(second)
        // No operators yet: everyone may write.
        #expect(try admin.writableCommunities() == nil)
        // The first operator must be a supervisor; then only a supervisor registers others.
        try admin.saveOperator("督导员", role: .supervisor, communities: [])
        try AppDatabase(sharing: admin, operatorName: "督导员").saveOperator("王芳", role: .clerk, communities: ["630102001"])
        let clerk = AppDatabase(sharing: admin, operatorName: "王芳")
        #expect(try clerk.writableCommunities() == ["630102001"])
        #expect(try clerk.savePerson(intending(), community: "630102001").saved != nil)
        #expect { _ = try clerk.savePerson(intending(id: womanId, name: "李四"), community: "630102002") } throws: {
            ($0 as? StoreError)?.message.contains("无权修改社区630102002") == true
        }
        // Reading another community is still allowed.
        #expect(try clerk.scoreFacts(community: "630102002")[.registered] == 0)
        let supervisor = AppDatabase(sharing: admin, operatorName: "督导员")
        #expect(try supervisor.savePerson(intending(id: womanId, name: "李四"), community: "630102002").saved != nil)
        // An operator who is not registered only reads.
        let stranger = AppDatabase(sharing: admin, operatorName: "路人")
        #expect(throws: StoreError.self) { _ = try stranger.importPersons([], community: "630102001", mode: .allOrNothing) }
        #expect(try admin.countsByCommunity()["630102002"]?.persons == 1)
    }
}

struct SortedPageTests {
    @Test func sortedPagesWalkTheWholeRegisterInOrderWithoutOffsets() throws {
        let db = try emptyDatabase()
        let names = ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"]
        let rows = names.enumerated().map { i, name -> ImportRow in
            let body = "6301021990030\(i + 1)01\(i)"
            let id = body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
            return ImportRow(line: i + 2, fields: intending(id: id, name: name, ["status": i % 2 == 0 ? "有创业意愿" : "已创业",
                "survey_date": "2024-0\(7 - i)-0\(i + 1)",
                "entity_name": i % 2 == 0 ? "" : "店", "entity_type": i % 2 == 0 ? "" : "企业", "license_date": i % 2 == 0 ? "" : "2024-02-01"]))
        }
        let report = try db.importPersons(rows, community: "630102001", mode: .allOrNothing)
        #expect(report.imported == 7, "\(report.rejected)")
        // Walks every page forward by keyset and returns the rows' values of `field`.
        func walk(_ register: Register, by column: String, field: String) throws -> [String] {
            var seen: [String] = []
            var after: (String, Int64)?
            repeat {
                let page = try db.page(PageRequest(register: register, community: "630102001", sortColumn: column, after: after, limit: 3))
                seen += page.map { $0.fields[field] ?? "" }
                after = page.last.map { ($0.sortKey, $0.id) }
                if page.count < 3 { break }
            } while true
            return seen
        }
        // Names by pinyin (li, qian, sun, wu, zhao, zheng, zhou), not by code point.
        #expect(try walk(.survey, by: "name", field: "name") == ["李四", "钱二", "孙三", "吴六", "赵一", "郑七", "周五"])
        #expect(names.sorted() != ["李四", "钱二", "孙三", "吴六", "赵一", "郑七", "周五"])
        // Columns without an index sort too, ties broken by id; the walk sees every row once.
        let byStatus = try walk(.survey, by: "status", field: "name")
        #expect(Set(byStatus) == Set(names) && byStatus.count == 7)
        #expect(try walk(.survey, by: "trained", field: "name").count == 7)
        #expect(try walk(.survey, by: "phone", field: "name").count == 7)
        for (i, participants) in ["30", "", "5", "120", ""].enumerated() {
            var fields = ["date": "2024-05-0\(i + 1)", "kind": "宣传活动", "title": "宣讲\(i)"]
            if !participants.isEmpty { fields["participants"] = participants }
            _ = try db.saveActivity(fields, community: "630102001")
        }
        // Numbers sort as numbers, and rows without a value are not skipped by the keyset.
        #expect(try walk(.activity, by: "participants", field: "participants") == ["", "", "5", "30", "120"])
        let started = try db.page(PageRequest(register: .survey, community: "630102001", limit: 10, status: "已创业"))
        #expect(started.count == 3)
        // Survey dates (no index since v9: a top-N pass over the community) in date order, later rows first here.
        #expect(try walk(.survey, by: "survey_date", field: "name") == names.reversed())
        #expect(try walk(.survey, by: "id_number", field: "name") == names)
    }
}

struct PersonSearchTests {
    @Test func namesInitialsAndIdDigitsFindPersonsThroughOneIndexRange() throws {
        let db = try emptyDatabase()
        let names = ["张三", "章三", "张三丰", "李四", "张伟", "买买提·艾力"]
        let rows = names.enumerated().map { i, name in
            ImportRow(line: i + 2, fields: intending(id: validId(serial: i + 1), name: name))
        }
        #expect(try db.importPersons(rows, community: "630102001", mode: .allOrNothing).imported == names.count)
        func found(_ query: String) throws -> [String] {
            try db.searchPersons(community: "630102001", query: query, limit: 8).map(\.name)
        }
        // A name prefix reads the pinyin range and keeps only names starting with what was typed: 章三 sounds the
        // same as 张三 and is not a match.
        #expect(try found("张三") == ["张三", "张三丰"])
        #expect(try found("张") == ["张三", "张三丰", "张伟"])
        #expect(try found("章") == ["章三"])
        #expect(try found("买买提") == ["买买提·艾力"])
        #expect(try found("王").isEmpty)
        // Initials, in pinyin order; ID digits by prefix.
        #expect(try found("zs") == ["张三", "章三", "张三丰"])
        #expect(try found("ZSF") == ["张三丰"])
        let id = validId(serial: 4)
        #expect(try found(String(id.prefix(17))) == ["李四"])
        #expect(try db.searchPersons(community: "630102001", query: "张", limit: 2).map(\.name) == ["张三", "张三丰"])
        // Deleted persons are not found.
        let lisi = try #require(try db.searchPersons(community: "630102001", query: "李四").first)
        try db.delete(RecordRef(.survey, id: lisi.id), reason: "重复登记")
        #expect(try found("李四").isEmpty)
        // Each form is one index range read in result order: no scan of the community, no sort.
        for (column, index) in [("name_key", "person_by_name_key"), ("pinyin", "person_by_pinyin"), ("id_number", "person_unique_id_number")] {
            let plan = try db.writer.read { try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT id FROM person WHERE community_code = ? AND deleted_at IS NULL AND name >= ? AND \(column) >= ? AND \(column) < ? ORDER BY \(column), id LIMIT 8", arguments: ["x", "", "a", "b"]) }
            let detail = plan.map { $0["detail"] as String }.joined()
            #expect(detail.contains(index) && !detail.contains("TEMP B-TREE"), "\(column): \(detail)")
        }
    }
}

struct FilterQueryTests {
    @Test func categoryAndDateFiltersSelectTheRightRows() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(["categories": "退役军人", "survey_date": "2024-02-01"]), community: "630102001")
        _ = try db.savePerson(intending(id: womanId, name: "李四", ["categories": "残疾人", "survey_date": "2024-08-01"]), community: "630102001")
        let veterans = try db.page(PageRequest(register: .survey, community: "630102001", limit: 10, category: "退役军人"))
        #expect(veterans.map { $0.fields["name"] } == ["张三"])
        let later = try db.page(PageRequest(register: .survey, community: "630102001", limit: 10, dates: Period.parse("2024-07-01..2024-12-31")))
        #expect(later.map { $0.fields["name"] } == ["李四"])
    }
}

struct StaleEditTests {
    @Test func staleServiceAndActivityEditsAreRefused() throws {
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        let serviceId = try #require(try db.recordService(service(), community: "630102001").saved?.id)
        let activityId = try #require(try db.saveActivity(["date": "2024-05-01", "kind": "宣传活动", "title": "政策宣讲", "participants": "30"],
                                                          community: "630102001").saved?.id)
        let staleService = try #require(try db.open(RecordRef(.service, id: serviceId))).token
        let staleActivity = try #require(try db.open(RecordRef(.activity, id: activityId))).token
        var changed = service()
        changed["content"] = "第二次讲解开业流程"
        _ = try db.recordService(changed, community: "630102001", editing: staleService)
        _ = try db.saveActivity(["date": "2024-05-01", "kind": "宣传活动", "title": "政策宣讲会", "participants": "30"],
                                community: "630102001", editing: staleActivity)
        #expect(throws: EditConflict.self) { _ = try db.recordService(service(), community: "630102001", editing: staleService) }
        #expect { _ = try db.saveActivity(["date": "2024-05-01", "kind": "宣传活动", "title": "别的名称"], community: "630102001",
                                          editing: staleActivity) } throws: {
            ($0 as? EditConflict)?.changedMeanwhile == [FieldChange(field: "title", old: "政策宣讲", new: "政策宣讲会")]
        }
        #expect(try db.open(RecordRef(.service, id: serviceId))?.fields["content"] == "第二次讲解开业流程")
    }
}
