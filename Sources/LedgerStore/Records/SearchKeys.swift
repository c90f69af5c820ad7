import GRDB
import LedgerCore

/// The keys persons are found by: `person.pinyin` (initials), `person.name_key` (sort key) and `person_initials`
/// (other initials a polyphonic name may be typed as), all computed by `Pinyin`'s name functions.
///
/// They are derived data, so a change in how names are read (a surname added to the table) must reach persons
/// saved before it. `search_key_version` holds the `Pinyin.nameKeyVersion` the stored keys were computed with;
/// opening a database whose keys are older recomputes them once. Migrations stay plain SQL: a migration that ran
/// the app's pinyin code would write whatever that code said on the day an old file was upgraded.
enum SearchKeys {
    /// Replaces a person's other initials.
    static func writeAlternates(_ db: Database, personId: Int64, community: String, name: String) throws {
        try db.cachedStatement(sql: "DELETE FROM person_initials WHERE person_id = ?").execute(arguments: [personId])
        try insertAlternates(db, personId: personId, community: community, initials: Pinyin.alternateNameInitials(name))
    }

    static func insertAlternates(_ db: Database, personId: Int64, community: String, initials: [String]) throws {
        guard !initials.isEmpty else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO person_initials (community_code, initials, person_id) VALUES (?, ?, ?)")
        for text in initials { try insert.execute(arguments: [community, text, personId]) }
    }

    /// The other initials of imported persons, found by their ID numbers (each active in the community once).
    static func insertAlternates(_ db: Database, community: String, byIdNumber: [(idNumber: String, initials: [String])]) throws {
        guard !byIdNumber.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO person_initials (community_code, initials, person_id)
            SELECT community_code, ?, id FROM person WHERE community_code = ? AND id_number = ? AND deleted_at IS NULL
            """)
        for (idNumber, initials) in byIdNumber {
            for text in initials { try insert.execute(arguments: [text, community, idNumber]) }
        }
    }

    /// Whether the stored keys were computed by an older reading of names.
    static func isStale(_ db: Database) throws -> Bool {
        (try Int.fetchOne(db, sql: "SELECT version FROM search_key_version") ?? 0) < Pinyin.nameKeyVersion
    }

    /// Recomputes every person's keys (deleted ones too: they may be restored) and records the version. The totals
    /// triggers are off meanwhile: no figure changes, and they would fire once per row.
    static func refresh(_ db: Database) throws {
        try BulkLoad.withoutTriggers(db) {
            try db.execute(sql: "DELETE FROM person_initials")
            let update = try db.cachedStatement(sql: "UPDATE person SET pinyin = ?, name_key = ? WHERE id = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, community_code, name FROM person")
            var alternates: [(Int64, String, [String])] = []
            var updates: [(Int64, String, String)] = []
            while let row = try rows.next() {
                let id: Int64 = row["id"], name: String = row["name"]
                updates.append((id, Pinyin.nameInitials(name), Pinyin.nameKey(name)))
                let others = Pinyin.alternateNameInitials(name)
                if !others.isEmpty { alternates.append((id, row["community_code"], others)) }
            }
            for (id, initials, key) in updates { try update.execute(arguments: [initials, key, id]) }
            for (id, community, others) in alternates {
                try insertAlternates(db, personId: id, community: community, initials: others)
            }
        }
        try db.execute(sql: "UPDATE search_key_version SET version = ?", arguments: [Pinyin.nameKeyVersion])
    }
}
