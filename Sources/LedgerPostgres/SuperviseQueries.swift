import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    public func scoreFacts(community code: String) async throws -> ScoreFacts {
        try await read { pg in
            let c = try await Self.requireCommunity(pg, code: code)
            var facts = try await Self.facts(pg, communities: [code]).values.reduce(ScoreFacts(), +)
            facts[.labourForce] = c.labourForce
            return facts
        }
    }

    /// A street's figures: the union of its communities' registers, and the sum of their labour forces.
    public func scoreFacts(street: String) async throws -> ScoreFacts {
        try await read { pg in
            let codes = try await pg.texts("SELECT code FROM community WHERE street = \(street) ORDER BY code")
            var facts = try await Self.facts(pg, communities: codes).values.reduce(ScoreFacts(), +)
            facts[.labourForce] = try await pg.integer("SELECT COALESCE(sum(labour_force), 0)::bigint FROM community WHERE street = \(street)")
            return facts
        }
    }

    public func scoreFactsByCommunity() async throws -> [String: ScoreFacts] {
        try await read { pg in
            var labour: [String: Int] = [:]
            for row in try await pg.rows("SELECT code, labour_force FROM community") { labour[try row.text("code")] = try row.int("labour_force") }
            var result = try await Self.facts(pg, communities: Array(labour.keys))
            for (code, force) in labour { result[code, default: ScoreFacts()][.labourForce] = force }
            return result
        }
    }

    /// The figures of communities, as kept by the totals triggers (migration v3): the sums of their active
    /// records' contributions (`facts`, written by `LedgerCore.Contribution` with every change) and their records
    /// with open errors or warnings.
    static func facts(_ pg: PG, communities codes: [String]) async throws -> [String: ScoreFacts] {
        var result: [String: ScoreFacts] = [:]
        for code in codes { result[code] = ScoreFacts() }
        let byName = Dictionary(Measure.allCases.map { ($0.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try await pg.rows("""
            SELECT community_code, measure, total FROM community_total WHERE community_code = ANY(\(codes))
            """) {
            guard let measure = byName[try row.text("measure")] else { continue }
            result[try row.text("community_code"), default: ScoreFacts()][measure] = try row.int("total")
        }
        return result
    }

    /// The services still missing for every service target to be served twice, and role-model stories too short
    /// to count (characters counted in Swift, as the score counts them).
    public func planDetails(community code: String, period: Period) async throws -> PlanDetails {
        try await read { pg in
            let missing = try await pg.integer("""
                SELECT COALESCE(sum(2 - services_in_period), 0)::bigint FROM person
                WHERE community_code = \(code) AND deleted_at IS NULL AND services_in_period < 2
                    AND COALESCE((facts->>\(Measure.serviceTargets.rawValue))::bigint, 0) = 1
                """)
            let stories = try await pg.rows("""
                SELECT fields->>'title' AS title, COALESCE(fields->>'story', '') AS story FROM activity
                WHERE community_code = \(code) AND deleted_at IS NULL AND kind = '创业典型'
                    AND date BETWEEN \(period.start.description) AND \(period.end.description)
                ORDER BY length(COALESCE(fields->>'story', '')) DESC, id
                """)
            var short: [ShortStory] = []
            for row in stories {
                let count = try row.text("story").count
                guard count < Activity.roleModelStoryMinimum else { continue }
                short.append(ShortStory(title: try row.optionalText("title") ?? "", missingCharacters: Activity.roleModelStoryMinimum - count))
            }
            return PlanDetails(servicesMissing: missing, shortStories: short)
        }
    }

    public func countsByCommunity() async throws -> [String: RecordCounts] {
        try await read { pg in
            var result: [String: RecordCounts] = [:]
            for code in try await pg.texts("SELECT code FROM community") { result[code] = RecordCounts() }
            for row in try await pg.rows("SELECT community_code, measure, total FROM community_total WHERE measure LIKE 'count.%'") {
                let code = try row.text("community_code"), total = try row.int("total")
                switch try row.text("measure") {
                case "count.person": result[code, default: RecordCounts()].persons = total
                case "count.service": result[code, default: RecordCounts()].services = total
                case "count.activity": result[code, default: RecordCounts()].activities = total
                default: break
                }
            }
            return result
        }
    }

    public func checkAll(community: String) async throws -> [CheckedRecord] {
        try await read { pg in try await checkAllIn(pg, community: community, recount: false).results }
    }

    public func checkAndRecount(community: String) async throws -> (results: [CheckedRecord], corrected: Int) {
        try await write { pg in
            pg.changed(community)
            return try await checkAllIn(pg, community: community, recount: true)
        }
    }

    /// Every active record of a community judged against the registers as they are now (`RecordFindings`, the
    /// definition the kept counts follow); with `recount`, kept counts that differ are rewritten, and so are kept
    /// score contributions (`facts`) that differ from what the records' fields give (KeptFactsRecount.swift).
    func checkAllIn(_ pg: PG, community: String, recount: Bool) async throws -> (results: [CheckedRecord], corrected: Int) {
        let c = try await Self.requireCommunity(pg, code: community)
        let lookups = PersonLookups()
        // The numbers the community's records name, loaded at once instead of one look-up per record.
        try await lookups.load(pg, try await pg.texts("""
            SELECT id_number FROM person WHERE community_code = \(community)
            UNION SELECT id_number FROM service WHERE community_code = \(community)
            UNION SELECT person_id_number FROM activity WHERE community_code = \(community) AND person_id_number IS NOT NULL
            """))
        let served = recount ? try await servicesInPeriod(pg, community: c) : [:]
        var expected = KeptFacts()
        var results: [CheckedRecord] = []
        var stale: [(Register, Int64)] = []
        for register in Register.allCases {
            let table = register.table
            var accepted: [Int64: [String: String]] = [:]
            for row in try await pg.rows("""
                SELECT w.record_id, w.code, w.reason FROM accepted_warning w JOIN \(unescaped: table) r ON r.id = w.record_id
                WHERE w.record_table = \(table) AND r.community_code = \(community)
                """) {
                accepted[try row.id("record_id"), default: [:]][try row.text("code")] = try row.text("reason")
            }
            // (A person keeps whether its count holds the other-community warning: stale too when that is wrong.)
            let otherCommunity = register == .survey ? "other_community_counted" : "false AS other_community_counted"
            for row in try await pg.rows("""
                SELECT id, fields::text AS fields, error_count, warning_count, \(unescaped: otherCommunity) FROM \(unescaped: table)
                WHERE community_code = \(community) AND deleted_at IS NULL ORDER BY id
                """) {
                let id = try row.id()
                let judged = try await judge(pg, register, try row.fields(), community: c, editingId: id, lookups: lookups)
                let found = RecordFindings(judged.findings, accepted: accepted[id] ?? [:])
                if !found.isEmpty { results.append(CheckedRecord(register: register, id: id, findings: found.open, accepted: found.accepted)) }
                if recount, try found.errorCount != row.int("error_count") || found.warningCount != row.int("warning_count")
                    || (register == .survey && found.warnsOfOtherCommunity != row["other_community_counted"].decode(Bool.self)) {
                    stale.append((register, id))
                }
                if recount { expected.add(judged.record, id: id, servicesInPeriod: served[id] ?? 0, period: c.period) }
            }
        }
        var communities = [c.code: c]
        for (register, id) in stale { try await refreshFindings(pg, register, ids: [id], communities: &communities) }
        let rewritten = recount ? try await rewriteKeptFacts(pg, expected, community: community) : 0
        return (results, stale.count + rewritten)
    }
}
