import GRDB
import LedgerCore

/// The outcome of saving one record: the saved record (nil when errors refused it) and every finding.
public struct SaveResult<Value: Sendable>: Sendable {
    public let saved: Value?
    public let findings: [Finding]

    public init(saved: Value?, findings: [Finding]) {
        self.saved = saved
        self.findings = findings
    }
}

/// Another process changed the record after it was opened: nothing was written.
public struct EditConflict: Error, Sendable, CustomStringConvertible {
    public let ref: RecordRef
    /// Field → (value when opened, value now), for every field that changed meanwhile.
    public let changedMeanwhile: [FieldChange]

    public init(ref: RecordRef, changedMeanwhile: [FieldChange]) {
        self.ref = ref
        self.changedMeanwhile = changedMeanwhile
    }
    public var description: String {
        "该记录已被其他人修改（\(changedMeanwhile.count)个字段），未保存。请查看双方的值后重新修改。"
    }
}

/// Where a record stands when it is opened for editing: its id and version.
public struct EditToken: Sendable, Hashable {
    public let id: Int64
    public let version: Int
    /// The record's fields when opened, to show what changed meanwhile on a conflict.
    public let fields: [String: String]
    public init(id: Int64, version: Int, fields: [String: String]) {
        self.id = id
        self.version = version
        self.fields = fields
    }
}

extension AppDatabase {
    /// The saved row of a record being edited and its fields as text; refused with `EditConflict` when its version
    /// moved since the record was opened (someone else saved meanwhile), so nothing is overwritten silently.
    func rowForUpdate(_ db: Database, _ register: Register, editing: EditToken) throws -> (row: Row, fields: [String: String]) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(register.table) WHERE id = ?", arguments: [editing.id]) else {
            throw StoreError.notFound("\(register.title)第\(editing.id)号记录")
        }
        let fields = try Self.summary(register, row).fields
        guard (row["deleted_at"] as String?) == nil else { throw StoreError.deletedRecord(register, id: editing.id) }
        guard (row["version"] as Int) == editing.version else {
            throw EditConflict(ref: RecordRef(register, id: editing.id), changedMeanwhile: AuditLog.diff(old: editing.fields, new: fields))
        }
        return (row, fields)
    }
}
