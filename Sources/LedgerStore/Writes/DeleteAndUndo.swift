import GRDB
import LedgerCore

extension AppDatabase {
    /// Soft-deletes a record with a reason: hidden from registers and scores, kept, restorable.
    /// A person's services stay and become errors (their person is no longer in the register), so a person who
    /// has services is deleted only when `confirmingServices` says how many the clerk was told of.
    public func delete(_ ref: RecordRef, reason: String, confirmingServices: Int = 0) throws {
        let why = try WrittenReason.required(reason, missing: "删除记录必须填写理由", what: "删除理由")
        try setDeleted(ref.register, id: ref.id, reason: why, confirmingServices: confirmingServices)
    }

    /// Restores a soft-deleted record. A person whose ID number is now taken in the community cannot come back.
    public func restore(_ ref: RecordRef) throws {
        try setDeleted(ref.register, id: ref.id, reason: nil)
    }

    private func setDeleted(_ register: Register, id: Int64, reason: String?, confirmingServices: Int = 0) throws {
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
            if reason != nil, register == .survey {
                let services = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service WHERE person_id = ? AND deleted_at IS NULL",
                                                arguments: [id]) ?? 0
                if services > 0 && services != confirmingServices {
                    throw StoreError(PersonDeletion.servicesLeft(services) + "。请确认后再删除")
                }
            }
            try db.execute(sql: "UPDATE \(register.table) SET deleted_at = ?, deleted_reason = ?, version = version + 1 WHERE id = ?",
                           arguments: [reason == nil ? nil : now(), reason, id])
            if reason == nil, register == .survey {
                let idNumber = try String.fetchOne(db, sql: "SELECT id_number FROM person WHERE id = ?", arguments: [id]) ?? ""
                try servicesRejoinPerson(db, id: id, idNumber: idNumber, community: community)
            }
            var communities: [String: Community] = [:]
            // A restored record is judged against the registers as they are now (and a person's figures recounted).
            if reason == nil { try refreshFindings(db, register, ids: [id], communities: &communities) }
            if register == .survey {
                let idNumber = try String.fetchOne(db, sql: "SELECT id_number FROM person WHERE id = ?", arguments: [id]) ?? ""
                try refreshDependents(db, ofPerson: id, idNumbers: [idNumber], community: community)
            }
            if register == .service, let c = try Self.community(db, code: community),
               let person = try Int64.fetchOne(db, sql: "SELECT person_id FROM service WHERE id = ?", arguments: [id]) {
                try refreshPerson(db, id: person, period: c.period)
                try refreshLaterTwins(db, ofService: id)
            }
            try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: register.table, id: String(id),
                                action: reason == nil ? "restore" : "delete",
                                changes: [FieldChange(field: "deleted_reason", old: row["deleted_reason"], new: reason)])
        }
    }

    /// Undoes the operator's own latest change of a record that is not undone yet: the old values go through the
    /// same validation and are audited as an undo. Undoing again steps further back (each undo entry cancels the
    /// newest change before it not yet cancelled), never forward: a second `u` must not redo the first.
    public func undoLastChange(_ ref: RecordRef) throws -> SaveResult<SavedRecord> {
        let entries = try history(of: ref)
        let last = try Self.changeToUndo(entries, operatorName: operatorName)
        guard let current = try open(ref) else { throw StoreError.notFound("第\(ref.id)号记录") }
        var fields = current.fields
        for change in last.changes where !change.field.hasPrefix("accepted_warning.") {
            fields[change.field] = change.old
        }
        return try save(RecordEntry(ref.register, fields), community: last.communityCode, editing: current.token,
                        acceptedWarnings: current.accepted, action: .undo)
    }

    /// The entry an undo reverts: walking back from the newest, each undo cancels one earlier update.
    public static func changeToUndo(_ entries: [AuditEntry], operatorName: String) throws -> AuditEntry {
        var pendingUndos = 0
        for entry in entries.reversed() {
            switch entry.action {
            case "undo":
                pendingUndos += 1
            case "update" where pendingUndos > 0:
                pendingUndos -= 1
            case "update":
                guard entry.operatorName == operatorName else {
                    throw StoreError("最近一次修改由\(entry.operatorName)于\(TimeText.shown(entry.at))完成，只能撤销自己的修改")
                }
                return entry
            default:
                // A delete or restore has its own key (r); an insert or import is where the record began.
                if pendingUndos > 0 || entry.action == "insert" || entry.action == "import" {
                    throw StoreError("没有更早的修改可以撤销")
                }
                throw StoreError("最近一次操作（\(entry.action == "delete" ? "删除" : "恢复")）不能撤销")
            }
        }
        throw StoreError("此记录没有可撤销的修改")
    }
}
