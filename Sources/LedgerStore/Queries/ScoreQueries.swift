import GRDB
import LedgerCore

extension AppDatabase {
    /// The score figures of one community: its row of trigger-kept totals (constant work, whatever the size).
    public func scoreFacts(community code: String) throws -> ScoreFacts {
        try read { db in
            let c = try Self.requireCommunity(db, code: code)
            var f = try Self.totals(db, where: "community_code = ?", arguments: [code])
            f[.labourForce] = c.labourForce
            return f
        }
    }

    /// The figures of a street: the union of its communities' registers, and the sum of their labour forces.
    public func scoreFacts(street: String) throws -> ScoreFacts {
        try read { db in
            var f = try Self.totals(db, where: "community_code IN (SELECT code FROM community WHERE street = ?)", arguments: [street])
            f[.labourForce] = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(labour_force), 0) FROM community WHERE street = ?",
                                               arguments: [street]) ?? 0
            return f
        }
    }

    /// Figures for every community at once, for district overviews: one row per community.
    public func scoreFactsByCommunity() throws -> [String: ScoreFacts] {
        try read { db in
            var result: [String: ScoreFacts] = [:]
            let labour = Dictionary(try Row.fetchAll(db, sql: "SELECT code, labour_force FROM community").map {
                ($0["code"] as String, $0["labour_force"] as Int)
            }, uniquingKeysWith: { a, _ in a })
            for row in try Row.fetchAll(db, sql: "SELECT * FROM community_totals") {
                let code: String = row["community_code"]
                var f = Self.facts(from: row)
                f[.labourForce] = labour[code] ?? 0
                result[code] = f
            }
            return result
        }
    }

    /// Record counts of every community (kept by triggers): persons, services, activities.
    public func countsByCommunity() throws -> [String: RecordCounts] {
        try read { db in
            var result: [String: RecordCounts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT community_code, persons, services, activities FROM community_totals") {
                result[row["community_code"]] = RecordCounts(persons: row["persons"], services: row["services"], activities: row["activities"])
            }
            return result
        }
    }

    /// Column of `community_totals` for each summed measure.
    static let totalColumns: [(Measure, String)] =
        (Measure.personMeasures + Measure.activityMeasures).map { ($0, "m_" + $0.rawValue) }
        + [(.errorRecords, "error_records"), (.warningRecords, "warning_records")]

    static func totals(_ db: Database, where condition: String, arguments: StatementArguments) throws -> ScoreFacts {
        let sums = totalColumns.map { "COALESCE(SUM(\($0.1)), 0) AS \($0.1)" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(sums) FROM community_totals WHERE \(condition)", arguments: arguments) else {
            return ScoreFacts()
        }
        return facts(from: row)
    }

    static func facts(from row: Row) -> ScoreFacts {
        var f = ScoreFacts()
        for (measure, column) in totalColumns { f[measure] = row[column] ?? 0 }
        return f
    }

    /// The same figures computed by scanning the registers: slow, used to verify the trigger-kept totals.
    func scannedFacts(community code: String) throws -> ScoreFacts {
        try read { db in
            var f = ScoreFacts()
            let sums = Measure.personMeasures.map { "COALESCE(SUM(m_\($0.rawValue)), 0)" }.joined(separator: ", ")
            if let row = try Row.fetchOne(db, sql: "SELECT \(sums) FROM person WHERE deleted_at IS NULL AND community_code = ?", arguments: [code]) {
                for (i, m) in Measure.personMeasures.enumerated() { f[m] = row[i] ?? 0 }
            }
            let activitySums = Measure.activityMeasures.map { "COALESCE(SUM(m_\($0.rawValue)), 0)" }.joined(separator: ", ")
            if let row = try Row.fetchOne(db, sql: "SELECT \(activitySums) FROM activity WHERE deleted_at IS NULL AND community_code = ?", arguments: [code]) {
                for (i, m) in Measure.activityMeasures.enumerated() { f[m] = row[i] ?? 0 }
            }
            for table in ["person", "service", "activity"] {
                if let row = try Row.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(error_count > 0), 0), COALESCE(SUM(error_count = 0 AND warning_count > 0), 0)
                    FROM \(table) WHERE deleted_at IS NULL AND community_code = ?
                    """, arguments: [code]) {
                    f[.errorRecords] += row[0] ?? 0
                    f[.warningRecords] += row[1] ?? 0
                }
            }
            return f
        }
    }

    /// Ids of the records behind an item's figure (counted by `include`, not by `excluding`), at most `limit`.
    public func evidence(_ e: Evidence, community: String, limit: Int = 100) throws -> (table: String, ids: [Int64]) {
        try read { db in
            if Measure.activityMeasures.contains(e.include) {
                return ("activity", try Int64.fetchAll(db, sql: "SELECT id FROM activity WHERE community_code = ? AND deleted_at IS NULL AND m_\(e.include.rawValue) > 0 ORDER BY id LIMIT ?", arguments: [community, limit]))
            }
            if e.include == .errorRecords || e.include == .warningRecords {
                // The records counted are in all three registers (a service whose person was deleted is one): the
                // first register that has any, as `check` lists them.
                let condition = e.include == .errorRecords ? "error_count > 0" : "error_count = 0 AND warning_count > 0"
                for table in Register.allCases.map(\.table) {
                    let ids = try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE community_code = ? AND deleted_at IS NULL AND \(condition) ORDER BY id LIMIT ?", arguments: [community, limit])
                    if !ids.isEmpty { return (table, ids) }
                }
                return ("person", [])
            }
            guard Measure.personMeasures.contains(e.include) else { return ("person", []) }
            var sql = "SELECT id FROM person WHERE community_code = ? AND deleted_at IS NULL AND m_\(e.include.rawValue) > 0"
            if let ex = e.excluding, Measure.personMeasures.contains(ex) { sql += " AND m_\(ex.rawValue) = 0" }
            return ("person", try Int64.fetchAll(db, sql: sql + " ORDER BY id LIMIT ?", arguments: [community, limit]))
        }
    }
}
