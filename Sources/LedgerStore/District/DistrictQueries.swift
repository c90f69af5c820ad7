import GRDB
import LedgerCore

extension AppDatabase {
    /// Every community of the file is readable (whoever may open the file reads it); the operator's own
    /// communities (or all, for a supervisor) are the ones they may change.
    public func districtAccess() throws -> DistrictAccess {
        DistrictAccess(communities: try communities(), writable: try writableCommunities())
    }

    /// A page of a register across the communities of a scope, merged from each community's own page.
    ///
    /// The page's order (sort value, then id) is a total order across the district because ids are unique in the
    /// table, so the district page is the best `limit` rows of the communities' pages with the same bound. Each
    /// community's page is the index range read its browser already uses (`pageQuery`), selecting only the sort
    /// value and id; SQLite merges them (one `UNION ALL` statement per `armsPerStatement` communities) and only the
    /// winning rows are read in full. The cost grows with the number of communities, never with their size; a
    /// district-wide index could not serve a street's subset or the filters.
    public func districtPage(_ q: DistrictPageRequest) throws -> [RegisterRow] {
        try districtPage(q, armsPerStatement: Self.armsPerStatement)
    }

    /// `districtPage` merging at most `armsPerStatement` communities per statement (tests use small numbers to
    /// exercise the merge of several statements).
    func districtPage(_ q: DistrictPageRequest, armsPerStatement: Int) throws -> [RegisterRow] {
        guard q.page.limit > 0 else { return [] }
        // One community page's SQL serves every community: only its first argument, the community, changes.
        let query = Self.pageQuery(q.page, columns: "id")
        let arm = "SELECT * FROM (\(query.sql))"
        let descending = q.page.before != nil
        let order = descending ? "DESC" : "ASC"
        return try read { db in
            let codes = try Self.communityCodes(db, in: q.scope)
            var candidates: [DistrictCandidate] = []
            for start in stride(from: 0, to: codes.count, by: armsPerStatement) {
                let part = codes[start..<min(codes.count, start + armsPerStatement)]
                var values: [DatabaseValue] = []
                for code in part { values += [code.databaseValue] + query.values.dropFirst() }
                values.append(q.page.limit.databaseValue)
                let sql = Array(repeating: arm, count: part.count).joined(separator: " UNION ALL ")
                    + " ORDER BY sort_key \(order), id \(order) LIMIT ?"
                let arguments = StatementArguments(values)
                candidates += try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map {
                    DistrictCandidate(key: $0["sort_key"], id: $0["id"])
                }
            }
            // Statements beyond the first (a district of more than `armsPerStatement` communities) merge here.
            let chosen = candidates.sorted { descending ? $1.precedes($0) : $0.precedes($1) }.prefix(q.page.limit)
            let full = try db.cachedStatement(sql: "SELECT * FROM \(q.page.register.table) WHERE id = ?")
            let sorted = q.page.sortColumn.flatMap { Self.sortKeys[q.page.register]?[$0] } != nil
            let rows = try chosen.compactMap { candidate -> RegisterRow? in
                guard let row = try Row.fetchOne(full, arguments: [candidate.id]) else { return nil }
                var summary = try Self.summary(q.page.register, row)
                if sorted { summary.sortKey = Self.text(candidate.key) }
                return summary
            }
            return descending ? rows.reversed() : rows
        }
    }

    /// The codes of the scope's communities in code order: read by their codes alone, because loading every
    /// community's profile for each page cost more than the page's own index reads (100 communities).
    static func communityCodes(_ db: Database, in scope: DistrictScope) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT code FROM community WHERE (?1 IS NULL OR street = ?1) AND (?2 IS NULL OR code = ?2) ORDER BY code
            """), arguments: [scope.street, scope.community])
    }

    /// Communities merged by one statement: SQLite allows 500 terms in a compound SELECT.
    static let armsPerStatement = 400

    /// Persons of the scope found by the community search (`searchPersons`: name, initials, ID digits), community
    /// by community in code order until `limit` are found. Each community's search reads index ranges only.
    public func searchDistrict(_ query: String, scope: DistrictScope, limit: Int) throws -> DistrictSearchResult {
        var collector = DistrictSearchCollector(limit: limit)
        for code in try read({ db in try Self.communityCodes(db, in: scope) }) {
            let persons = try searchPersons(community: code, query: query, limit: collector.wanted)
            guard !persons.isEmpty, let community = try community(code: code) else { continue }
            if !collector.add(community, persons) { break }
        }
        return collector.result
    }
}

/// One community's row offered for a district page: its sort value (as SQLite compares it) and id.
struct DistrictCandidate {
    let key: DatabaseValue
    let id: Int64

    /// SQLite's order: numbers before text, text by its UTF-8 bytes (the BINARY collation), then the id.
    func precedes(_ other: DistrictCandidate) -> Bool {
        switch (key.storage, other.key.storage) {
        case let (.int64(a), .int64(b)) where a != b: return a < b
        case (.int64, .string): return true
        case (.string, .int64): return false
        case let (.string(a), .string(b)) where a != b: return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: return id < other.id
        }
    }
}
