import LedgerCore

/// Which communities a district register covers: all the operator may read, narrowed to a street or one community.
public struct DistrictScope: Sendable, Hashable {
    public var street: String?
    public var community: String?
    public init(street: String? = nil, community: String? = nil) {
        self.street = street
        self.community = community
    }

    /// The communities of `readable` inside this scope, in their order.
    public func communities(of readable: [Community]) -> [Community] {
        readable.filter { c in street.map { c.street == $0 } ?? true && community.map { c.code == $0 } ?? true }
    }
}

/// A page of a district register: the filters, sort and keyset bound of a community's page (`PageRequest`, whose
/// `community` is ignored) over every community of the scope.
public struct DistrictPageRequest: Sendable {
    public var scope: DistrictScope
    public var page: PageRequest
    public init(scope: DistrictScope, page: PageRequest) {
        self.scope = scope
        self.page = page
    }
}

/// What the operator may see of a district: the readable communities (by code) and those they may change
/// (nil: every one). Numbers of communities they may not change are shown masked.
public struct DistrictAccess: Sendable, Hashable {
    public let communities: [Community]
    public let writable: Set<String>?
    public init(communities: [Community], writable: Set<String>?) {
        self.communities = communities
        self.writable = writable
    }

    public func mayChange(_ code: String) -> Bool { writable?.contains(code) ?? true }

    /// The streets of the readable communities, each once, in community order.
    public var streets: [String] {
        var seen = Set<String>()
        return communities.map(\.street).filter { seen.insert($0).inserted }
    }
}

/// The persons a district search found, grouped by community in code order.
public struct DistrictSearchResult: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public let community: Community
        public let persons: [PersonMatch]
        public init(community: Community, persons: [PersonMatch]) {
            self.community = community
            self.persons = persons
        }
    }

    public let groups: [Group]
    /// More persons matched than the limit: the operator should type more.
    public let truncated: Bool
    public init(groups: [Group], truncated: Bool) {
        self.groups = groups
        self.truncated = truncated
    }

    public var count: Int { groups.reduce(0) { $0 + $1.persons.count } }
}

/// Gathers a search anywhere community by community until `limit` persons are found: the one rule of both engines.
public struct DistrictSearchCollector {
    public let limit: Int
    private var groups: [DistrictSearchResult.Group] = []
    private var found = 0
    private var truncated = false

    public init(limit: Int) { self.limit = limit }

    /// How many persons to ask of the next community: one more than still fits tells whether the list is complete.
    public var wanted: Int { limit - found + 1 }

    /// Adds a community's matches; false once the list is full (ask no further community).
    public mutating func add(_ community: Community, _ persons: [PersonMatch]) -> Bool {
        guard !persons.isEmpty else { return true }
        if found + persons.count > limit {
            let fits = Array(persons.prefix(limit - found))
            if !fits.isEmpty { groups.append(.init(community: community, persons: fits)) }
            truncated = true
            return false
        }
        groups.append(.init(community: community, persons: persons))
        found += persons.count
        return true
    }

    public var result: DistrictSearchResult { DistrictSearchResult(groups: groups, truncated: truncated) }
}
