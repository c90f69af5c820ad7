import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Persons of a community found by what a clerk types: ID digits (the start of the number, or its last four
    /// or more digits), pinyin initials (any reading of the name), or the start of the name — the SQLite engine's
    /// forms, in the same order of preference.
    public func searchPersons(community: String, query raw: String, limit: Int) async throws -> [PersonMatch] {
        try await searchPersons(community: community, query: raw, limit: limit, includingDeleted: false)
    }

    /// `includingDeleted`: deleted persons too (their services and role models stay in the registers to be found).
    func searchPersons(community: String, query raw: String, limit: Int, includingDeleted: Bool) async throws -> [PersonMatch] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        let live = includingDeleted ? "" : "AND deleted_at IS NULL"
        let upper = query.uppercased()
        let rows: [PostgresRandomAccessRow] = try await read { pg in
            if upper.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) {
                let tail = upper.count >= 4 && upper.count < 18 ? upper : "-"
                // `id_tail` (the last four, a column: v5) first; every condition here is one the server may test
                // before the row-level policies (`=`, `starts_with` are leakproof), so those run on the matches only.
                return try await pg.rows("""
                    SELECT id, name, id_number, fields->>'status' AS status, 0 AS rank FROM person
                    WHERE community_code = \(community) \(unescaped: live) AND id_tail = \(String(tail.suffix(4)))
                        AND right(id_number, \(tail.count)::int) = \(tail)
                    UNION ALL
                    SELECT id, name, id_number, fields->>'status', 1 FROM person
                    WHERE community_code = \(community) \(unescaped: live) AND starts_with(id_number, \(upper))
                    ORDER BY rank, id_number, id LIMIT \(limit * 2)
                    """)
            }
            if query.allSatisfy({ $0.isASCII && $0.isLetter }) {
                var binds = PostgresBindings()
                try binds.append(community)
                try binds.append(query.lowercased())
                try binds.append(limit)
                return try await pg.rows(PostgresQuery(unsafeSQL: """
                    SELECT id, name, id_number, fields->>'status' AS status FROM person
                    WHERE community_code = $1 \(live) AND \(Self.anyInitialsStart("$2"))
                    ORDER BY NOT starts_with(initials[1], $2), initials[1] COLLATE "C", id LIMIT $3
                    """, binds: binds))
            }
            return try await pg.rows("""
                SELECT id, name, id_number, fields->>'status' AS status FROM person
                WHERE community_code = \(community) \(unescaped: live) AND starts_with(name, \(query))
                ORDER BY name_key, id LIMIT \(limit)
                """)
        }
        var seen = Set<Int64>()
        var matches: [PersonMatch] = []
        for row in rows where matches.count < limit {
            let id = try row.id()
            guard seen.insert(id).inserted else { continue }
            matches.append(PersonMatch(id: id, name: try row.text("name"), idNumber: try row.text("id_number"),
                                       status: try row.optionalText("status") ?? ""))
        }
        return matches
    }

    /// Whether any stored reading of a name's initials starts with `key` (an SQL expression): the readings by
    /// subscript, at most 1 + `Pinyin.alternateNameInitials`' limit of 8. Written so because subscripts and
    /// `starts_with` are leakproof and an `EXISTS (… unnest(initials) …)` is not: under row-level security that one
    /// ran after the policies, on all of a community's rows (about 60 ms for 10,000 persons).
    static func anyInitialsStart(_ key: String) -> String {
        "(" + (1...9).map { "starts_with(initials[\($0)], \(key))" }.joined(separator: " OR ") + ")"
    }

    public func personsWithIdNumber(_ idNumber: String) async throws -> [ValidationContext.ExistingPerson] {
        try await read { pg in
            let lookups = PersonLookups()
            try await lookups.load(pg, [idNumber])
            return lookups(idNumber)
        }
    }

    /// Ids of the active services of a person on a day with a type, read as saving reads them (`PersonLookups`).
    public func sameDayServices(_ key: SameDayServiceKey) async throws -> [Int64] {
        try await read { pg in
            let lookups = PersonLookups()
            try await lookups.loadServices(pg, of: [key.person])
            return lookups.sameDay(key.person, key.date, key.type)
        }
    }

    /// A person of a community with their number of services in the period (a service draft's preview).
    public func personWithServices(community: String, idNumber: String) async throws -> (Person, Int)? {
        guard let c = try await self.community(code: community) else { return nil }
        let found: (id: Int64, fields: [String: String], services: Int)? = try await read { pg in
            guard let row = try await pg.row("""
                SELECT id, fields::text AS fields, services_in_period FROM person
                WHERE community_code = \(community) AND id_number = \(idNumber) AND deleted_at IS NULL
                """) else { return nil }
            return (try row.id(), try row.fields(), try row.int("services_in_period"))
        }
        guard let found else { return nil }
        let context = ValidationContext(today: today(), communityCode: community, period: c.period)
        // The stored person, numbered as the SQLite engine returns it.
        guard var person = PersonValidator.validate(found.fields, context: context).value else { return nil }
        person.id = found.id
        return (person, found.services)
    }
}
