import GRDB
import LedgerCore

extension AppDatabase {
    /// Soft-deletes a record with a reason: hidden from registers and scores, kept, restorable.
    public func delete(_ register: Register, id: Int64, reason: String) throws {
        guard let why = Normalize.optional(reason) else { throw StoreError("删除记录必须填写理由") }
        try setDeleted(register, id: id, reason: why)
    }

    /// Restores a soft-deleted record. A person whose ID number is now taken in the community cannot come back.
    public func restore(_ register: Register, id: Int64) throws {
        try setDeleted(register, id: id, reason: nil)
    }

    private func setDeleted(_ register: Register, id: Int64, reason: String?) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT community_code, deleted_at, deleted_reason FROM \(register.table) WHERE id = ?",
                                             arguments: [id]) else { throw StoreError.notFound("第\(id)号记录") }
            let community: String = row["community_code"]
            try requireWritable(db, community: community)
            let wasDeleted = (row["deleted_at"] as String?) != nil
            guard wasDeleted == (reason == nil) else { return }
            if reason == nil, register == .survey {
                let idNumber = try String.fetchOne(db, sql: "SELECT id_number FROM person WHERE id = ?", arguments: [id]) ?? ""
                let clash = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE community_code = ? AND id_number = ? AND deleted_at IS NULL",
                                               arguments: [community, idNumber])
                if let clash { throw StoreError("不能恢复：本社区已有相同公民身份号码的第\(clash)号记录") }
            }
            try db.execute(sql: "UPDATE \(register.table) SET deleted_at = ?, deleted_reason = ?, version = version + 1 WHERE id = ?",
                           arguments: [reason == nil ? nil : now(), reason, id])
            if register == .service, let c = try Self.community(db, code: community),
               let person = try Int64.fetchOne(db, sql: "SELECT person_id FROM service WHERE id = ?", arguments: [id]) {
                try refreshPerson(db, id: person, period: c.period)
            }
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: register.table, id: String(id),
                                action: reason == nil ? "restore" : "delete",
                                changes: [FieldChange(field: "deleted_reason", old: row["deleted_reason"], new: reason)])
        }
    }

    /// Undoes the operator's own last change of a record, if it is still the record's latest change: the old
    /// values go through the same validation and are audited as an undo.
    public func undoLastChange(_ register: Register, id: Int64) throws -> SaveResult<[String: String]> {
        let entries = try history(table: register.table, recordId: String(id)).filter { $0.id > 0 }
        guard let last = entries.last else { throw StoreError("此记录没有可撤销的修改") }
        guard last.operatorName == operatorName else {
            throw StoreError("最近一次修改由\(last.operatorName)于\(last.at)完成，只能撤销自己的修改")
        }
        guard last.action == "update" || last.action == "undo" else { throw StoreError("最近一次操作（\(last.action)）不能撤销") }
        guard let current = try open(register, id: id) else { throw StoreError.notFound("第\(id)号记录") }
        var fields = current.fields
        for change in last.changes where !change.field.hasPrefix("accepted_warning.") {
            fields[change.field] = change.old
        }
        let community = last.communityCode
        switch register {
        case .survey:
            let r = try savePerson(fields, community: community, editing: current.token, acceptedWarnings: current.accepted, action: "undo")
            return SaveResult(saved: r.saved.map { _ in fields }, findings: r.findings)
        case .service:
            let r = try recordService(fields, community: community, editing: current.token, acceptedWarnings: current.accepted, action: "undo")
            return SaveResult(saved: r.saved.map { _ in fields }, findings: r.findings)
        case .activity:
            let r = try saveActivity(fields, community: community, editing: current.token, acceptedWarnings: current.accepted, action: "undo")
            return SaveResult(saved: r.saved.map { _ in fields }, findings: r.findings)
        }
    }
}
