import LedgerCore
import PostgresNIO

/// The checksum of a community's registers and profile on this engine: `LedgerCore.ContentChecksum` over the
/// columns of its rows that hold content, as stored here (deleted rows too: a deletion is a change). The columns
/// this engine derives from the content (contributions, counts, search keys, versions) are left out, so that
/// recomputing them is no change; every other column is read, so a column added later changes the sum.
enum ContentChecksumQuery {
    static let derived: Set<String> = ["facts", "services_in_period", "error_count", "warning_count", "version", "name_key",
                                       "initials", "id_tail"]

    static func of(_ pg: PG, community: String) async throws -> String {
        var checksum = ContentChecksum()
        let sources: [(table: String, filter: String)] = [
            ("community", "WHERE code = $1"),
            ("checklist_answer", "WHERE community_code = $1 ORDER BY item_id"),
            ("person", "WHERE community_code = $1 ORDER BY id"),
            ("service", "WHERE community_code = $1 ORDER BY id"),
            ("activity", "WHERE community_code = $1 ORDER BY id"),
        ]
        for (table, filter) in sources {
            let columns = try await pg.texts("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
                """).filter { !derived.contains($0) }
            checksum.table(table, columns: columns)
            // Every value as its text (a jsonb column as its canonical text), NULL as NULL.
            let list = columns.map { "\"\($0)\"::text" }.joined(separator: ", ")
            var query = PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(table) \(filter)")
            query.binds.append(community)
            for row in try await pg.rows(query) {
                checksum.row(try (0..<columns.count).map { i in
                    try row[i].decode(String?.self).map(ContentChecksum.Value.text) ?? .null
                })
            }
        }
        return checksum.text
    }
}
