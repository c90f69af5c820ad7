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

    /// Validates and saves an activity-register entry (new, or an edit of `editing`).
    public func saveActivity(_ raw: [String: String], community: String, editing: EditToken? = nil,
                             acceptedWarnings: [String: String] = [:], action: String? = nil) throws -> SaveResult<Activity> {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            try requireWritable(db, community: community)
            let validated = ActivityValidator.validate(raw, context: validationContext(db, community: c, editingId: editing?.id))
            guard var activity = validated.saveable else { return SaveResult(saved: nil, findings: validated.findings) }
            let newFields = ActivityRecordFields.text(of: activity)
            var changes: [FieldChange]
            let id: Int64
            if let editing {
                let currentFields = try rowForUpdate(db, .activity, editing: editing).fields
                changes = AuditLog.diff(old: currentFields, new: newFields)
                id = editing.id
                let assignments = Self.activityColumns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE activity SET \(assignments), version = version + 1 WHERE id = ?",
                               arguments: StatementArguments(Self.activityValues(activity, period: c.period, warnings: 0) + [id]))
            } else {
                changes = AuditLog.diff(old: [:], new: newFields)
                try Self.insertActivity(db, activity, period: c.period, warnings: 0)
                id = db.lastInsertedRowID
            }
            activity.id = id
            try acceptWarnings(db, table: "activity", id: id, findings: validated.findings, reasons: acceptedWarnings, changes: &changes)
            let accepted = try Self.acceptedWarnings(db, table: "activity", id: id)
            try db.execute(sql: "UPDATE activity SET warning_count = ? WHERE id = ?",
                           arguments: [validated.findings.warnings.filter { accepted[$0.code] == nil }.count, id])
            // An undo is audited even when it changes no field, so the next undo steps past it (see changeToUndo).
            if !changes.isEmpty || action == "undo" {
                try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: "activity",
                                    id: String(id), action: action ?? (editing == nil ? "insert" : "update"), changes: changes)
            }
            return SaveResult(saved: activity, findings: validated.findings)
        }
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
