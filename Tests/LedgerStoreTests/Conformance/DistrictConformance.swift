import LedgerCore
import LedgerStore
import Testing

/// A supervisor's register and search over many communities, through the boundary only.
struct DistrictConformance {
    /// A third community, on another street.
    static let farCode = "630102101"

    /// Three communities (two on 八一路街道, one on 南山街道) with `perCommunity` persons each, named so that names
    /// interleave across communities when sorted by pinyin; every third person 已创业.
    static func district(_ engine: StoreEngine, perCommunity: Int) async throws -> (EngineLedger, any LedgerStorage) {
        let (ledger, store) = try await Conformance.ledger(engine)
        var far = Conformance.community(farCode, name: "凤凰山社区")
        far.street = "南山街道"
        try await store.saveCommunity(far)
        for (n, code) in [Conformance.code, Conformance.otherCode, farCode].enumerated() {
            for i in 0..<perCommunity {
                let serial = n * perCommunity + i
                let status = serial % 3 == 0 ? ["status": "已创业", "entity_name": "小店\(serial)", "entity_type": "个体工商户",
                                                "license_date": "2023-05-01"] : [:]
                _ = try await store.saveNew(Conformance.person(serial, name: BrowseConformance.name(serial), status), in: code)
            }
        }
        return (ledger, store)
    }

    static func page(_ scope: DistrictScope = DistrictScope(), sort: String? = nil, status: String? = nil,
                     after: RegisterRow? = nil, before: RegisterRow? = nil, limit: Int) -> DistrictPageRequest {
        DistrictPageRequest(scope: scope, page: PageRequest(register: .survey, community: "", sortColumn: sort,
                                                            after: after.map { ($0.sortKey, $0.id) },
                                                            before: before.map { ($0.sortKey, $0.id) }, limit: limit, status: status))
    }

    @Test(arguments: StoreEngine.allCases)
    func districtPagesVisitEveryCommunitysRecordsOnceInOneOrderEitherWay(engine: StoreEngine) async throws {
        let (ledger, store) = try await Self.district(engine, perCommunity: 12)
        defer { ledger.cleanup() }
        for sort in [nil, "name", "id_number", "survey_date"] {
            var seen: [RegisterRow] = []
            var page = try await store.districtPage(Self.page(sort: sort, limit: 5))
            while let last = page.last {
                #expect(page.count <= 5)
                seen += page
                page = try await store.districtPage(Self.page(sort: sort, after: last, limit: 5))
            }
            #expect(seen.count == 36, "\(sort ?? "id")")
            #expect(Set(seen.map(\.id)).count == 36)
            #expect(Set(seen.map(\.community)) == [Conformance.code, Conformance.otherCode, Self.farCode])
            // The same order a single community's pages have: (sort value, id) ascending
            if sort == nil {
                #expect(seen.map(\.id) == seen.map(\.id).sorted())
            } else {
                #expect(zip(seen, seen.dropFirst()).allSatisfy { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }, "\(sort ?? "")")
            }
            // Backwards from the last row read, the rows before it, in the same order
            let back = try await store.districtPage(Self.page(sort: sort, before: seen[30], limit: 5))
            #expect(back.map(\.id) == seen[25..<30].map(\.id), "\(sort ?? "id")")
        }
        // 姓名 by pinyin across the district: 安 (an) first, whichever community holds it
        let byName = try await store.districtPage(Self.page(sort: "name", limit: 3))
        #expect(byName.map { $0.fields["name"] ?? "" }.allSatisfy { $0.hasPrefix("安") })
        #expect(Set(byName.map(\.community)).count == 3)
    }

    @Test(arguments: StoreEngine.allCases)
    func aStreetOrCommunityScopeAndTheFiltersNarrowTheDistrictRegister(engine: StoreEngine) async throws {
        let (ledger, store) = try await Self.district(engine, perCommunity: 9)
        defer { ledger.cleanup() }
        let street = try await store.districtPage(Self.page(DistrictScope(street: "八一路街道"), sort: "name", limit: 100))
        #expect(street.count == 18 && Set(street.map(\.community)) == [Conformance.code, Conformance.otherCode])
        let one = try await store.districtPage(Self.page(DistrictScope(community: Self.farCode), limit: 100))
        #expect(one.count == 9 && one.allSatisfy { $0.community == Self.farCode })
        // The same rows a community's own page lists
        let own = try await store.page(PageRequest(register: .survey, community: Self.farCode, limit: 100))
        #expect(one == own)
        let started = try await store.districtPage(Self.page(DistrictScope(street: "八一路街道"), status: "已创业", limit: 100))
        #expect(started.count == 6 && started.allSatisfy { $0.fields["status"] == "已创业" })
        let nowhere = try await store.districtPage(Self.page(DistrictScope(street: "没有的街道"), limit: 100))
        #expect(nowhere.isEmpty)
        // Services across the district carry their community too
        _ = try await store.saveNew(Conformance.service(0))
        _ = try await store.saveNew(Conformance.service(9), in: Conformance.otherCode)
        let services = try await store.districtPage(DistrictPageRequest(scope: DistrictScope(),
            page: PageRequest(register: .service, community: "", sortColumn: "service_date", limit: 10)))
        #expect(services.map(\.community) == [Conformance.code, Conformance.otherCode])
    }

    /// The community browser's filters (人员类别, a date range, deleted records) narrow the district register to
    /// exactly the rows each community's own filtered page lists, in one order across them; and a community with no
    /// street recorded is the scope of the street "".
    @Test(arguments: StoreEngine.allCases)
    func theBrowsersFiltersNarrowTheDistrictRegisterAsEachCommunitysPage(engine: StoreEngine) async throws {
        let (ledger, store) = try await Self.district(engine, perCommunity: 6)
        defer { ledger.cleanup() }
        let codes = [Conformance.code, Conformance.otherCode, Self.farCode]
        for (n, code) in codes.enumerated() {
            _ = try await store.saveNew(Conformance.person(100 + n, name: "高" + ["一", "二", "三"][n], ["categories": "高校毕业生", "survey_date": "2024-05-10"]),
                                        in: code)
            let gone = try #require(try await store.saveNew(Conformance.person(200 + n, name: "删" + ["一", "二", "三"][n]), in: code).ref)
            try await store.delete(gone, reason: "重复登记", confirmingServices: 0)
        }
        let filters: [(String, (inout PageRequest) -> Void)] = [
            ("category", { $0.category = "高校毕业生" }),
            ("dates", { $0.dates = Period.parse("2024-05") }),
            ("deleted", { $0.deleted = true }),
            ("category and name order", { $0.category = "高校毕业生"; $0.sortColumn = "name" }),
        ]
        for (what, filter) in filters {
            var district = Self.page(limit: 100)
            filter(&district.page)
            let rows = try await store.districtPage(district)
            var own: [RegisterRow] = []
            for code in codes {
                var page = PageRequest(register: .survey, community: code, limit: 100)
                filter(&page)
                own += try await store.page(page)
            }
            #expect(rows.count == 3, "\(what)")
            #expect(Set(rows.map(\.id)) == Set(own.map(\.id)), "\(what)")
            #expect(Set(rows.map(\.community)) == Set(codes), "\(what)")
            #expect(zip(rows, rows.dropFirst()).allSatisfy { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }, "\(what)")
        }
        var deleted = Self.page(limit: 100)
        deleted.page.deleted = true
        #expect(try await store.districtPage(deleted).allSatisfy { $0.deleted && $0.deletedReason == "重复登记" })
        // A community with no street recorded
        var loose = Conformance.community("630102201", name: "新村社区")
        loose.street = ""
        try await store.saveCommunity(loose)
        _ = try await store.saveNew(Conformance.person(300, name: "新人"), in: loose.code)
        let unnamed = try await store.districtPage(Self.page(DistrictScope(street: ""), limit: 100))
        #expect(unnamed.map(\.community) == [loose.code])
    }

    @Test(arguments: StoreEngine.allCases)
    func searchAnywhereFindsPersonsInEveryCommunityGroupedByCommunity(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        var far = Conformance.community(Self.farCode, name: "凤凰山社区")
        far.street = "南山街道"
        try await store.saveCommunity(far)
        _ = try await store.saveNew(Conformance.person(1, name: "曾小明"), in: Self.farCode)
        _ = try await store.saveNew(Conformance.person(2, name: "曾小明"), in: Conformance.code)
        _ = try await store.saveNew(Conformance.person(3, name: "张三"), in: Conformance.otherCode)
        let tail = String(Conformance.idNumber(1).suffix(4))
        for query in ["曾小", "zxm", "ZXM", tail, String(Conformance.idNumber(1).prefix(17))] {
            let found = try await store.searchDistrict(query, scope: DistrictScope(), limit: 20)
            // The number's tail and start are the one person's; the name and initials are both persons'
            let expected = query == tail || query.count == 17 ? [Self.farCode] : [Conformance.code, Self.farCode]
            #expect(found.groups.map(\.community.code) == expected, "\(query)")
            #expect(found.groups.allSatisfy { $0.persons.allSatisfy { $0.name == "曾小明" } } && !found.truncated, "\(query)")
        }
        let street = try await store.searchDistrict("曾小明", scope: DistrictScope(street: "南山街道"), limit: 20)
        #expect(street.groups.map(\.community.code) == [Self.farCode] && street.count == 1)
        let cut = try await store.searchDistrict("zxm", scope: DistrictScope(), limit: 1)
        #expect(cut.count == 1 && cut.truncated && cut.groups.map(\.community.code) == [Conformance.code])
        #expect(try await store.searchDistrict("王五", scope: DistrictScope(), limit: 20).groups.isEmpty)
        #expect(try await store.searchDistrict("  ", scope: DistrictScope(), limit: 20).groups.isEmpty)
    }

    @Test(arguments: StoreEngine.allCases)
    func aClerkReadsTheDistrictButMayChangeOnlyTheirCommunities(engine: StoreEngine) async throws {
        let (ledger, store) = try await Conformance.ledger(engine)
        defer { ledger.cleanup() }
        #expect(try await store.districtAccess().writable == nil)
        try await store.saveOperator("王芳", role: .supervisor, communities: [])
        try await store.saveOperator("李娜", role: .clerk, communities: [Conformance.code])
        let access = try await ledger.session(as: "李娜").districtAccess()
        #expect(access.communities.map(\.code) == [Conformance.code, Conformance.otherCode])
        #expect(access.mayChange(Conformance.code) && !access.mayChange(Conformance.otherCode))
        #expect(access.streets == ["八一路街道"])
        #expect(try await store.districtAccess().mayChange(Conformance.otherCode))
    }
}
