import LedgerCore
import TerminalUI

/// Which communities a district register covers: a street, one community, or (both nil) every community the
/// operator may read.
public struct DistrictScopeQuery: Sendable, Hashable {
    public var street: String?
    public var community: String?
    public init(street: String? = nil, community: String? = nil) {
        self.street = street
        self.community = community
    }
}

/// A page of a district register: the scope and a community page's query (its `community` unused).
public struct DistrictPageQuery: Sendable, Hashable {
    public var scope: DistrictScopeQuery
    public var page: PageQuery
    public init(scope: DistrictScopeQuery, page: PageQuery) {
        self.scope = scope
        self.page = page
    }
}

/// Persons found by a search anywhere, grouped by community (in code order).
public struct DistrictHits: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public let community: Community
        public let persons: [PersonHit]
        public init(community: Community, persons: [PersonHit]) {
            self.community = community
            self.persons = persons
        }
    }

    /// How many persons a search anywhere lists at most (the operator types more to narrow it).
    public static let listed = 100

    public let groups: [Group]
    /// More persons matched than were listed.
    public let truncated: Bool
    public init(groups: [Group], truncated: Bool) {
        self.groups = groups
        self.truncated = truncated
    }

    /// Every person with their community, in the order listed.
    var rows: [(community: Community, person: PersonHit)] { groups.flatMap { g in g.persons.map { (g.community, $0) } } }
}

/// A supervisor's register over the communities of a street or the district: the browser's rows, sorts, filters
/// and keyset pages (`browser`, whose community is unused), a scope, and `/` search anywhere.
public struct DistrictState: Sendable {
    public var scope: DistrictScopeQuery
    public var browser: BrowserState
    /// The `/` search being typed, or nil.
    public var search: TextEditor?
    public var query = ""
    /// The persons the query found (shown instead of the register while the query is not empty).
    public var hits: DistrictHits?
    public var hitList = ListState()
    /// A record of a community the operator may not change, shown read-only over the list (Esc closes it).
    public var viewing: RecordView?
    /// Opened from the supervisor overview (Esc goes back there) or else from the home screen.
    public var fromOverview: Bool
    /// The overview as it was left (its sort and selected row), to come back to.
    public var overview: OverviewState?

    public init(scope: DistrictScopeQuery, register: Register = .survey, fromOverview: Bool = true) {
        self.scope = scope
        self.browser = BrowserState(register: register)
        self.fromOverview = fromOverview
    }

    /// Whether a page answer belongs to what is shown now (an answer to an older query is dropped).
    func expects(_ q: DistrictPageQuery) -> Bool {
        q.scope == scope && q.page.register == browser.register && q.page.sort == browser.sort
            && q.page.status == browser.statusFilter && q.page.trained == browser.trainedFilter
            && q.page.problemsOnly == browser.problemsOnly && q.page.deleted == browser.showDeleted
            && q.page.category == browser.categoryFilter && q.page.dates == browser.dateFilter
    }
}
