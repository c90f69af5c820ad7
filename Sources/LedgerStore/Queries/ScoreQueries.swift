import GRDB
import LedgerCore

extension AppDatabase {
    /// The score figures of one community: sums of the stored contributions (one indexed scan, no per-row work).
    public func scoreFacts(community code: String) throws -> ScoreFacts {
        try read { db in
            let c = try Self.requireCommunity(db, code: code)
            return try Self.facts(db, where: "community_code = ?", arguments: [code], labourForce: c.labourForce)
        }
    }

    /// The figures of a street: the union of its communities' registers, and the sum of their labour forces.
    public func scoreFacts(street: String) throws -> ScoreFacts {
        try read { db in
            let labour = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(labour_force), 0) FROM community WHERE street = ?",
                                          arguments: [street]) ?? 0
            return try Self.facts(db, where: "community_code IN (SELECT code FROM community WHERE street = ?)",
                                  arguments: [street], labourForce: labour)
        }
    }

    /// Figures for every community at once (one grouped scan per table), for district overviews.
    public func scoreFactsByCommunity() throws -> [String: ScoreFacts] {
        try read { db in
            var result: [String: ScoreFacts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, labour_force FROM community") {
                var f = ScoreFacts()
                f[.labourForce] = row["labour_force"]
                result[row["code"]] = f
            }
            let sums = Measure.personMeasures.map { "SUM(m_\($0.rawValue))" }.joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT community_code, \(sums) FROM person WHERE deleted_at IS NULL GROUP BY community_code") {
                let code: String = row[0]
                for (i, m) in Measure.personMeasures.enumerated() { result[code, default: ScoreFacts()][m] = row[i + 1] ?? 0 }
            }
            let activitySums = Measure.activityMeasures.map { "SUM(m_\($0.rawValue))" }.joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT community_code, \(activitySums) FROM activity WHERE deleted_at IS NULL GROUP BY community_code") {
                let code: String = row[0]
                for (i, m) in Measure.activityMeasures.enumerated() { result[code, default: ScoreFacts()][m] = row[i + 1] ?? 0 }
            }
            for table in ["person", "service", "activity"] {
                for row in try Row.fetchAll(db, sql: """
                    SELECT community_code, SUM(error_count > 0), SUM(error_count = 0 AND warning_count > 0)
                    FROM \(table) WHERE deleted_at IS NULL GROUP BY community_code
                    """) {
                    let code: String = row[0]
                    result[code, default: ScoreFacts()][.errorRecords] += row[1] ?? 0
                    result[code, default: ScoreFacts()][.warningRecords] += row[2] ?? 0
                }
            }
            return result
        }
    }

    static func facts(_ db: Database, where condition: String, arguments: StatementArguments, labourForce: Int) throws -> ScoreFacts {
        var f = ScoreFacts()
        f[.labourForce] = labourForce
        let sums = Measure.personMeasures.map { "SUM(m_\($0.rawValue))" }.joined(separator: ", ")
        if let row = try Row.fetchOne(db, sql: "SELECT \(sums) FROM person WHERE deleted_at IS NULL AND \(condition)", arguments: arguments) {
            for (i, m) in Measure.personMeasures.enumerated() { f[m] = row[i] ?? 0 }
        }
        let activitySums = Measure.activityMeasures.map { "SUM(m_\($0.rawValue))" }.joined(separator: ", ")
        if let row = try Row.fetchOne(db, sql: "SELECT \(activitySums) FROM activity WHERE deleted_at IS NULL AND \(condition)", arguments: arguments) {
            for (i, m) in Measure.activityMeasures.enumerated() { f[m] = row[i] ?? 0 }
        }
        for table in ["person", "service", "activity"] {
            if let row = try Row.fetchOne(db, sql: """
                SELECT SUM(error_count > 0), SUM(error_count = 0 AND warning_count > 0)
                FROM \(table) WHERE deleted_at IS NULL AND \(condition)
                """, arguments: arguments) {
                f[.errorRecords] += row[0] ?? 0
                f[.warningRecords] += row[1] ?? 0
            }
        }
        return f
    }

    /// Ids of the records behind an item's figure (counted by `include`, not by `excluding`), at most `limit`.
    public func evidence(_ e: Evidence, community: String, limit: Int = 100) throws -> (table: String, ids: [Int64]) {
        try read { db in
            if Measure.activityMeasures.contains(e.include) {
                return ("activity", try Int64.fetchAll(db, sql: "SELECT id FROM activity WHERE community_code = ? AND deleted_at IS NULL AND m_\(e.include.rawValue) > 0 ORDER BY id LIMIT ?", arguments: [community, limit]))
            }
            if e.include == .errorRecords || e.include == .warningRecords {
                let condition = e.include == .errorRecords ? "error_count > 0" : "error_count = 0 AND warning_count > 0"
                return ("person", try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE community_code = ? AND deleted_at IS NULL AND \(condition) ORDER BY id LIMIT ?", arguments: [community, limit]))
            }
            guard Measure.personMeasures.contains(e.include) else { return ("person", []) }
            var sql = "SELECT id FROM person WHERE community_code = ? AND deleted_at IS NULL AND m_\(e.include.rawValue) > 0"
            if let ex = e.excluding, Measure.personMeasures.contains(ex) { sql += " AND m_\(ex.rawValue) = 0" }
            return ("person", try Int64.fetchAll(db, sql: sql + " ORDER BY id LIMIT ?", arguments: [community, limit]))
        }
    }
}
