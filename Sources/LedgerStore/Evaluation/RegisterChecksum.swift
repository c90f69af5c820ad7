import GRDB

/// A checksum of a community's registers and profile: what a submitted self-assessment was computed from.
///
/// It covers every stored column of the community's person, service and activity rows (deleted ones too: a
/// deletion is a change) and of its profile and checklist, except figures the program derives from them
/// (`m_*` contributions, problem counts, search keys, versions), which can be recomputed without any change of
/// content. FNV-1a (64 bits) over a tagged, length-prefixed serialisation: enough to see that content differs,
/// including changes made outside this program; it is not a signature against deliberate forgery (whoever can
/// write the file can rewrite the stored checksum too).
enum RegisterChecksum {
    static func of(_ db: Database, community: String) throws -> String {
        var hash = FNV1a64()
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
            hash.add(text: table)
            for column in columns { hash.add(text: column) }
            let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(table) \(filter)", arguments: [community])
            while let row = try rows.next() {
                hash.add(byte: 0x1E)
                for value in row.databaseValues { hash.add(value) }
            }
        }
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Columns the program computes from the content (recomputing them is no change).
    static func isDerived(_ column: String) -> Bool {
        column.hasPrefix("m_") || ["pinyin", "name_key", "services_in_period", "error_count", "warning_count", "version"].contains(column)
    }
}

/// 64-bit FNV-1a with values tagged by type and texts prefixed by their length, so that no two different rows
/// serialise to the same bytes.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(bytes: some Sequence<UInt8>) {
        for b in bytes { add(byte: b) }
    }

    mutating func add(integer: Int64) {
        withUnsafeBytes(of: integer.littleEndian) { add(bytes: $0) }
    }

    mutating func add(text: String) {
        add(integer: Int64(text.utf8.count))
        add(bytes: text.utf8)
    }

    mutating func add(_ value: DatabaseValue) {
        switch value.storage {
        case .null: add(byte: 0)
        case .int64(let i): add(byte: 1); add(integer: i)
        case .double(let d): add(byte: 2); add(integer: Int64(bitPattern: d.bitPattern))
        case .string(let s): add(byte: 3); add(text: s)
        case .blob(let data): add(byte: 4); add(integer: Int64(data.count)); add(bytes: data)
        }
    }
}
