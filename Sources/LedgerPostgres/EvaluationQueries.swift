import LedgerCore
import LedgerStore
import PostgresNIO

/// Reading the evaluation procedure's rows back as the values the app and the CLI show, as the SQLite engine's
/// `EvaluationQueries` does.
extension PostgresLedger {
    /// The community's current submission, its sample as `SampleDisclosure` lets this login see it.
    public func evaluation(community code: String) async throws -> Evaluation? {
        try await read { pg in
            let c = try await Self.requireCommunity(pg, code: code)
            guard let id = try await Self.currentEvaluationId(pg, community: c) else { return nil }
            return try await Self.evaluation(pg, id: id).disclosed(mayCheck: try await mayCheck(pg, stage: .district))
        }
    }

    /// Whether the login may check a stage's sample (`requireRole`'s rule, asked): who sees the whole list
    /// before the stage is signed (`SampleDisclosure`).
    func mayCheck(_ pg: PG, stage: EvaluationStage) async throws -> Bool {
        guard try await pg.integer("SELECT count(*) FROM operator_account") > 0 else { return true }
        let role = try await pg.texts("SELECT role FROM operator_account WHERE name = \(operatorName)").first
        return role == (stage == .district ? OperatorAccount.Role.supervisor : .city).rawValue
    }

    public func spotCheckFlags(community code: String) async throws -> [SpotCheck] {
        try await evaluation(community: code)?.sample?.checks.filter { $0.result == .untrue } ?? []
    }

    public func periodLock(community code: String) async throws -> Signature? {
        try await read { pg in
            try await pg.row("SELECT locked_by, locked_at FROM evaluation_lock WHERE community_code = \(code)")
                .map { Signature(by: try $0.text("locked_by"), at: try $0.text("locked_at")) }
        }
    }

    /// The latest submission for the community's current period (not a 市级考评, which reviews one).
    static func currentEvaluationId(_ pg: PG, community c: Community) async throws -> Int64? {
        try await pg.ids("""
            SELECT id FROM evaluation WHERE community_code = \(c.code) AND period_start = \(c.period.start.description)
                AND period_end = \(c.period.end.description) AND review_of IS NULL ORDER BY id DESC LIMIT 1
            """).first
    }

    /// A submission with everything about it. `checksumNow: false` skips the scan of the registers (the current
    /// checksum is then the submitted one): for totals only.
    static func evaluation(_ pg: PG, id: Int64, checksumNow: Bool = true, withReplaced: Bool = true) async throws -> Evaluation {
        guard let e = try await pg.row("SELECT \(unescaped: evaluationColumns) FROM evaluation WHERE id = \(id)"),
              let start = Day.parse(try e.text("period_start")), let end = Day.parse(try e.text("period_end")) else {
            throw StoreError("数据库中的评选记录已损坏，无法读取", detail: "evaluation \(id)")
        }
        let code = try e.text("community_code")
        let items = try await pg.rows("SELECT * FROM evaluation_item WHERE evaluation_id = \(id) ORDER BY position").map(assessedItem)
        let adjustments = try await pg.rows("SELECT * FROM evaluation_adjustment WHERE evaluation_id = \(id)").map { row in
            ItemAdjustment(itemId: try row.text("item_id"), points: Points(hundredths: try row.int("points_hundredths")),
                           reason: try row.text("reason"), by: try row.text("adjusted_by"), at: try row.text("adjusted_at"))
        }
        let reviewOf = try e["review_of"].decode(Int64?.self)
        // The district's signature is its lock (gone once unlocked); the city's is kept with its review.
        let signature: Signature?
        if reviewOf != nil {
            signature = try e.optionalText("signed_by").map { Signature(by: $0, at: try e.optionalText("signed_at") ?? "") }
        } else {
            signature = try await pg.row("SELECT locked_by, locked_at FROM evaluation_lock WHERE evaluation_id = \(id)")
                .map { Signature(by: try $0.text("locked_by"), at: try $0.text("locked_at")) }
        }
        let current = checksumNow ? try await ContentChecksumQuery.of(pg, community: code) : try e.text("checksum")
        let changes = try await changesByTable(pg, community: code, auditMark: try e.id("audit_mark"), importMark: try e.id("import_mark"))
        let stage: EvaluationStage = reviewOf == nil ? .district : .city
        var evaluation = Evaluation(id: id, communityCode: code, period: Period(start: start, end: end), rubricId: try e.text("rubric_id"),
                          rubricTitle: try e.text("rubric_title"), items: items, submittedBy: try e.text("submitted_by"),
                          submittedAt: try e.text("submitted_at"), checksum: try e.text("checksum"), currentChecksum: current,
                          changesSinceSubmission: changes.values.reduce(0, +),
                          adjustments: Dictionary(adjustments.map { ($0.itemId, $0) }, uniquingKeysWith: { a, _ in a }),
                          sample: try await sample(pg, evaluation: e), signature: signature, stage: stage,
                          recommendation: try e.optionalText("recommended_by").map { Signature(by: $0, at: try e.optionalText("recommended_at") ?? "") },
                          changesByTable: changes)
        evaluation.lastUnlock = try await lastUnlock(pg, evaluation: id, stage: stage)
        if withReplaced, stage == .district, let earlier = try await pg.row("""
            SELECT id FROM evaluation WHERE community_code = \(code) AND period_start = \(start.description)
                AND period_end = \(end.description) AND review_of IS NULL AND id < \(id) ORDER BY id DESC LIMIT 1
            """) {
            evaluation.replaced = ReplacedSubmission(try await Self.evaluation(pg, id: try earlier.id(), checksumNow: false, withReplaced: false))
        }
        return evaluation
    }

    /// The stage's latest unlock, from the audit trail, with the sign-off it lifted (the last one before it): as
    /// the SQLite engine reads it.
    static func lastUnlock(_ pg: PG, evaluation id: Int64, stage: EvaluationStage) async throws -> Unlocking? {
        guard let unlock = try await pg.row("""
            SELECT id, operator, at, changes FROM audit WHERE record_table = 'evaluation' AND record_id = \(String(id))
                AND action = \(stage.auditAction("unlock")) ORDER BY id DESC LIMIT 1
            """) else { return nil }
        let signed = try await pg.row("""
            SELECT operator, at FROM audit WHERE record_table = 'evaluation' AND record_id = \(String(id))
                AND action = \(stage.auditAction("sign")) AND id < \(try unlock.id()) ORDER BY id DESC LIMIT 1
            """)
        let reason = AuditLog.decode(try unlock.text("changes"), table: "evaluation").first { $0.field == "reason" }?.new ?? ""
        return Unlocking(lifted: try signed.map { Signature(by: try $0.text("operator"), at: try $0.text("at")) },
                         by: try unlock.text("operator"), at: try unlock.text("at"), reason: reason)
    }

    static func assessedItem(_ row: PostgresRandomAccessRow) throws -> AssessedItem {
        AssessedItem(id: try row.text("item_id"), title: try row.text("title"), group: try row.optionalText("group_name"),
                     source: RubricItem.Source(rawValue: try row.text("source")) ?? .documented,
                     max: Points(hundredths: try row.int("max_hundredths")), points: Points(hundredths: try row.int("points_hundredths")),
                     measured: try row.text("measured"), threshold: try row.text("threshold"), explanation: try row.text("explanation"),
                     allowed: AllowedPoints.parse(try row.optionalText("allowed_points")))
    }

    /// Changes of the community's registers and profile after the marks, by table: one per audit entry (a save,
    /// correction, deletion, restoration, undo, accepted warning, profile change, or a change made with psql, which
    /// the database records), one per imported row (under its register's table), as the SQLite engine counts them.
    static func changesByTable(_ pg: PG, community: String, auditMark: Int64, importMark: Int64) async throws -> [String: Int] {
        let rows = try await pg.rows("""
            SELECT record_table, count(*)::bigint AS n FROM audit WHERE id > \(auditMark) AND community_code = \(community)
                AND record_table IN ('person', 'service', 'activity', 'community') GROUP BY record_table
            UNION ALL
            SELECT record_table, COALESCE(sum(rows), 0)::bigint AS n FROM import_batch
                WHERE id > \(importMark) AND community_code = \(community) GROUP BY record_table
            """)
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.text("record_table"), default: 0] += Int(try row["n"].decode(Int64.self)) }
        return counts.filter { $0.value > 0 }
    }

    /// The highest audit and import ids now: what a submission (or a check) counts changes after.
    static func marks(_ pg: PG) async throws -> (audit: Int64, imports: Int64) {
        guard let row = try await pg.row("""
            SELECT (SELECT COALESCE(max(id), 0) FROM audit) AS audit, (SELECT COALESCE(max(id), 0) FROM import_batch) AS imports
            """) else { return (0, 0) }
        return (try row.id("audit"), try row.id("imports"))
    }

    /// An evaluation's columns as any login reads them: the seed only where the sample is disclosed to it
    /// (PostgresSampleSecrecy), through the function; NULL elsewhere, as `Evaluation.disclosed` says.
    static let evaluationColumns = """
        id, community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at, checksum,
        audit_mark, import_mark, disclosed_seed(id) AS sample_seed, sample_size, sample_strata, drawn_by, drawn_at,
        service_sample_size, service_strata, recommended_by, recommended_at, review_of, signed_by, signed_at
        """

    private static func sample(_ pg: PG, evaluation e: PostgresRandomAccessRow) async throws -> SpotCheckSample? {
        // Drawn when it has a drawing time (the seed is withheld from some logins).
        guard try e.optionalText("drawn_at") != nil else { return nil }
        let seed = try e["sample_seed"].decode(Int64?.self) ?? 0
        let id = try e.id()
        // The draw's audit entry is where the sample began to exist: later changes of a sampled record are marked.
        let shownChecks = try await pg.rows("""
            WITH drawn AS (SELECT max(id) AS mark FROM audit WHERE record_table = 'evaluation' AND record_id = \(String(id))
                               AND action IN ('draw', 'city_draw'))
            SELECT s.*, p.name, p.id_number, v.service_date, v.fields->>'service_type' AS service_type,
                   (SELECT count(*) FROM audit a WHERE ((a.record_table = 'person' AND a.record_id = s.person_id::text)
                        OR (a.record_table = 'service' AND a.record_id = s.service_id::text))
                        AND a.id > s.check_audit_mark)::integer AS changes_since,
                   (SELECT string_agg(a.record_table || chr(31) || a.changes, chr(30) ORDER BY a.id) FROM audit a
                        WHERE ((a.record_table = 'person' AND a.record_id = s.person_id::text)
                            OR (a.record_table = 'service' AND a.record_id = s.service_id::text))
                        AND a.id > s.check_audit_mark) AS changes_since_texts,
                   (SELECT count(*) FROM audit a, drawn WHERE ((a.record_table = 'person' AND a.record_id = s.person_id::text)
                        OR (a.record_table = 'service' AND a.record_id = s.service_id::text))
                        AND a.id > drawn.mark)::integer AS changes_since_draw,
                   CASE WHEN s.drawn_for = 'service' THEN v.deleted_at IS NOT NULL ELSE p.deleted_at IS NOT NULL END AS record_deleted,
                   v.deleted_at IS NOT NULL AS service_deleted
            FROM spot_check s JOIN person p ON p.id = s.person_id LEFT JOIN service v ON v.id = s.service_id
            WHERE s.evaluation_id = \(id) ORDER BY s.position
            """).map { row in
            var check = SpotCheck(position: try row.int("position"), personId: try row.id("person_id"), name: try row.text("name"),
                      idNumber: try row.text("id_number"), stratum: try row.text("stratum"),
                      result: try row.optionalText("result").flatMap(SpotCheckResult.init(rawValue:)),
                      note: try row.optionalText("note"), checkedBy: try row.optionalText("checked_by"), checkedAt: try row.optionalText("checked_at"),
                      changesSinceCheck: try row["check_audit_mark"].decode(Int64?.self) == nil ? 0 : try row.int("changes_since"),
                      service: try row["service_id"].decode(Int64?.self).map {
                          SampledService(id: $0, date: try row.optionalText("service_date") ?? "", type: try row.optionalText("service_type") ?? "",
                                         seenDate: try row.optionalText("service_date_seen"), seenType: try row.optionalText("service_type_seen"),
                                         deleted: try row["service_deleted"].decode(Bool.self))
                      }, forService: try row.text("drawn_for") == "service", changesSinceDraw: try row.int("changes_since_draw"))
            check.recordDeleted = try row["record_deleted"].decode(Bool.self)
            if try row["check_audit_mark"].decode(Int64?.self) != nil {
                check.fieldsChangedSinceCheck = FieldsChangedSinceCheck.names(try row.optionalText("changes_since_texts"))
            }
            return check
        }
        // The places the database withholds from this login (SampleDisclosure): their result and checker only.
        let shown = Set(shownChecks.map(\.position))
        let withheld = try await pg.rows("SELECT * FROM spot_check_progress(\(id))").compactMap { row -> SpotCheck? in
            let position = try row.int("place")
            guard !shown.contains(position) else { return nil }
            return SpotCheck(position: position, personId: 0, name: SampleDisclosure.withheldName, idNumber: "", stratum: "",
                             result: try row.optionalText("result").flatMap(SpotCheckResult.init(rawValue:)), note: nil,
                             checkedBy: try row.optionalText("checked_by"), checkedAt: try row.optionalText("checked_at"),
                             changesSinceCheck: 0, service: nil, forService: try row.text("drawn_for") == "service",
                             changesSinceDraw: 0, concealed: true)
        }
        let checks = (shownChecks + withheld).sorted { $0.position < $1.position }
        let services = try e["service_sample_size"].decode(Int?.self)
        let persons = try e["sample_size"].decode(Int?.self) ?? (services == nil ? checks.count : 0)
        return SpotCheckSample(seed: UInt64(bitPattern: seed), requestedSize: persons,
                               strata: SampleStrata.parse(try e.optionalText("sample_strata") ?? "", unit: "人"),
                               drawnBy: try e.optionalText("drawn_by") ?? "", drawnAt: try e.optionalText("drawn_at") ?? "", checks: checks,
                               requestedServices: services ?? 0,
                               serviceStrata: SampleStrata.parse(try e.optionalText("service_strata") ?? "", unit: "项"))
    }
}

extension PostgresLedger {
    public func currentEvaluations(community code: String?) async throws -> [String: Evaluation] {
        try await read { pg in
            // The latest district submission of each community for the period the community is in now.
            let ids = try await pg.ids("""
                SELECT MAX(e.id) FROM evaluation e JOIN community c ON c.code = e.community_code
                    AND e.period_start = c.period_start AND e.period_end = c.period_end
                WHERE e.review_of IS NULL AND (\(code)::text IS NULL OR e.community_code = \(code))
                GROUP BY e.community_code
                """)
            var found: [String: Evaluation] = [:]
            for id in ids {
                let e = try await Self.evaluation(pg, id: id, checksumNow: false)
                found[e.communityCode] = e
            }
            return found
        }
    }
}
