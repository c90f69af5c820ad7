import GRDB
import LedgerCore

extension AppDatabase {
    /// The community's current submission, its sample as `SampleDisclosure` lets this operator see it.
    public func evaluation(community code: String) throws -> Evaluation? {
        try read { db in
            let c = try Self.requireCommunity(db, code: code)
            let mayCheck = try Self.mayCheck(db, operatorName: operatorName, stage: .district)
            return try Self.currentEvaluationId(db, community: c).map { try Self.evaluation(db, id: $0).disclosed(mayCheck: mayCheck) }
        }
    }

    /// Whether the operator may check a stage's sample (`requireRole`'s rule, asked): who sees the whole list
    /// before the stage is signed (`SampleDisclosure`).
    static func mayCheck(_ db: Database, operatorName: String, stage: EvaluationStage) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator_account") ?? 0 > 0 else { return true }
        let role = try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [operatorName])
        return role == (stage == .district ? OperatorAccount.Role.supervisor : .city).rawValue
    }

    public func spotCheckFlags(community code: String) throws -> [SpotCheck] {
        try evaluation(community: code)?.sample?.checks.filter { $0.result == .untrue } ?? []
    }

    /// The latest submission for the community's current period (not a 市级考评, which reviews one).
    static func currentEvaluationId(_ db: Database, community c: Community) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT id FROM evaluation WHERE community_code = ? AND period_start = ? AND period_end = ? AND review_of IS NULL
            ORDER BY id DESC LIMIT 1
            """, arguments: [c.code, c.period.start.description, c.period.end.description])
    }

    /// A submission with everything about it, the changes since counted from the audit trail. `checksumNow: false`
    /// skips the scan of the registers (the current checksum is then the submitted one): for totals only.
    static func evaluation(_ db: Database, id: Int64, checksumNow: Bool = true, withReplaced: Bool = true) throws -> Evaluation {
        guard let e = try Row.fetchOne(db, sql: "SELECT * FROM evaluation WHERE id = ?", arguments: [id]),
              let start = Day.parse(e["period_start"]), let end = Day.parse(e["period_end"]) else {
            throw StoreError.corrupt("evaluation \(id)")
        }
        let code: String = e["community_code"]
        let items = try Row.fetchAll(db, sql: "SELECT * FROM evaluation_item WHERE evaluation_id = ? ORDER BY position",
                                     arguments: [id]).map(assessedItem)
        let adjustments = try Row.fetchAll(db, sql: "SELECT * FROM evaluation_adjustment WHERE evaluation_id = ?", arguments: [id]).map { row in
            ItemAdjustment(itemId: row["item_id"], points: Points(hundredths: row["points_hundredths"]), reason: row["reason"],
                           by: row["adjusted_by"], at: row["adjusted_at"])
        }
        let reviewOf: Int64? = e["review_of"]
        let changes = try changesSince(db, community: code, auditMark: e["audit_mark"], importMark: e["import_mark"])
        // The district's signature is its lock (gone once unlocked); the city's is kept with its review.
        let signature = reviewOf != nil
            ? (e["signed_by"] as String?).map { Signature(by: $0, at: e["signed_at"] ?? "") }
            : try Row.fetchOne(db, sql: "SELECT locked_by, locked_at FROM evaluation_lock WHERE evaluation_id = ?",
                               arguments: [id]).map { Signature(by: $0["locked_by"], at: $0["locked_at"]) }
        let stage: EvaluationStage = reviewOf == nil ? .district : .city
        var evaluation = Evaluation(id: id, communityCode: code, period: Period(start: start, end: end), rubricId: e["rubric_id"],
                          rubricTitle: e["rubric_title"], items: items, submittedBy: e["submitted_by"], submittedAt: e["submitted_at"],
                          checksum: e["checksum"], currentChecksum: checksumNow ? try RegisterChecksum.of(db, community: code) : e["checksum"],
                          changesSinceSubmission: changes.values.reduce(0, +),
                          adjustments: Dictionary(adjustments.map { ($0.itemId, $0) }, uniquingKeysWith: { a, _ in a }),
                          sample: try sample(db, evaluation: e), signature: signature, stage: stage,
                          recommendation: (e["recommended_by"] as String?).map { Signature(by: $0, at: e["recommended_at"] ?? "") },
                          changesByTable: changes)
        evaluation.lastUnlock = try lastUnlock(db, evaluation: id, stage: stage)
        if withReplaced, stage == .district, let earlier = try Int64.fetchOne(db, sql: """
            SELECT id FROM evaluation WHERE community_code = ? AND period_start = ? AND period_end = ? AND review_of IS NULL AND id < ?
            ORDER BY id DESC LIMIT 1
            """, arguments: [code, start.description, end.description, id]) {
            evaluation.replaced = ReplacedSubmission(try Self.evaluation(db, id: earlier, checksumNow: false, withReplaced: false))
        }
        return evaluation
    }

    /// The stage's latest unlock, from the audit trail, with the sign-off it lifted (the last one before it).
    static func lastUnlock(_ db: Database, evaluation id: Int64, stage: EvaluationStage) throws -> Unlocking? {
        guard let unlock = try Row.fetchOne(db, sql: """
            SELECT id, operator, at, changes FROM audit WHERE record_table = 'evaluation' AND record_id = ? AND action = ?
            ORDER BY id DESC LIMIT 1
            """, arguments: [String(id), stage.auditAction("unlock")]) else { return nil }
        let signed = try Row.fetchOne(db, sql: """
            SELECT operator, at FROM audit WHERE record_table = 'evaluation' AND record_id = ? AND action = ? AND id < ?
            ORDER BY id DESC LIMIT 1
            """, arguments: [String(id), stage.auditAction("sign"), unlock["id"] as Int64])
        let reason = AuditLog.decode(unlock["changes"], table: "evaluation").first { $0.field == "reason" }?.new ?? ""
        return Unlocking(lifted: signed.map { Signature(by: $0["operator"], at: $0["at"]) }, by: unlock["operator"],
                         at: unlock["at"], reason: reason)
    }

    /// An item row of a submission (or of a 市级考评, at its 初评 points).
    static func assessedItem(_ row: Row) -> AssessedItem {
        AssessedItem(id: row["item_id"], title: row["title"], group: row["group_name"],
                     source: RubricItem.Source(rawValue: row["source"]) ?? .documented,
                     max: Points(hundredths: row["max_hundredths"]), points: Points(hundredths: row["points_hundredths"]),
                     measured: row["measured"], threshold: row["threshold"], explanation: row["explanation"],
                     allowed: AllowedPoints.parse(row["allowed_points"]))
    }

    /// Changes of the community's registers and profile after the marks, by table: one per audited change (a
    /// save, correction, deletion, restoration, undo, accepted warning or profile change), one per imported row.
    static func changesSince(_ db: Database, community: String, auditMark: Int64, importMark: Int64) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT record_table, COUNT(*) AS n FROM audit WHERE id > ? AND community_code = ?
                AND record_table IN ('person', 'service', 'activity', 'community') GROUP BY record_table
            UNION ALL
            SELECT record_table, SUM(rows) AS n FROM import_batch WHERE id > ? AND community_code = ? GROUP BY record_table
            """, arguments: [auditMark, community, importMark, community])
        return Dictionary(rows.map { ($0["record_table"] as String, $0["n"] as Int) }, uniquingKeysWith: +).filter { $0.value > 0 }
    }

    private static func sample(_ db: Database, evaluation e: Row) throws -> SpotCheckSample? {
        guard let seed = e["sample_seed"] as Int64? else { return nil }
        let id: Int64 = e["id"]
        // The draw's audit entry is where the sample began to exist: later changes of a sampled record are marked.
        let drawMark = try Int64.fetchOne(db, sql: """
            SELECT MAX(id) FROM audit WHERE record_table = 'evaluation' AND record_id = ? AND action IN ('draw', 'city_draw')
            """, arguments: [String(id)])
        let checks = try Row.fetchAll(db, sql: """
            SELECT s.*, p.name, p.id_number, v.service_date, v.service_type,
                   (SELECT COUNT(*) FROM audit a WHERE ((a.record_table = 'person' AND a.record_id = CAST(s.person_id AS TEXT))
                        OR (a.record_table = 'service' AND a.record_id = CAST(s.service_id AS TEXT)))
                        AND a.id > s.check_audit_mark) AS changes_since,
                   (SELECT group_concat(a.record_table || char(31) || a.changes, char(30)) FROM
                        (SELECT * FROM audit a WHERE ((a.record_table = 'person' AND a.record_id = CAST(s.person_id AS TEXT))
                            OR (a.record_table = 'service' AND a.record_id = CAST(s.service_id AS TEXT)))
                            AND a.id > s.check_audit_mark ORDER BY a.id) a) AS changes_since_texts,
                   (SELECT COUNT(*) FROM audit a WHERE ((a.record_table = 'person' AND a.record_id = CAST(s.person_id AS TEXT))
                        OR (a.record_table = 'service' AND a.record_id = CAST(s.service_id AS TEXT)))
                        AND a.id > ?) AS changes_since_draw,
                   CASE WHEN s.drawn_for = 'service' THEN v.deleted_at IS NOT NULL ELSE p.deleted_at IS NOT NULL END AS record_deleted,
                   v.deleted_at IS NOT NULL AS service_deleted
            FROM spot_check s JOIN person p ON p.id = s.person_id LEFT JOIN service v ON v.id = s.service_id
            WHERE s.evaluation_id = ? ORDER BY s.position
            """, arguments: [drawMark ?? Int64.max, id]).map { row in
            var check = SpotCheck(position: row["position"], personId: row["person_id"], name: row["name"], idNumber: row["id_number"],
                      stratum: row["stratum"], result: (row["result"] as String?).flatMap(SpotCheckResult.init(rawValue:)),
                      note: row["note"], checkedBy: row["checked_by"], checkedAt: row["checked_at"],
                      changesSinceCheck: (row["check_audit_mark"] as Int64?) == nil ? 0 : row["changes_since"],
                      service: (row["service_id"] as Int64?).map {
                          SampledService(id: $0, date: row["service_date"] ?? "", type: row["service_type"] ?? "",
                                         seenDate: row["service_date_seen"], seenType: row["service_type_seen"],
                                         deleted: row["service_deleted"])
                      }, forService: (row["drawn_for"] as String?) == "service", changesSinceDraw: row["changes_since_draw"])
            check.recordDeleted = row["record_deleted"]
            if (row["check_audit_mark"] as Int64?) != nil { check.fieldsChangedSinceCheck = FieldsChangedSinceCheck.names(row["changes_since_texts"]) }
            return check
        }
        let strata = SampleStrata.parse(e["sample_strata"] ?? "", unit: "人")
        let services: Int? = e["service_sample_size"]
        // Before v17 a draw had persons only, and always a size.
        let persons: Int = e["sample_size"] ?? (services == nil ? checks.count : 0)
        return SpotCheckSample(seed: UInt64(bitPattern: seed), requestedSize: persons, strata: strata,
                               drawnBy: e["drawn_by"] ?? "", drawnAt: e["drawn_at"] ?? "", checks: checks,
                               requestedServices: services ?? 0, serviceStrata: SampleStrata.parse(e["service_strata"] ?? "", unit: "项"))
    }
}

extension SampleStrata {
    /// Reads back `describe`'s text.
    public static func parse(_ text: String, unit: String) -> [SpotCheckSample.Stratum] {
        text.split(separator: "；").compactMap { part in
            let words = part.split(separator: " ")
            guard words.count == 2 else { return nil }
            let numbers = words[1].split(separator: unit + "抽")
            guard numbers.count == 2, let population = Int(numbers[0]), let drawn = Int(numbers[1]) else { return nil }
            return SpotCheckSample.Stratum(name: String(words[0]), population: population, drawn: drawn)
        }
    }
}

extension AppDatabase {
    public func currentEvaluations(community code: String?) throws -> [String: Evaluation] {
        try read { db in
            // The latest district submission of each community for the period the community is in now.
            let ids = try Int64.fetchAll(db, sql: """
                SELECT MAX(e.id) FROM evaluation e JOIN community c ON c.code = e.community_code
                    AND e.period_start = c.period_start AND e.period_end = c.period_end
                WHERE e.review_of IS NULL AND (? IS NULL OR e.community_code = ?)
                GROUP BY e.community_code
                """, arguments: [code, code])
            var found: [String: Evaluation] = [:]
            for id in ids {
                let e = try Self.evaluation(db, id: id, checksumNow: false)
                found[e.communityCode] = e
            }
            return found
        }
    }
}
