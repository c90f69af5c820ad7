import GRDB
import LedgerCore

/// A person found by search.
public struct PersonMatch: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let idNumber: String
    public let status: String

    public init(id: Int64, name: String, idNumber: String, status: String) {
        self.id = id
        self.name = name
        self.idNumber = idNumber
        self.status = status
    }
}

extension AppDatabase {
    /// Persons of a community found by what a clerk types: ID digits (the start of the number, or its last four or
    /// more digits, as lists show them), pinyin initials (any reading of a polyphonic name, the surname read as a
    /// surname), or the start of the name. Each form reads index ranges only, so the cost does not grow with the
    /// register: the unique ID index and `person_by_id_tail`; `person_by_pinyin` and `person_initials`; and for a
    /// name the pinyin key index from the typed characters' pinyin (`张` reads the `zhang` range), keeping the rows
    /// whose name starts with what was typed (homophones such as 章 are read and dropped).
    public func searchPersons(community: String, query raw: String, limit: Int = 8) throws -> [PersonMatch] {
        try searchPersons(community: community, query: raw, limit: limit, includingDeleted: false)
    }

    /// `includingDeleted`: deleted persons too (their services and role models stay in the registers to be found).
    func searchPersons(community: String, query raw: String, limit: Int, includingDeleted: Bool) throws -> [PersonMatch] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        let live = includingDeleted ? "" : " AND p.deleted_at IS NULL"
        let select = "SELECT id, name, id_number, status FROM person p WHERE community_code = ?" + live
        func matches(_ db: Database, _ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [PersonMatch] {
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map { $0.databaseValue })).map {
                PersonMatch(id: $0["id"], name: $0["name"], idNumber: $0["id_number"], status: $0["status"])
            }
        }
        /// The first lists' persons first, each once, at most `limit`.
        func merged(contentsOf lists: [[PersonMatch]]) -> [PersonMatch] {
            var seen = Set<Int64>()
            return Array(lists.joined().filter { seen.insert($0.id).inserted }.prefix(limit))
        }
        func merged(_ lists: [PersonMatch]...) -> [PersonMatch] { merged(contentsOf: lists) }
        let upper = query.uppercased()
        if upper.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) {
            return try read { db in
                // A number's end: its last four digits through the tail index, then the rest of what was typed.
                var ends: [PersonMatch] = []
                if upper.count >= 4, upper.count < 18 {
                    ends = try matches(db, select + " AND substr(id_number, 15) = ? AND substr(id_number, ?) = ? ORDER BY id LIMIT ?",
                                       [community, String(upper.suffix(4)), 19 - upper.count, upper, limit])
                }
                let starts = try matches(db, select + " AND id_number >= ? AND id_number < ? ORDER BY id_number, id LIMIT ?",
                                         [community, upper, upper + "\u{10FFFF}", limit])
                return merged(ends, starts)
            }
        }
        if query.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let key = query.lowercased()
            return try read { db in
                let primary = try matches(db, select + " AND pinyin >= ? AND pinyin < ? ORDER BY pinyin, id LIMIT ?",
                                          [community, key, key + "\u{10FFFF}", limit])
                let other = try matches(db, """
                    SELECT p.id, p.name, p.id_number, p.status FROM person_initials i JOIN person p ON p.id = i.person_id
                    WHERE i.community_code = ? AND i.initials >= ? AND i.initials < ?\(live)
                    ORDER BY i.initials, i.person_id LIMIT ?
                    """, [community, key, key + "\u{10FFFF}", limit])
                return merged(primary, other)
            }
        }
        // One range per reading the typed start may have (尉 alone is `wei`, in 尉迟 `yu`), in key order.
        return try read { db in
            try merged(contentsOf: Pinyin.nameKeyPrefixes(query).map { key in
                try matches(db, select + " AND name >= ? AND name < ? AND name_key >= ? AND name_key < ? ORDER BY name_key, id LIMIT ?",
                            [community, query, query + "\u{10FFFF}", key, key + "\u{10FFFF}", limit])
            })
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

    /// Ids of the active services of a person on a day with a type, by the query saving judges with.
    public func sameDayServices(_ key: SameDayServiceKey) throws -> [Int64] {
        try read { db in try Self.sameDayServices(db, person: key.person, date: key.date, type: key.type) }
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
