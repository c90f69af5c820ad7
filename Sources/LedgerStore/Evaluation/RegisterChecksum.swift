import GRDB
import LedgerCore

/// A checksum of a community's registers and profile: what a submitted self-assessment was computed from.
///
/// It covers every stored column of the community's person, service and activity rows (deleted ones too: a
/// deletion is a change) and of its profile and checklist, except figures the program derives from them
/// (`m_*` contributions, problem counts, search keys, versions), which can be recomputed without any change of
/// content. The serialisation and hash are `LedgerCore.ContentChecksum`'s (one definition for both engines); it
/// is not a signature against deliberate forgery (whoever can write the file can rewrite the stored checksum too).
enum RegisterChecksum {
    static func of(_ db: Database, community: String) throws -> String {
        var checksum = ContentChecksum()
        let sources: [(table: String, filter: String)] = [
            ("community", "WHERE code = ?"),
            ("checklist_answer", "WHERE community_code = ? ORDER BY item_id"),
            ("person", "WHERE community_code = ? ORDER BY id"),
            ("service", "WHERE community_code = ? ORDER BY id"),
            ("activity", "WHERE community_code = ? ORDER BY id"),
        ]
        for (table, filter) in sources {
            // The content columns, read once per table (and hashed once, so a renamed or added column changes the sum).
            let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                .map { $0["name"] as String }.filter { !isDerived($0) }
            checksum.table(table, columns: columns)
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(table) \(filter)", arguments: [community])
            while let row = try rows.next() {
                checksum.row(row.databaseValues.map(value))
            }
        }
        return checksum.text
    }

    /// Columns the program computes from the content (recomputing them is no change).
    static func isDerived(_ column: String) -> Bool {
        column.hasPrefix("m_") || ["pinyin", "name_key", "services_in_period", "error_count", "warning_count", "version"].contains(column)
    }

    static func value(_ value: DatabaseValue) -> ContentChecksum.Value {
        switch value.storage {
        case .null: .null
        case .int64(let i): .integer(i)
        case .double(let d): .real(d)
        case .string(let s): .text(s)
        case .blob(let data): .blob(Array(data))
        }
    }
}
