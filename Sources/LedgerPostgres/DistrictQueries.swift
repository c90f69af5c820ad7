import LedgerCore
import LedgerStore
import PostgresNIO

/// The district's reads on PostgreSQL: who may read and change which community (row-level security already limits
/// `communities()` to the login's), a page merged across communities, and search anywhere as the community search
/// run community by community.
extension PostgresLedger {
    public func districtAccess() async throws -> DistrictAccess {
        DistrictAccess(communities: try await communities(), writable: try await writableCommunities())
    }

    /// A page of a register across the communities of a scope: each community's own page (the index range its
    /// browser reads, at most `limit` keys) joined laterally to the scope's communities and merged by the server,
    /// then the winning rows read whole. The cost grows with the number of communities, not their size (as the
    /// SQLite engine's `UNION ALL` of community pages).
    public func districtPage(_ q: DistrictPageRequest) async throws -> [RegisterRow] {
        guard q.page.limit > 0 else { return [] }
        var sql = PageSQL(q.page)
        // A scope's street may be "" (the communities with no street recorded): nil, not "", means any street.
        let anyStreet = sql.bind(q.scope.street == nil ? 1 : 0), street = sql.bind(q.scope.street ?? "")
        let anyCommunity = sql.bind(q.scope.community == nil ? 1 : 0), only = sql.bind(q.scope.community ?? "")
        let limit = sql.bind(q.page.limit)
        let direction = sql.descending ? "DESC" : "ASC"
        let text = """
            SELECT page.id, page.sort_key FROM (
                SELECT code FROM community WHERE (\(anyStreet) = 1 OR street = \(street)) AND (\(anyCommunity) = 1 OR code = \(only))
            ) scope CROSS JOIN LATERAL (
                SELECT id, (\(sql.column))::text AS sort_key, \(sql.column) AS sort_value FROM \(q.page.register.table)
                \(sql.conditions(community: "scope.code"))\(sql.order) LIMIT \(limit)
            ) page
            ORDER BY page.sort_value \(direction), page.id \(direction) LIMIT \(limit)
            """
        let query = PostgresQuery(unsafeSQL: text, binds: sql.binds)
        let chosen = try await read { pg in
            try await pg.rows(query).map { (id: try $0.id(), key: try $0.text("sort_key")) }
        }
        let keys = Dictionary(chosen.map { ($0.id, $0.key) }, uniquingKeysWith: { first, _ in first })
        let rows = try await summaries(q.page.register, ids: chosen.map(\.id)).map { row in
            var summary = row
            summary.servicesInPeriod = nil
            if sql.sorted { summary.sortKey = keys[row.id] ?? "" }
            return summary
        }
        return sql.descending ? rows.reversed() : rows
    }

    public func searchDistrict(_ query: String, scope: DistrictScope, limit: Int) async throws -> DistrictSearchResult {
        var collector = DistrictSearchCollector(limit: limit)
        let inScope = scope.communities(of: try await communities()).sorted { $0.code < $1.code }
        for community in inScope {
            let persons = try await searchPersons(community: community.code, query: query, limit: collector.wanted)
            if !collector.add(community, persons) { break }
        }
        return collector.result
    }
}
