import GRDB
import LedgerCore

extension AppDatabase: StatisticsStore {
    public func operatorStatistics(_ filter: StatisticsFilter) throws -> OperatorStatistics {
        try read { db in
            let who = try scopedOperator(db, asked: filter.operatorName)
            let from = filter.from?.description, to = filter.to?.description
            var days: [String: OperatorDay] = [:]
            func update(_ row: Row, _ change: (inout OperatorDay) -> Void) {
                let name: String = row["operator"], day: String = row["day"]
                change(&days[name + "\u{0}" + day, default: OperatorDay(operatorName: name, day: day)])
            }
            for row in try Row.fetchAll(db, sql: Self.auditByOperatorDay, arguments: [who, from, to]) {
                update(row) {
                    $0.entered = row["entered"]
                    $0.corrected = row["corrected"]
                    $0.fieldsChanged = row["fields"]
                    $0.warningsAccepted = row["accepted"]
                }
            }
            for row in try Row.fetchAll(db, sql: Self.importsByOperatorDay, arguments: [who, from, to]) {
                update(row) { $0.imported = row["imported"] }
            }
            for row in try Row.fetchAll(db, sql: Self.formsByOperatorDay, arguments: [who, from, to]) {
                update(row) {
                    $0.errorsCaught = row["errors"]
                    $0.formsSaved = row["saved"]
                    $0.formsAbandoned = row["abandoned"]
                    $0.secondsOnSavedForms = row["seconds"]
                }
            }
            let tallies = try Row.fetchAll(db, sql: Self.spotChecksByClerk, arguments: [who, from, to]).map {
                SpotCheckTally(clerk: $0["clerk"], checked: $0["checked"], confirmed: $0["confirmed"], untrue: $0["untrue"],
                               unreachable: $0["unreachable"])
            }
            let ordered = days.values.sorted { ($0.day, $0.operatorName) < ($1.day, $1.operatorName) }
            return OperatorStatistics(days: ordered, spotChecks: tallies, ownWorkOnly: filter.operatorName == nil && who != nil)
        }
    }

    /// The operator whose statistics may be read: the one asked for, or nil for everyone. A supervisor (or anyone
    /// while no operator is registered) reads everyone's; a clerk only their own.
    private func scopedOperator(_ db: Database, asked: String?) throws -> String? {
        guard try Self.writable(db, operatorName: operatorName) != nil else { return asked }
        if let asked, asked != operatorName {
            throw StoreError("只有督导可以查看其他操作员的统计，\(operatorName)只能查看自己的")
        }
        return operatorName
    }

    // Each query takes the operator (nil: all), the first and the last day (nil: open) as ?1, ?2, ?3; the day is
    // the first ten characters of the local time stamp.

    /// Register changes made at forms. Accepted warnings are stored in the changes as `accepted_warning.<code>`
    /// keys (AppDatabase.acceptWarnings), so they are counted apart from the fields a correction changed.
    static let auditByOperatorDay = """
        SELECT operator, substr(at, 1, 10) AS day,
               SUM(action = 'insert') AS entered,
               SUM(action IN ('update', 'undo')) AS corrected,
               SUM(CASE WHEN action IN ('update', 'undo') THEN
                   (SELECT COUNT(*) FROM json_each(changes) WHERE key NOT LIKE 'accepted\\_warning.%' ESCAPE '\\')
                   ELSE 0 END) AS fields,
               SUM((SELECT COUNT(*) FROM json_each(changes) WHERE key LIKE 'accepted\\_warning.%' ESCAPE '\\')) AS accepted
        FROM audit
        WHERE record_table IN ('person', 'service', 'activity')
          AND (?1 IS NULL OR operator = ?1) AND (?2 IS NULL OR substr(at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)
        GROUP BY operator, day
        """

    static let importsByOperatorDay = """
        SELECT operator, substr(at, 1, 10) AS day, SUM(rows) AS imported
        FROM import_batch
        WHERE (?1 IS NULL OR operator = ?1) AND (?2 IS NULL OR substr(at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)
        GROUP BY operator, day
        """

    /// Forms closed, by the day they were closed; the time of a saved form is whole seconds from open to save.
    static let formsByOperatorDay = """
        SELECT operator, substr(closed_at, 1, 10) AS day,
               SUM(errors_shown) AS errors,
               SUM(outcome = 'saved') AS saved,
               SUM(outcome = 'abandoned') AS abandoned,
               SUM(CASE WHEN outcome = 'saved'
                   THEN CAST(round((julianday(closed_at) - julianday(opened_at)) * 86400) AS INTEGER) ELSE 0 END) AS seconds
        FROM entry_event
        WHERE (?1 IS NULL OR operator = ?1) AND (?2 IS NULL OR substr(closed_at, 1, 10) >= ?2)
          AND (?3 IS NULL OR substr(closed_at, 1, 10) <= ?3)
        GROUP BY operator, day
        """

    /// Recorded spot-check results, by the clerk who entered the sampled person (the first audit entry creating it)
    /// or imported it (the batch whose id range holds it), on the days the checks were recorded.
    static let spotChecksByClerk = """
        SELECT clerk, COUNT(*) AS checked, SUM(result = '属实') AS confirmed, SUM(result = '不属实') AS untrue,
               SUM(result = '联系不上') AS unreachable
        FROM (
            SELECT s.result, s.checked_at, COALESCE(
                (SELECT a.operator FROM audit a WHERE a.record_table = 'person' AND a.record_id = CAST(s.person_id AS TEXT)
                    AND a.action = 'insert' ORDER BY a.id LIMIT 1),
                (SELECT b.operator FROM import_batch b WHERE b.record_table = 'person'
                    AND s.person_id BETWEEN b.first_id AND b.last_id ORDER BY b.id DESC LIMIT 1),
                '') AS clerk
            FROM spot_check s
            WHERE s.result IS NOT NULL
        )
        WHERE (?1 IS NULL OR clerk = ?1) AND (?2 IS NULL OR substr(checked_at, 1, 10) >= ?2)
          AND (?3 IS NULL OR substr(checked_at, 1, 10) <= ?3)
        GROUP BY clerk ORDER BY clerk
        """
}
