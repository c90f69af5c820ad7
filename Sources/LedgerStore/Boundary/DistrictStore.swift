import LedgerCore

/// Reading the registers of many communities at once: what a street or district supervisor browses and searches.
public protocol DistrictStore: LedgerSession {
    /// The communities the operator may read, ordered by code, and which of them they may change.
    func districtAccess() async throws -> DistrictAccess
    /// A page of a register over the communities of a scope, in the page's sort order across all of them.
    func districtPage(_ q: DistrictPageRequest) async throws -> [RegisterRow]
    /// Persons of the scope found by name, pinyin initials or ID digits, grouped by community (in code order).
    func searchDistrict(_ query: String, scope: DistrictScope, limit: Int) async throws -> DistrictSearchResult
}
