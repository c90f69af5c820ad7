import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Persons of a community found by what a clerk types: ID digits (the start of the number, or its last four
    /// or more digits), pinyin initials (any reading of the name), or the start of the name — the SQLite engine's
    /// forms, in the same order of preference.
    public func searchPersons(community: String, query raw: String, limit: Int) async throws -> [PersonMatch] {
        let query = Normalize.halfWidth(raw).trimmingSpaces()
        guard !query.isEmpty else { return [] }
        let upper = query.uppercased()
        let rows: [PostgresRandomAccessRow] = try await read { pg in
            if upper.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) {
                let tail = upper.count >= 4 && upper.count < 18 ? upper : "-"
                return try await pg.rows("""
                    SELECT id, name, id_number, fields->>'status' AS status, 0 AS rank FROM person
                    WHERE community_code = \(community) AND deleted_at IS NULL AND right(id_number, \(tail.count)::int) = \(tail)
                    UNION ALL
                    SELECT id, name, id_number, fields->>'status', 1 FROM person
                    WHERE community_code = \(community) AND deleted_at IS NULL AND starts_with(id_number, \(upper))
                    ORDER BY rank, id_number, id LIMIT \(limit * 2)
                    """)
            }
            if query.allSatisfy({ $0.isASCII && $0.isLetter }) {
                let key = query.lowercased()
                return try await pg.rows("""
                    SELECT id, name, id_number, fields->>'status' AS status FROM person
                    WHERE community_code = \(community) AND deleted_at IS NULL
                        AND EXISTS (SELECT 1 FROM unnest(initials) AS i WHERE starts_with(i, \(key)))
                    ORDER BY NOT starts_with(initials[1], \(key)), initials[1] COLLATE "C", id LIMIT \(limit)
                    """)
            }
            return try await pg.rows("""
                SELECT id, name, id_number, fields->>'status' AS status FROM person
                WHERE community_code = \(community) AND deleted_at IS NULL AND starts_with(name, \(query))
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

    public func personsWithIdNumber(_ idNumber: String) async throws -> [ValidationContext.ExistingPerson] {
        try await read { pg in
            let lookups = PersonLookups()
            try await lookups.load(pg, [idNumber])
            return lookups(idNumber)
        }
    }

    /// A person of a community with their number of services in the period (a service draft's preview).
    public func personWithServices(community: String, idNumber: String) async throws -> (Person, Int)? {
        guard let c = try await self.community(code: community) else { return nil }
        let found: (fields: [String: String], services: Int)? = try await read { pg in
            guard let row = try await pg.row("""
                SELECT fields::text AS fields, services_in_period FROM person
                WHERE community_code = \(community) AND id_number = \(idNumber) AND deleted_at IS NULL
                """) else { return nil }
            return (try row.fields(), try row.int("services_in_period"))
        }
        guard let found else { return nil }
        let context = ValidationContext(today: today(), communityCode: community, period: c.period)
        guard let person = PersonValidator.validate(found.fields, context: context).value else { return nil }
        return (person, found.services)
    }
}
