import LedgerCore
import LedgerStore
import PostgresNIO

/// Operator statistics on a district's server: the SQLite engine's definitions (StatisticsQueries.swift) over
/// this engine's tables. Entered = audit `insert` rows of the registers; corrected = `update` and `undo` rows and
/// the fields they changed; accepted warnings = `accepted_warning.<code>` keys of any entry; imported rows; and the
/// closed forms of `entry_event`. The day is the first ten characters of the stored time. Row-level security
/// narrows what a login reads to its communities; the rights below narrow it to its own work unless it is a
/// district supervisor.
extension PostgresLedger: StatisticsStore {
    public func operatorStatistics(_ filter: StatisticsFilter) async throws -> OperatorStatistics {
        try await read { pg in
            let who = try await scopedOperator(pg, asked: filter.operatorName)
            let from = filter.from?.description, to = filter.to?.description
            var days: [String: OperatorDay] = [:]
            func update(_ row: PostgresRandomAccessRow, _ change: (inout OperatorDay) throws -> Void) throws {
                let name = try row.text("operator"), day = try row.text("day")
                try change(&days[name + "\u{0}" + day, default: OperatorDay(operatorName: name, day: day)])
            }
            for row in try await pg.rows(Self.auditByOperatorDay(who, from, to)) {
                try update(row) {
                    $0.entered = try row.int("entered")
                    $0.corrected = try row.int("corrected")
                    $0.fieldsChanged = try row.int("fields")
                    $0.warningsAccepted = try row.int("accepted")
                }
            }
            for row in try await pg.rows(Self.importsByOperatorDay(who, from, to)) {
                try update(row) { $0.imported = try row.int("imported") }
            }
            for row in try await pg.rows(Self.formsByOperatorDay(who, from, to)) {
                try update(row) {
                    $0.errorsCaught = try row.int("errors")
                    $0.formsSaved = try row.int("saved")
                    $0.formsAbandoned = try row.int("abandoned")
                    $0.secondsOnSavedForms = try row.int("seconds")
                }
            }
            let tallies = try await pg.rows(Self.spotChecksByClerk(who, from, to)).map {
                SpotCheckTally(clerk: try $0.text("clerk"), checked: try $0.int("checked"), confirmed: try $0.int("confirmed"),
                               untrue: try $0.int("untrue"), unreachable: try $0.int("unreachable"))
            }
            let ordered = days.values.sorted { ($0.day, $0.operatorName) < ($1.day, $1.operatorName) }
            return OperatorStatistics(days: ordered, spotChecks: tallies, ownWorkOnly: filter.operatorName == nil && who != nil)
        }
    }

    /// The operator whose statistics may be read: the one asked for, or nil for everyone. A supervisor (or anyone
    /// while no operator is registered) reads everyone's; anyone else only their own.
    private func scopedOperator(_ pg: PG, asked: String?) async throws -> String? {
        guard try await writable(pg) != nil else { return asked }
        if let asked, asked != operatorName {
            throw StoreError("只有督导可以查看其他操作员的统计，\(operatorName)只能查看自己的")
        }
        return operatorName
    }

    /// Register changes made at forms, by operator and day.
    static func auditByOperatorDay(_ who: String?, _ from: String?, _ to: String?) -> PostgresQuery {
        """
        SELECT operator, left(at, 10) AS day,
               count(*) FILTER (WHERE action = 'insert')::integer AS entered,
               count(*) FILTER (WHERE action IN ('update', 'undo'))::integer AS corrected,
               COALESCE(sum(CASE WHEN action IN ('update', 'undo') THEN
                   (SELECT count(*) FROM jsonb_object_keys(changes_object(changes)) k WHERE k NOT LIKE 'accepted\\_warning.%') ELSE 0 END), 0)::integer AS fields,
               COALESCE(sum((SELECT count(*) FROM jsonb_object_keys(changes_object(changes)) k WHERE k LIKE 'accepted\\_warning.%')), 0)::integer AS accepted
        FROM audit
        WHERE record_table IN ('person', 'service', 'activity') AND action <> 'sql'
          AND (\(who)::text IS NULL OR operator = \(who)) AND (\(from)::text IS NULL OR left(at, 10) >= \(from))
          AND (\(to)::text IS NULL OR left(at, 10) <= \(to))
        GROUP BY operator, left(at, 10)
        """
    }

    static func importsByOperatorDay(_ who: String?, _ from: String?, _ to: String?) -> PostgresQuery {
        """
        SELECT operator, left(at, 10) AS day, sum(rows)::integer AS imported
        FROM import_batch
        WHERE (\(who)::text IS NULL OR operator = \(who)) AND (\(from)::text IS NULL OR left(at, 10) >= \(from))
          AND (\(to)::text IS NULL OR left(at, 10) <= \(to))
        GROUP BY operator, left(at, 10)
        """
    }

    /// Forms closed, by the day they were closed; the time of a saved form is whole seconds from open to save.
    static func formsByOperatorDay(_ who: String?, _ from: String?, _ to: String?) -> PostgresQuery {
        """
        SELECT operator, left(closed_at, 10) AS day,
               sum(errors_shown)::integer AS errors,
               count(*) FILTER (WHERE outcome = 'saved')::integer AS saved,
               count(*) FILTER (WHERE outcome = 'abandoned')::integer AS abandoned,
               COALESCE(sum(round(extract(epoch FROM closed_at::timestamp - opened_at::timestamp))) FILTER (WHERE outcome = 'saved'), 0)::integer AS seconds
        FROM entry_event
        WHERE (\(who)::text IS NULL OR operator = \(who)) AND (\(from)::text IS NULL OR left(closed_at, 10) >= \(from))
          AND (\(to)::text IS NULL OR left(closed_at, 10) <= \(to))
        GROUP BY operator, left(closed_at, 10)
        """
    }

    /// Recorded spot-check results, by the clerk who entered the sampled person (the first audit entry creating it)
    /// or imported it (its import), on the days the checks were recorded. Read through `spot_check_results()`,
    /// which names no record: a clerk counts the checks of its work before the sample is disclosed to it.
    static func spotChecksByClerk(_ who: String?, _ from: String?, _ to: String?) -> PostgresQuery {
        """
        SELECT clerk, count(*)::integer AS checked, count(*) FILTER (WHERE result = '属实')::integer AS confirmed,
               count(*) FILTER (WHERE result = '不属实')::integer AS untrue, count(*) FILTER (WHERE result = '联系不上')::integer AS unreachable
        FROM spot_check_results() checked
        WHERE (\(who)::text IS NULL OR clerk = \(who)) AND (\(from)::text IS NULL OR left(checked_at, 10) >= \(from))
          AND (\(to)::text IS NULL OR left(checked_at, 10) <= \(to))
        GROUP BY clerk ORDER BY clerk
        """
    }
}
