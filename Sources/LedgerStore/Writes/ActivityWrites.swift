import GRDB
import LedgerCore

extension AppDatabase {
    static let activityColumns = ["community_code", "date", "kind", "title", "participants", "person_id_number", "story",
                                  "target", "evidence", "m_publicity", "m_role_models", "m_incubation", "error_count", "warning_count"]

    static func activityValues(_ a: Activity, period: Period, warnings: Int) -> [any DatabaseValueConvertible & Sendable] {
        let facts = Contribution.of(a, period: period)
        let values: [(any DatabaseValueConvertible & Sendable)?] = [
            a.communityCode, a.date.description, a.kind.rawValue, a.title, a.participants, a.personIdNumber, a.story,
            a.target, a.evidence, facts[.publicity], facts[.roleModels], facts[.incubation], 0, warnings,
        ]
        return values.map { $0 ?? DatabaseValue.null }
    }

    /// An activity: its score contributions (宣传, 典型, 入园) are stored with it.
    func activitySaveSteps(_ c: Community) -> RecordSaveSteps<Activity> {
        RecordSaveSteps(
            validate: { ActivityValidator.validate($0, context: $1) },
            text: ActivityRecordFields.text(of:),
            columns: Self.activityColumns,
            values: { Self.activityValues($0, period: c.period, warnings: 0).map(\.databaseValue) },
            saved: { activity, id in
                var saved = activity
                saved.id = id
                return .activity(saved)
            })
    }

    static func insertActivity(_ db: Database, _ a: Activity, period: Period, warnings: Int) throws {
        let placeholders = Array(repeating: "?", count: activityColumns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO activity (\(activityColumns.joined(separator: ", "))) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(activityValues(a, period: period, warnings: warnings)))
    }

    static func activityFields(_ row: Row) -> [String: String] {
        var f: [String: String] = [:]
        for (key, column) in [("date", "date"), ("kind", "kind"), ("title", "title"), ("person_id", "person_id_number"),
                              ("story", "story"), ("target", "target"), ("evidence", "evidence")] {
            if let v: String = row[column] { f[key] = v }
        }
        if let n: Int = row["participants"] { f["participants"] = String(n) }
        return f
    }
}
