import LedgerCore
import LedgerStore
import PostgresNIO

/// What moving one community into the district ledger did.
public struct ReceivedCommunity: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Moved in now: records of each register (deleted ones included) and audit entries.
        case moved(persons: Int, services: Int, activities: Int, auditEntries: Int)
        /// Moved in before (idempotent): from which ledger, when.
        case movedBefore(source: String, at: String)
    }
    public let code: String
    public let name: String
    public let outcome: Outcome
}

extension PostgresLedger {
    /// Moves a community read from a SQLite ledger into this one, in one transaction (all of it or nothing): its
    /// profile, every record (deleted ones with their reasons), accepted warnings with their reasons, imports and
    /// the audit trail with its operators and times. Records get new ids (the district numbers them); the history
    /// follows them. Every derived figure (score contributions, services in the period, problem counts) is
    /// computed here by this engine, as a save would. A community moved before is left as it is (running the
    /// migration again changes nothing); one this ledger already has otherwise is refused, never merged.
    public func receive(_ dump: CommunityDump, source: String) async throws -> ReceivedCommunity {
        let c = dump.community
        return try await write { pg in
            if let before = try await pg.row("""
                SELECT source, to_char(migrated_at, 'YYYY-MM-DD HH24:MI') AS at FROM migrated_community WHERE code = \(c.code)
                """) {
                return ReceivedCommunity(code: c.code, name: c.name, outcome: .movedBefore(source: try before.text("source"), at: try before.text("at")))
            }
            if let existing = try await Self.community(pg, code: c.code) {
                throw StoreError("区县数据库中已有社区\(c.code)（\(existing.name)），不是从台账文件迁入的：迁移只建立新社区，不与已有数据合并。请核对社区代码")
            }
            guard try await writable(pg) == nil else {
                throw StoreError("只有区县督导可以迁入社区台账，\(operatorName)不是督导")
            }
            try await writeProfile(pg, c)
            var ids: [Register: [Int64: Int64]] = [:]
            var batches: [(CommunityDump.ImportBatch, Int64)] = []
            for batch in dump.imports {
                guard let row = try await pg.row("""
                    INSERT INTO import_batch (at, operator, community_code, record_table, rows, source)
                    VALUES (\(batch.at), \(batch.operatorName), \(c.code), \(batch.register.table), \(batch.rows), \(batch.source)) RETURNING id
                    """) else { throw StoreError("写入数据库失败，数据未保存", detail: "import_batch") }
                batches.append((batch, try row.id()))
            }
            for record in dump.records {
                let batch = batches.first { $0.0.register == record.register && ($0.0.firstId...$0.0.lastId).contains(record.id) }?.1
                ids[record.register, default: [:]][record.id] = try await insertAsStored(pg, record, community: c, batch: batch,
                                                                                        persons: ids[.survey] ?? [:])
            }
            for accepted in dump.accepted {
                guard let id = ids[accepted.register]?[accepted.recordId] else { continue }
                try await pg.execute("""
                    INSERT INTO accepted_warning (record_table, record_id, code, reason, operator, accepted_at)
                    VALUES (\(accepted.register.table), \(id), \(accepted.code), \(accepted.reason), \(accepted.operatorName), \(accepted.acceptedAt))
                    """)
            }
            // The figures, as this engine computes them: persons last, once their services are in.
            var communities = [c.code: c]
            for register in [Register.service, .activity, .survey] {
                let active = dump.records.filter { $0.register == register && $0.deletedAt == nil }.compactMap { ids[register]?[$0.id] }
                try await refreshFindings(pg, register, ids: active, communities: &communities)
            }
            // The district's persons with the same numbers now warn of this community.
            try await refreshOtherCommunityWarnings(pg, """
                SELECT DISTINCT community_code FROM refresh_other_community_warnings(ARRAY(SELECT id_number FROM person WHERE community_code = \(c.code)))
                """)
            for entry in dump.audit {
                let recordId = Register(table: entry.recordTable).flatMap { register in
                    Int64(entry.recordId).flatMap { ids[register]?[$0] }
                }.map(String.init) ?? entry.recordId
                try await pg.execute("""
                    INSERT INTO audit (at, operator, community_code, record_table, record_id, action, changes, migrated_from)
                    VALUES (\(entry.at), \(entry.operatorName), \(c.code), \(entry.recordTable), \(recordId), \(entry.action),
                            \(AuditLog.encode(entry.changes)), \(source))
                    """)
            }
            // The move itself, in the district's history: who moved the community, from which file.
            try await audit(pg, community: c.code, table: "community", id: c.code, action: "migrate",
                            changes: [FieldChange(field: "source", old: nil, new: source)])
            try await pg.execute("""
                INSERT INTO migrated_community (code, source, records, audit_entries)
                VALUES (\(c.code), \(source), \(dump.records.count), \(dump.audit.count))
                """)
            func count(_ register: Register) -> Int { dump.records.filter { $0.register == register }.count }
            return ReceivedCommunity(code: c.code, name: c.name, outcome: .moved(persons: count(.survey), services: count(.service),
                                                                                 activities: count(.activity), auditEntries: dump.audit.count))
        }
    }

    /// One record as the other ledger stored it (its text, deleted or not), without judging it again: a record
    /// that ledger accepted stays, whatever the rules say today; its findings are computed afterwards.
    private func insertAsStored(_ pg: PG, _ record: CommunityDump.Record, community c: Community, batch: Int64?,
                                persons: [Int64: Int64]) async throws -> Int64 {
        let f = record.fields
        let text = JSONText.encode(f)
        let inserted: PostgresRandomAccessRow?
        switch record.register {
        case .survey:
            let name = f["name"] ?? ""
            inserted = try await pg.row("""
                INSERT INTO person (community_code, id_number, name, name_key, initials, fields, import_batch, deleted_at, deleted_reason)
                VALUES (\(c.code), \(f["id_number"] ?? ""), \(name), \(Pinyin.nameKey(name)), \(Self.initials(name)), \(text)::jsonb,
                        \(batch), \(record.deletedAt), \(record.deletedReason))
                RETURNING id
                """)
        case .service:
            guard let person = record.personId.flatMap({ persons[$0] }) else {
                throw StoreError("台账文件中服务台账第\(record.id)号记录的服务对象不在摸底台账中，无法迁移", detail: "person \(String(describing: record.personId))")
            }
            inserted = try await pg.row("""
                INSERT INTO service (community_code, person_id, id_number, service_date, fields, import_batch, deleted_at, deleted_reason)
                VALUES (\(c.code), \(person), \(f["id_number"] ?? ""), \(f["service_date"] ?? ""), \(text)::jsonb, \(batch),
                        \(record.deletedAt), \(record.deletedReason))
                RETURNING id
                """)
        case .activity:
            // A deleted activity counts for nothing; an active one as the score counts it.
            let context = ValidationContext(today: today(), communityCode: c.code, period: c.period)
            let activity = record.deletedAt == nil ? ActivityValidator.validate(f, context: context).value : nil
            let facts = activity.map { Contribution.of($0, period: c.period) } ?? ScoreFacts()
            inserted = try await pg.row("""
                INSERT INTO activity (community_code, date, kind, person_id_number, fields, facts, import_batch, deleted_at, deleted_reason)
                VALUES (\(c.code), \(f["date"] ?? ""), \(f["kind"] ?? ""), \(f["person_id"]), \(text)::jsonb, \(Self.factsJSON(facts))::jsonb,
                        \(batch), \(record.deletedAt), \(record.deletedReason))
                RETURNING id
                """)
        }
        guard let id = try inserted?.id() else { throw StoreError("写入数据库失败，数据未保存", detail: "INSERT returned no id") }
        return id
    }
}
