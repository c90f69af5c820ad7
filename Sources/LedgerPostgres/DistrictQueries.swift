import LedgerCore
import LedgerStore

/// The district's reads on PostgreSQL: who may read and change which community (row-level security already limits
/// `communities()` to the login's), and search anywhere as the community search run community by community.
/// A page merged across communities is not built on this engine yet: it says so instead of showing a wrong order.
extension PostgresLedger {
    public func districtAccess() async throws -> DistrictAccess {
        DistrictAccess(communities: try await communities(), writable: try await writableCommunities())
    }

    public func districtPage(_ q: DistrictPageRequest) async throws -> [RegisterRow] {
        throw StoreError("PostgreSQL 数据库暂不能跨社区浏览台账：请在社区列表中选择社区后浏览，或用 chuangye find 查找人员")
    }

    public func searchDistrict(_ query: String, scope: DistrictScope, limit: Int) async throws -> DistrictSearchResult {
        var groups: [DistrictSearchResult.Group] = []
        var found = 0
        let inScope = try await communities().filter {
            (scope.street == nil || $0.street == scope.street) && (scope.community == nil || $0.code == scope.community)
        }.sorted { $0.code < $1.code }
        for community in inScope {
            // One more than still fits tells whether the list is complete.
            let persons = try await searchPersons(community: community.code, query: query, limit: limit - found + 1)
            guard !persons.isEmpty else { continue }
            if found + persons.count > limit {
                let fits = Array(persons.prefix(limit - found))
                if !fits.isEmpty { groups.append(.init(community: community, persons: fits)) }
                return DistrictSearchResult(groups: groups, truncated: true)
            }
            groups.append(.init(community: community, persons: persons))
            found += persons.count
        }
        return DistrictSearchResult(groups: groups, truncated: false)
    }
}
