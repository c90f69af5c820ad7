import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Soft-deletes with a reason: hidden from registers and scores, kept, restorable. A person who has services
    /// is deleted only when `confirmingServices` says how many the clerk was told of.
    public func delete(_ ref: RecordRef, reason: String, confirmingServices: Int) async throws {
        let why = try WrittenReason.required(reason, missing: "删除记录必须填写理由", what: "删除理由")
        try await setDeleted(ref.register, id: ref.id, reason: why, confirmingServices: confirmingServices)
    }

    /// Restores a soft-deleted record; a person whose number is now taken in the community cannot come back.
    public func restore(_ ref: RecordRef) async throws {
        try await setDeleted(ref.register, id: ref.id, reason: nil, confirmingServices: 0)
    }

    private func setDeleted(_ register: Register, id: Int64, reason: String?, confirmingServices: Int) async throws {
        let table = register.table
        try await write { pg in
            guard let row = try await pg.row("""
                SELECT community_code, deleted_at, deleted_reason FROM \(unescaped: table) WHERE id = \(id) FOR UPDATE
                """) else { throw StoreError("找不到第\(id)号记录") }
            let community = try row.text("community_code")
            try await requireWritable(pg, community: community)
            let wasDeleted = try row.optionalText("deleted_at") != nil
            guard wasDeleted == (reason == nil) else { return }
            let idNumber = register == .survey ? try await pg.texts("SELECT id_number FROM person WHERE id = \(id)").first ?? "" : ""
            if reason == nil, register == .survey, let clash = try await pg.ids("""
                SELECT id FROM person WHERE community_code = \(community) AND id_number = \(idNumber) AND deleted_at IS NULL
                """).first {
                throw StoreError("不能恢复：本社区已有相同公民身份号码的第\(clash)号记录")
            }
            if reason != nil, register == .survey {
                let services = try await pg.integer("SELECT count(*) FROM service WHERE person_id = \(id) AND deleted_at IS NULL")
                if services > 0 && services != confirmingServices {
                    throw StoreError(PersonDeletion.servicesLeft(services) + "。请确认后再删除")
                }
            }
            let deletedAt: String? = reason == nil ? nil : now()
            try await pg.execute("""
                UPDATE \(unescaped: table) SET deleted_at = \(deletedAt), deleted_reason = \(reason), version = version + 1 WHERE id = \(id)
                """)
            if reason == nil, register == .survey {
                try await servicesRejoinPerson(pg, id: id, idNumber: idNumber, community: community)
            }
            var communities: [String: Community] = [:]
            // A restored record is judged against the registers as they are now (and a person's figures recounted).
            if reason == nil { try await refreshFindings(pg, register, ids: [id], communities: &communities) }
            let c = try await Self.requireCommunity(pg, code: community)
            if register == .survey {
                try await refreshPerson(pg, id: id, period: c.period)
                try await refreshDependents(pg, ofPerson: id, idNumbers: [idNumber], community: community)
            }
            if register == .service, let person = try await pg.ids("SELECT person_id FROM service WHERE id = \(id)").first {
                try await refreshPerson(pg, id: person, period: c.period)
                try await refreshLaterTwins(pg, ofService: id)
            }
            try await audit(pg, community: community, table: table, id: String(id), action: reason == nil ? "restore" : "delete",
                            changes: [FieldChange(field: "deleted_reason", old: try row.optionalText("deleted_reason"), new: reason)])
        }
    }

    /// Undoes the operator's own latest change not undone yet (the SQLite engine's rule, `AppDatabase.changeToUndo`),
    /// through the same save path, audited as an undo.
    public func undoLastChange(_ ref: RecordRef) async throws -> SaveResult<SavedRecord> {
        let entries = try await history(of: ref)
        let last = try AppDatabase.changeToUndo(entries, operatorName: operatorName)
        guard let current = try await open(ref) else { throw StoreError("找不到第\(ref.id)号记录") }
        var fields = current.fields
        for change in last.changes where !change.field.hasPrefix("accepted_warning.") {
            fields[change.field] = change.old
        }
        return try await save(RecordEntry(ref.register, fields), community: last.communityCode, editing: current.token,
                              acceptedWarnings: current.accepted, action: .undo)
    }

    /// Accepts one warning rule on many records with one reason, each record judged again and audited; all or
    /// nothing (a record the operator may not change refuses the group). Returns how many were accepted.
    public func acceptWarning(code: String, reason: String, records: [RecordRef]) async throws -> Int {
        let why = try WrittenReason.required(reason, missing: "确认警告必须填写理由", what: "确认警告的理由")
        return try await write { pg in
            var accepted = 0
            var communities: [String: Community] = [:]
            for record in records {
                let table = record.register.table
                guard let row = try await pg.row("""
                    SELECT fields::text AS fields, community_code FROM \(unescaped: table) WHERE id = \(record.id) AND deleted_at IS NULL
                    """) else { continue }
                let c = try await Self.requireCommunity(pg, code: try row.text("community_code"))
                try await requireWritable(pg, community: c.code)
                let judged = try await judge(pg, record.register, try row.fields(), community: c, editingId: record.id)
                let before = try await Self.acceptedWarnings(pg, table: table, id: record.id)
                guard before[code] == nil, judged.findings.warnings.contains(where: { $0.code == code }) else { continue }
                var changes: [FieldChange] = []
                try await acceptWarnings(pg, table: table, id: record.id, findings: judged.findings.filter { $0.code == code },
                                         reasons: [code: why], changes: &changes)
                communities[c.code] = c
                try await refreshFindings(pg, record.register, ids: [record.id], communities: &communities)
                try await audit(pg, community: c.code, table: table, id: String(record.id), action: "accept", changes: changes)
                accepted += 1
            }
            return accepted
        }
    }

    public func activeServiceCount(person id: Int64) async throws -> Int {
        try await read { pg in try await pg.integer("SELECT count(*) FROM service WHERE person_id = \(id) AND deleted_at IS NULL") }
    }
}
