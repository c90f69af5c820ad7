import GRDB
import LedgerCore

/// A person found by search.
public struct PersonMatch: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let idNumber: String
    public let status: String
}

extension AppDatabase {
    /// Persons of a community whose name, ID number or pinyin initials start with `query`. Each form of query
    /// reads one index range, so the cost does not grow with the register: ID digits the unique ID index,
    /// initials `person_by_pinyin`, and a name the pinyin key index from the typed characters' pinyin (`张` reads
    /// the `zhang` range), keeping the rows whose name starts with what was typed (homophones such as 章 are
    /// read and dropped). Names come in pinyin order.
    public func searchPersons(community: String, query raw: String, limit: Int = 8) throws -> [PersonMatch] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        let column: String
        var key = query
        var nameFilter = ""
        var nameRange: [String] = []
        if query.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }) {
            column = "id_number"
            key = query.uppercased()
        } else if query.allSatisfy({ $0.isASCII && $0.isLetter }) {
            column = "pinyin"
            key = query.lowercased()
        } else {
            column = "name_key"
            key = PersonRecord.nameKey(query)
            nameFilter = " AND name >= ? AND name < ?"
            nameRange = [query, query + "\u{10FFFF}"]
        }
        let arguments = StatementArguments([community] + nameRange + [key, key + "\u{10FFFF}"]) + [limit]
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, name, id_number, status FROM person
                WHERE community_code = ? AND deleted_at IS NULL\(nameFilter) AND \(column) >= ? AND \(column) < ?
                ORDER BY \(column), id LIMIT ?
                """, arguments: arguments).map {
                PersonMatch(id: $0["id"], name: $0["name"], idNumber: $0["id_number"], status: $0["status"])
            }
        }
    }

    /// Active persons with an ID number, in any community (duplicate checks while typing).
    public func personsWithIdNumber(_ idNumber: String) throws -> [ValidationContext.ExistingPerson] {
        try read { db in try PersonsByIdNumber.fetch(db, idNumber: idNumber) }
    }

    /// A person of a community with their number of services in the period (for a service draft's preview).
    public func personWithServices(community: String, idNumber: String) throws -> (Person, Int)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE community_code = ? AND id_number = ? AND deleted_at IS NULL",
                                             arguments: [community, idNumber]) else { return nil }
            return (try PersonRecord.person(from: row), row["services_in_period"])
        }
    }

    /// Stores one of the operator's forms in progress under its slot. Written durably: it is what survives a crash.
    public func storeDraft(slot: String, content: String) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO kept_draft (operator, slot, content, saved_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(operator, slot) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at
                """, arguments: [operatorName, slot, content, now()])
        }
    }

    /// Removes one kept draft (saved or discarded by the clerk); the operator's other drafts stay.
    public func discardDraft(slot: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM kept_draft WHERE operator = ? AND slot = ?", arguments: [operatorName, slot])
        }
    }

    /// Every form in progress the operator left, oldest first.
    public func keptDrafts() throws -> [KeptDraft] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT slot, content, saved_at FROM kept_draft WHERE operator = ? ORDER BY saved_at, slot",
                             arguments: [operatorName]).map { KeptDraft(slot: $0["slot"], content: $0["content"], savedAt: $0["saved_at"]) }
        }
    }
}

/// A form in progress as the store keeps it: the app's encoding of the form, under the slot the app chose.
public struct KeptDraft: Sendable, Hashable {
    public let slot: String
    public let content: String
    public let savedAt: String
    public init(slot: String, content: String, savedAt: String) {
        self.slot = slot
        self.content = content
        self.savedAt = savedAt
    }
}
