import GRDB
import LedgerCore

extension AppDatabase {
    /// Records of a register found by what a clerk types in the browser's `/` search, as browser rows.
    ///
    /// Survey: the person search (name, initials, ID digits). Services: the services of the persons that search
    /// finds, deleted ones too (through `service_by_person`), then services whose content contains the text. Activities: those
    /// naming such a person (创业典型), then those whose title, kind, base or story contains the text. The text searches
    /// read the community's rows until `limit` are found; the person ranges never grow with the register.
    public func searchRecords(_ register: Register, community: String, query raw: String, limit: Int) throws -> [RegisterRow] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        if register == .survey { return try searchSummaries(community: community, query: query, limit: limit) }
        // Deleted persons too: their services and role models are still in these registers, to be dealt with.
        let persons = try searchPersons(community: community, query: query, limit: limit, includingDeleted: true)
        // Initials and ID digits name persons only; anything else may also be words of the record's text.
        let textToo = !query.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return try read { db in
            var rows: [Row] = []
            var seen = Set<Int64>()
            func add(_ sql: String, _ arguments: StatementArguments) throws {
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) where rows.count < limit {
                    if seen.insert(row["id"]).inserted { rows.append(row) }
                }
            }
            switch register {
            case .survey:
                break
            case .service:
                for person in persons where rows.count < limit {
                    try add("""
                        SELECT * FROM service WHERE person_id = ? AND community_code = ? AND deleted_at IS NULL
                        ORDER BY service_date DESC, id DESC LIMIT ?
                        """, [person.id, community, limit])
                }
                if textToo, rows.count < limit {
                    try add("""
                        SELECT * FROM service WHERE community_code = ? AND deleted_at IS NULL AND instr(content, ?) > 0
                        ORDER BY service_date DESC, id DESC LIMIT ?
                        """, [community, query, limit])
                }
            case .activity:
                for person in persons where rows.count < limit {
                    try add("""
                        SELECT * FROM activity WHERE community_code = ? AND person_id_number = ? AND deleted_at IS NULL
                        ORDER BY date DESC, id DESC LIMIT ?
                        """, [community, person.idNumber, limit])
                }
                if textToo, rows.count < limit {
                    try add("""
                        SELECT * FROM activity WHERE community_code = ? AND deleted_at IS NULL
                        AND (instr(title, ?) > 0 OR instr(kind, ?) > 0 OR instr(COALESCE(target, ''), ?) > 0
                             OR instr(COALESCE(story, ''), ?) > 0)
                        ORDER BY date DESC, id DESC LIMIT ?
                        """, [community, query, query, query, query, limit])
                }
            }
            return try rows.map { try Self.summary(register, $0) }
        }
    }
}
