import GRDB
import LedgerCore

/// What one register adds to the shared save (`AppDatabase.save`): its validator, how its record is stored, and
/// what else changes with it. Everything else — the transaction, rights, optimistic concurrency, the diff, the
/// accepted warnings, the kept problem counts and the audit entry — is the same for every register.
struct RecordSaveSteps<Record: Sendable> {
    let validate: (_ fields: [String: String], _ context: ValidationContext) -> Validated<Record>
    /// The record as field text: what the audit trail compares.
    let text: (Record) -> [String: String]
    let columns: [String]
    let values: (Record) -> [DatabaseValue]
    /// Runs before a saved row is overwritten, with its text before and after.
    var beforeUpdate: (_ db: Database, _ id: Int64, _ old: [String: String], _ new: [String: String]) throws -> Void = { _, _, _, _ in }
    /// Runs once the row, its accepted warnings and its problem counts are written: kept figures and the records
    /// whose findings depend on this one. `old` is the row before a correction (nil for a new record).
    var afterWrite: (_ db: Database, _ record: Record, _ id: Int64, _ old: Row?) throws -> Void = { _, _, _, _ in }
    let saved: (Record, Int64) -> SavedRecord
}

extension AppDatabase {
    /// Validates and saves a record of any register: validate → diff → write → accept warnings → audit.
    public func save(_ entry: RecordEntry, community: String, editing: EditToken? = nil,
                     acceptedWarnings: [String: String] = [:], action: SaveAction = .entry) throws -> SaveResult<SavedRecord> {
        switch entry.register {
        case .survey: try save(entry, community, editing, acceptedWarnings, action, steps: personSaveSteps)
        case .service: try save(entry, community, editing, acceptedWarnings, action, steps: serviceSaveSteps)
        case .activity: try save(entry, community, editing, acceptedWarnings, action, steps: activitySaveSteps)
        }
    }

    private func save<Record>(_ entry: RecordEntry, _ community: String, _ editing: EditToken?, _ reasons: [String: String],
                              _ action: SaveAction, steps makeSteps: (Community) -> RecordSaveSteps<Record>) throws -> SaveResult<SavedRecord> {
        try write { db in
            let c = try Self.requireCommunity(db, code: community)
            try requireWritable(db, community: community)
            let steps = makeSteps(c)
            let validated = steps.validate(entry.fields, validationContext(db, community: c, editingId: editing?.id))
            guard let record = validated.saveable else { return SaveResult(saved: nil, findings: validated.findings) }
            let table = entry.register.table
            let newFields = steps.text(record)
            let id: Int64
            var changes: [FieldChange]
            var oldRow: Row?
            if let editing {
                let (row, currentFields) = try rowForUpdate(db, entry.register, editing: editing)
                oldRow = row
                try steps.beforeUpdate(db, editing.id, currentFields, newFields)
                changes = AuditLog.diff(old: currentFields, new: newFields)
                id = editing.id
                let assignments = steps.columns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE \(table) SET \(assignments), version = version + 1 WHERE id = ?",
                               arguments: StatementArguments(steps.values(record) + [id.databaseValue]))
            } else {
                changes = AuditLog.diff(old: [:], new: newFields)
                let placeholders = Array(repeating: "?", count: steps.columns.count).joined(separator: ", ")
                try db.execute(sql: "INSERT INTO \(table) (\(steps.columns.joined(separator: ", "))) VALUES (\(placeholders))",
                               arguments: StatementArguments(steps.values(record)))
                id = db.lastInsertedRowID
            }
            try acceptWarnings(db, table: table, id: id, findings: validated.findings, reasons: reasons, changes: &changes)
            let counted = RecordFindings(validated.findings, accepted: try Self.acceptedWarnings(db, table: table, id: id))
            try db.execute(sql: "UPDATE \(table) SET error_count = ?, warning_count = ? WHERE id = ?",
                           arguments: [counted.errorCount, counted.warningCount, id])
            try steps.afterWrite(db, record, id, oldRow)
            // An undo is audited even when it changes no field, so the next undo steps past it (see changeToUndo).
            if !changes.isEmpty || action == .undo {
                let audited = action == .undo ? "undo" : editing == nil ? "insert" : "update"
                try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: table,
                                    id: String(id), action: audited, changes: changes)
            }
            return SaveResult(saved: steps.saved(record, id), findings: validated.findings)
        }
    }
}
