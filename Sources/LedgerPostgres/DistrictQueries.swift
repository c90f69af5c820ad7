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
        var collector = DistrictSearchCollector(limit: limit)
        let inScope = scope.communities(of: try await communities()).sorted { $0.code < $1.code }
        for community in inScope {
            let persons = try await searchPersons(community: community.code, query: query, limit: collector.wanted)
            if !collector.add(community, persons) { break }
        }
        return collector.result
    }
}
