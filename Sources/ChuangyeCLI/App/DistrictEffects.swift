import LedgerCore
import LedgerStore
import LedgerTUI

/// The district register's effects: the app's queries in the store's terms, and the answers as actions.
enum DistrictEffects {
    static func page(_ q: DistrictPageQuery, database: any LedgerStorage) async throws -> Action {
        let p = q.page
        let request = PageRequest(register: p.register, community: "", sortColumn: p.sort, after: p.after.map { ($0.value, $0.id) },
                                  before: p.before.map { ($0.value, $0.id) }, limit: p.limit, deleted: p.deleted,
                                  problemsOnly: p.problemsOnly, status: p.status, trained: p.trained, category: p.category, dates: p.dates)
        let scope = DistrictScope(street: q.scope.street, community: q.scope.community)
        return .districtPageLoaded(q, try await database.districtPage(DistrictPageRequest(scope: scope, page: request)))
    }

    /// Persons found anywhere in the scope: at most `DistrictHits.listed` (the operator types more to narrow it).
    static func search(_ scope: DistrictScopeQuery, query: String, database: any LedgerStorage) async throws -> Action {
        let found = try await database.searchDistrict(query, scope: DistrictScope(street: scope.street, community: scope.community),
                                                     limit: DistrictHits.listed)
        return .districtFound(query: query, DistrictHits(groups: found.groups.map { group in
            .init(community: group.community, persons: group.persons.map {
                PersonHit(id: $0.id, name: $0.name, idNumber: $0.idNumber, status: $0.status)
            })
        }, truncated: found.truncated))
    }
}
