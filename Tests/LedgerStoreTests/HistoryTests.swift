import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The audit trail as a clerk reads it: only what changed, in the register's order, and undo that steps back.
struct HistoryTests {
    @Test func anEditRecordsOnlyTheFieldsThatChangedNotTheWarningsAcceptedBefore() throws {
        // Given a service outside the period, saved with its warning accepted
        let db = try emptyDatabase()
        _ = try db.savePerson(intending(), community: "630102001")
        let saved = try db.recordService(service(date: "2023-12-20"), community: "630102001",
                                         acceptedWarnings: ["date.outside_period": "上年度补录"])
        let id = try #require(saved.saved?.id)
        let opened = try #require(try db.open(RecordRef(.service, id: id)))
        // When the clerk edits its content (the form passes the accepted warning back, as it always does)
        var fields = opened.fields
        fields["content"] = "讲解开业流程、补贴政策和场地"
        _ = try db.recordService(fields, community: "630102001", editing: opened.token, acceptedWarnings: opened.accepted)
        // Then the edit's entry lists the content only
        let edit = try #require(try db.history(of: RecordRef(.service, id: id)).last)
        #expect(edit.action == "update")
        #expect(edit.changes.map(\.field) == ["content"])
    }

    @Test func aNewRecordsFieldsAreListedInTheRegistersOrder() throws {
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let insert = try #require(try db.history(of: RecordRef(.survey, id: id)).first)
        let fields = insert.changes.map(\.field)
        let positions = fields.compactMap { Register.survey.position(ofKey: $0) }
        #expect(positions.count == fields.count)
        #expect(positions == positions.sorted())
        #expect(fields.prefix(2) == ["name", "id_number"])
    }

    @Test func undoPressedTwiceUndoesTheChangeBeforeThenSaysThereIsNothingMore() throws {
        // Given a person edited twice: phone, then address
        let db = try emptyDatabase()
        let id = try #require(try db.savePerson(intending(), community: "630102001").saved?.id)
        let first = try #require(try db.person(id: id)).token
        _ = try db.savePerson(intending(["phone": "13800001111"]), community: "630102001", editing: first)
        let second = try #require(try db.person(id: id)).token
        _ = try db.savePerson(intending(["phone": "13800001111", "address": "八一路2号"]), community: "630102001", editing: second)
        // When undo is pressed, the address goes
        #expect(try db.undoLastChange(RecordRef(.survey, id: id)).saved != nil)
        var now = try #require(try db.person(id: id)).person
        #expect(now.address == nil && now.phone == "13800001111")
        // Pressed again, the phone change goes too (not the address back)
        #expect(try db.undoLastChange(RecordRef(.survey, id: id)).saved != nil)
        now = try #require(try db.person(id: id)).person
        #expect(now.address == nil && now.phone == "13912345678")
        // A third time there is nothing left: the record's first entry is its creation
        #expect { _ = try db.undoLastChange(RecordRef(.survey, id: id)) } throws: {
            ($0 as? StoreError)?.message == "没有更早的修改可以撤销"
        }
        #expect(try db.person(id: id)?.person.phone == "13912345678")
    }
}
