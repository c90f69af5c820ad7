import LedgerCore
import LedgerStore
import PostgresNIO

extension PostgresLedger {
    /// Validates and saves a record of any register, as the SQLite engine's one save path does:
    /// validate → diff → write → accept warnings → kept counts and dependent records → audit, in one transaction.
    public func save(_ entry: RecordEntry, community: String, editing: EditToken?, acceptedWarnings reasons: [String: String],
                     action: SaveAction) async throws -> SaveResult<SavedRecord> {
        let request = SaveRequest(entry: entry, community: community, editing: editing, reasons: reasons, action: action)
        return try await write(request: request) { pg in
            let c = try await Self.requireCommunity(pg, code: community)
            try await requireWritable(pg, community: community)
            let judged = try await judge(pg, entry.register, entry.fields, community: c, editingId: editing?.id)
            guard let record = judged.saveable else { return SaveResult(saved: nil, findings: judged.findings) }
            let table = entry.register.table
            let newFields = record.fields
            let id: Int64
            var changes: [FieldChange]
            var before: StoredRow?
            if let editing {
                let current = try await lockForUpdate(pg, entry.register, editing: editing)
                before = current
                if case .person = record {
                    try await servicesFollowPerson(pg, id: editing.id, old: current.fields, new: newFields, community: community)
                }
                changes = AuditLog.diff(old: current.fields, new: newFields)
                id = editing.id
                try await update(pg, record, id: id, community: c)
            } else {
                changes = AuditLog.diff(old: [:], new: newFields)
                id = try await insert(pg, record, community: c)
            }
            try await acceptWarnings(pg, table: table, id: id, findings: judged.findings, reasons: reasons, changes: &changes)
            try await writeCounts(pg, table: table, id: id, findings: judged.findings)
            try await afterWrite(pg, record, id: id, before: before, community: c)
            // An undo is audited even when it changes no field, so the next undo steps past it.
            if !changes.isEmpty || action == .undo {
                let audited = action == .undo ? "undo" : editing == nil ? "insert" : "update"
                try await audit(pg, community: community, table: table, id: String(id), action: audited, changes: changes)
            }
            return SaveResult(saved: Self.withId(record, id), findings: judged.findings)
        }
    }

    /// What a save was asked, to recognise the same save sent again after its `COMMIT` went unanswered.
    struct SaveRequest: Hashable {
        let entry: RecordEntry
        let community: String
        let editing: EditToken?
        let reasons: [String: String]
        let action: SaveAction
    }

    /// A stored row's text and the columns a save compares with the new record.
    struct StoredRow {
        let fields: [String: String]
        let idNumber: String?
        let personId: Int64?
    }

    /// The row being corrected, locked for the transaction; refused with `EditConflict` when its version moved
    /// since it was opened (someone else saved meanwhile), so nothing is overwritten silently.
    func lockForUpdate(_ pg: PG, _ register: Register, editing: EditToken) async throws -> StoredRow {
        let extra = register == .survey ? "id_number, NULL::bigint AS person_id" : register == .service ? "id_number, person_id" : "NULL::text AS id_number, NULL::bigint AS person_id"
        guard let row = try await pg.row("""
            SELECT fields::text AS fields, version, deleted_at IS NOT NULL AS deleted, \(unescaped: extra)
            FROM \(unescaped: register.table) WHERE id = \(editing.id) FOR UPDATE
            """) else {
            throw StoreError("找不到\(register.title)第\(editing.id)号记录")
        }
        guard try !row["deleted"].decode(Bool.self) else { throw StoreError.deletedRecord(register, id: editing.id) }
        let fields = try row.fields()
        guard try row.int("version") == editing.version else {
            throw EditConflict(ref: RecordRef(register, id: editing.id), changedMeanwhile: AuditLog.diff(old: editing.fields, new: fields))
        }
        return StoredRow(fields: fields, idNumber: try row.optionalText("id_number"), personId: try row["person_id"].decode(Int64?.self))
    }

    static func withId(_ record: SavedRecord, _ id: Int64) -> SavedRecord {
        switch record {
        case .person(var p): p.id = id; return .person(p)
        case .service(var s): s.id = id; return .service(s)
        case .activity(var a): a.id = id; return .activity(a)
        }
    }

    /// What changes with a written record: a person's figures, their services back from a deleted namesake, and
    /// the records judged by them; a service's person (and the one it served before a correction) recounted.
    func afterWrite(_ pg: PG, _ record: SavedRecord, id: Int64, before: StoredRow?, community c: Community) async throws {
        switch record {
        case .person(let person):
            var numbers: Set<String> = [person.idNumber]
            if let previous = before?.idNumber { numbers.insert(previous) }
            try await servicesRejoinPerson(pg, id: id, idNumber: person.idNumber, community: c.code)
            try await refreshPerson(pg, id: id, period: c.period)
            try await refreshDependents(pg, ofPerson: id, idNumbers: numbers, community: c.code)
        case .service(let service):
            var persons: Set<Int64> = [service.personId]
            if let previous = before?.personId { persons.insert(previous) }
            for person in persons { try await refreshPerson(pg, id: person, period: c.period) }
            try await refreshLaterTwins(pg, ofService: id)
            if let before, let person = before.personId, let date = before.fields["service_date"], let type = before.fields["service_type"] {
                try await refreshLaterTwins(pg, person: person, date: date, type: type, after: id)
            }
        case .activity:
            break
        }
    }

    /// The later services of the same person, day and type as service `id` are judged again: whether they repeat an
    /// earlier one depends on it (saved, corrected, deleted or restored).
    func refreshLaterTwins(_ pg: PG, ofService id: Int64) async throws {
        guard let row = try await pg.row("""
            SELECT person_id, service_date, fields->>'service_type' AS service_type FROM service WHERE id = \(id)
            """) else { return }
        try await refreshLaterTwins(pg, person: try row["person_id"].decode(Int64.self), date: try row.text("service_date"),
                                    type: try row.text("service_type"), after: id)
    }

    func refreshLaterTwins(_ pg: PG, person: Int64, date: String, type: String, after id: Int64) async throws {
        let later = try await pg.ids("""
            SELECT id FROM service WHERE person_id = \(person) AND service_date = \(date) AND fields->>'service_type' = \(type)
                AND deleted_at IS NULL AND id > \(id) ORDER BY id
            """)
        var communities: [String: Community] = [:]
        try await refreshFindings(pg, .service, ids: later, communities: &communities)
    }

    /// Recounts a person's services in the period and rewrites their score contribution (nothing while deleted)
    /// and, given their findings, their problem counts.
    func refreshPerson(_ pg: PG, id: Int64, period: Period, findings: [Finding]? = nil) async throws {
        guard let row = try await pg.row("SELECT fields::text AS fields, deleted_at, community_code FROM person WHERE id = \(id)") else {
            throw StoreError("找不到摸底台账第\(id)号记录")
        }
        let context = ValidationContext(today: today(), communityCode: try row.text("community_code"), period: period)
        guard let person = PersonValidator.validate(try row.fields(), context: context).value else {
            throw StoreError("数据库中的记录已损坏，无法读取", detail: "person \(id)")
        }
        let services = try await pg.integer("""
            SELECT \(unescaped: Self.servicesCounted) FROM service s WHERE s.person_id = \(id) AND s.deleted_at IS NULL
                AND s.service_date BETWEEN \(period.start.description) AND \(period.end.description)
            """)
        let deleted = try row.optionalText("deleted_at") != nil
        let facts = deleted ? ScoreFacts() : Contribution.of(person, servicesInPeriod: services, period: period)
        try await pg.execute("""
            UPDATE person SET services_in_period = \(services), facts = \(Self.factsJSON(facts))::jsonb WHERE id = \(id)
            """)
        if let findings { try await writeCounts(pg, table: "person", id: id, findings: findings) }
    }

    /// Judges active records again and rewrites their kept counts (a person's figures too).
    func refreshFindings(_ pg: PG, _ register: Register, ids: some Sequence<Int64>, communities: inout [String: Community]) async throws {
        for id in ids {
            guard let row = try await pg.row("""
                SELECT fields::text AS fields, community_code FROM \(unescaped: register.table) WHERE id = \(id) AND deleted_at IS NULL
                """) else { continue }
            let code = try row.text("community_code")
            let c: Community
            if let known = communities[code] { c = known } else {
                c = try await Self.requireCommunity(pg, code: code)
                communities[code] = c
            }
            let judged = try await judge(pg, register, try row.fields(), community: c, editingId: id)
            if register == .survey {
                try await refreshPerson(pg, id: id, period: c.period, findings: judged.findings)
            } else {
                try await writeCounts(pg, table: register.table, id: id, findings: judged.findings)
            }
        }
    }

    /// Judges again the records whose findings depend on a person: their services, role models naming their
    /// numbers, and the same numbers in other communities (each warns of the other). That warning is kept by the
    /// database (`refresh_other_community_warnings`, v12), which may change another community's persons where a
    /// clerk's login cannot.
    func refreshDependents(_ pg: PG, ofPerson id: Int64, idNumbers: Set<String>, community: String) async throws {
        var communities: [String: Community] = [:]
        let services = try await pg.ids("SELECT id FROM service WHERE person_id = \(id) AND deleted_at IS NULL ORDER BY id")
        try await refreshFindings(pg, .service, ids: services, communities: &communities)
        for number in idNumbers.sorted() where !number.isEmpty {
            let activities = try await pg.ids("""
                SELECT id FROM activity WHERE community_code = \(community) AND person_id_number = \(number) AND deleted_at IS NULL ORDER BY id
                """)
            try await refreshFindings(pg, .activity, ids: activities, communities: &communities)
        }
        let numbers = idNumbers.filter { !$0.isEmpty }.sorted()
        if !numbers.isEmpty {
            try await refreshOtherCommunityWarnings(pg, "SELECT DISTINCT community_code FROM refresh_other_community_warnings(\(numbers))")
        }
    }

    /// Runs `refresh_other_community_warnings` (the query given whole) and announces the communities it changed,
    /// so that their open apps show the warning at once.
    func refreshOtherCommunityWarnings(_ pg: PG, _ query: PostgresQuery) async throws {
        for code in try await pg.texts(query) { pg.changed(code) }
    }

    /// A person's corrected name or ID number carried into their services (which copy both), each service
    /// audited as an update of its own.
    func servicesFollowPerson(_ pg: PG, id: Int64, old: [String: String], new: [String: String], community: String) async throws {
        let followed = ["name", "id_number"].filter { old[$0] != new[$0] && new[$0] != nil }
        guard !followed.isEmpty else { return }
        if let before = old["id_number"], let after = new["id_number"], before != after {
            try await roleModelsFollowNumber(pg, from: before, to: after, community: community)
        }
        // Deleted services follow too, so that a restored one is still the person's.
        for row in try await pg.rows("SELECT id, fields::text AS fields FROM service WHERE person_id = \(id) ORDER BY id") {
            let before = try row.fields()
            var after = before
            for key in followed { after[key] = new[key] }
            let changes = AuditLog.diff(old: before, new: after)
            guard !changes.isEmpty else { continue }
            let serviceId = try row.id()
            try await pg.execute("""
                UPDATE service SET fields = \(JSONText.encode(after))::jsonb, id_number = \(after["id_number"] ?? ""),
                    version = version + 1 WHERE id = \(serviceId)
                """)
            try await audit(pg, community: community, table: "service", id: String(serviceId), action: "update", changes: changes)
        }
    }

    /// The role models (创业典型) naming a corrected number name the new one, each audited.
    private func roleModelsFollowNumber(_ pg: PG, from before: String, to after: String, community: String) async throws {
        for row in try await pg.rows("""
            SELECT id, fields::text AS fields FROM activity WHERE community_code = \(community) AND person_id_number = \(before) ORDER BY id
            """) {
            let old = try row.fields()
            var new = old
            new["person_id"] = after
            let activityId = try row.id()
            try await pg.execute("""
                UPDATE activity SET fields = \(JSONText.encode(new))::jsonb, person_id_number = \(after), version = version + 1
                WHERE id = \(activityId)
                """)
            try await audit(pg, community: community, table: "activity", id: String(activityId), action: "update",
                            changes: AuditLog.diff(old: old, new: new))
        }
    }

    /// Services left behind by a deleted person join whoever is registered again in the community under the same
    /// number (they name the person by number).
    func servicesRejoinPerson(_ pg: PG, id: Int64, idNumber: String, community: String) async throws {
        try await pg.execute("""
            UPDATE service SET person_id = \(id) WHERE deleted_at IS NULL AND person_id IN (
                SELECT id FROM person WHERE community_code = \(community) AND id_number = \(idNumber) AND deleted_at IS NOT NULL)
            """)
    }

    public func open(_ ref: RecordRef) async throws -> OpenedRecord? {
        try await read { pg in
            guard let row = try await pg.row("SELECT fields::text AS fields, version FROM \(unescaped: ref.register.table) WHERE id = \(ref.id)") else {
                return nil
            }
            let fields = try row.fields()
            return OpenedRecord(ref: ref, fields: fields, token: EditToken(id: ref.id, version: try row.int("version"), fields: fields),
                                accepted: try await Self.acceptedWarnings(pg, table: ref.register.table, id: ref.id))
        }
    }
}
