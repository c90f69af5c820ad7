import LedgerCore
import LedgerStore
import PostgresNIO

/// Each record's score contribution is kept beside it (`facts`, and a person's services in the period), written by
/// the app from the record's fields with `LedgerCore`'s rules, and summed by the server into the community's
/// totals. A login that may write its records could also write those figures directly with SQL, and the score
/// would follow. The server cannot judge them (the rules are the app's), so a supervisor's `check` recomputes them
/// from the fields and rewrites any that differ, each with a `recount` entry in the record's history naming the
/// figures it found.
struct KeptFacts {
    var persons: [(id: Int64, facts: String, served: Int)] = []
    var activities: [(id: Int64, facts: String)] = []

    /// What a record's fields give (nothing for a service, whose figures are its person's; nothing for a record
    /// its fields no longer describe, whose figures are left as they are).
    mutating func add(_ record: SavedRecord?, id: Int64, servicesInPeriod: Int, period: Period) {
        switch record {
        case .person(let person):
            persons.append((id, PostgresLedger.factsJSON(Contribution.of(person, servicesInPeriod: servicesInPeriod, period: period)),
                            servicesInPeriod))
        case .activity(let activity):
            activities.append((id, PostgresLedger.factsJSON(Contribution.of(activity, period: period))))
        case .service, nil:
            break
        }
    }
}

extension PostgresLedger {
    /// What a person's services in the period count, over their active services `s` in it: each day and type once
    /// (a second 创业指导 on the same day is the same service entered twice, or one visit; it had counted towards
    /// 每人2次以上创业服务). The SQLite engine counts the same (PersonWrites.refreshPerson).
    static let servicesCounted = "count(DISTINCT (s.service_date, s.fields->>'service_type'))"

    /// Each person's active services in the community's period, by person id.
    func servicesInPeriod(_ pg: PG, community c: Community) async throws -> [Int64: Int] {
        var served: [Int64: Int] = [:]
        for row in try await pg.rows("""
            SELECT s.person_id, \(unescaped: Self.servicesCounted)::bigint AS served FROM service s JOIN person p ON p.id = s.person_id
            WHERE p.community_code = \(c.code) AND s.deleted_at IS NULL
                AND s.service_date BETWEEN \(c.period.start.description) AND \(c.period.end.description)
            GROUP BY s.person_id
            """) {
            served[try row.id("person_id")] = Int(try row["served"].decode(Int64.self))
        }
        return served
    }

    /// Rewrites the kept figures that differ from `expected` (one statement per register) and audits each
    /// rewritten record; returns how many there were.
    func rewriteKeptFacts(_ pg: PG, _ expected: KeptFacts, community: String) async throws -> Int {
        let persons = try await pg.rows("""
            WITH expected AS (
                SELECT * FROM unnest(\(expected.persons.map(\.id))::bigint[], \(expected.persons.map(\.facts))::jsonb[],
                                     \(expected.persons.map(\.served))::integer[]) AS e(id, facts, served)),
            differing AS (
                SELECT p.id, p.facts::text AS old_facts, p.services_in_period AS old_served, e.facts, e.served
                FROM person p JOIN expected e ON e.id = p.id
                WHERE p.facts IS DISTINCT FROM e.facts OR p.services_in_period IS DISTINCT FROM e.served
                FOR UPDATE OF p)
            UPDATE person p SET facts = d.facts, services_in_period = d.served FROM differing d WHERE p.id = d.id
            RETURNING p.id, d.old_facts, d.facts::text AS new_facts, d.old_served, d.served
            """)
        for row in persons {
            var changes = [FieldChange(field: "facts", old: try row.text("old_facts"), new: try row.text("new_facts"))]
            let (old, new) = (try row.int("old_served"), try row.int("served"))
            if old != new { changes.append(FieldChange(field: "services_in_period", old: String(old), new: String(new))) }
            try await audit(pg, community: community, table: "person", id: String(try row.id()), action: "recount", changes: changes)
        }
        let activities = try await pg.rows("""
            WITH expected AS (
                SELECT * FROM unnest(\(expected.activities.map(\.id))::bigint[], \(expected.activities.map(\.facts))::jsonb[]) AS e(id, facts)),
            differing AS (
                SELECT a.id, a.facts::text AS old_facts, e.facts FROM activity a JOIN expected e ON e.id = a.id
                WHERE a.facts IS DISTINCT FROM e.facts FOR UPDATE OF a)
            UPDATE activity a SET facts = d.facts FROM differing d WHERE a.id = d.id
            RETURNING a.id, d.old_facts, d.facts::text AS new_facts
            """)
        for row in activities {
            let change = FieldChange(field: "facts", old: try row.text("old_facts"), new: try row.text("new_facts"))
            try await audit(pg, community: community, table: "activity", id: String(try row.id()), action: "recount", changes: [change])
        }
        return persons.count + activities.count
    }
}
