import GRDB
import LedgerCore

/// The evaluation procedure's writes: each one a transaction with its audit row (table `evaluation`, the
/// submission's id).
extension AppDatabase: EvaluationStore {
    public func submitSelfAssessment(community code: String, card: ScoreCard) throws -> Evaluation {
        try submitSelfAssessment(community: code, card: card, reason: nil)
    }

    public func submitSelfAssessment(community code: String, card: ScoreCard, reason: String?) throws -> Evaluation {
        try refuseIfFiguresCorrected(community: code, doing: "提交自评")
        return try write { db in
            let c = try Self.requireCommunity(db, code: code)
            // The community's clerk (or a supervisor); a signed, locked period refuses here, naming the lock.
            try requireWritable(db, community: code)
            // Once a supervisor has begun the 初评 (drawn the sample or changed a score), a new submission would set
            // it aside and allow a new draw: a clerk could draw again until the sample suits. Only a supervisor may
            // start over, saying why (audited; the earlier 初评 stays in the history).
            var setAsideBecause: String?
            if let current = try Self.currentEvaluationId(db, community: c), try Self.initialEvaluationBegun(db, evaluation: current) {
                try requireSupervisor(db, doing: "在初评开始后（已抽样或已改分）重新提交自评")
                setAsideBecause = try WrittenReason.required(reason ?? "", missing: EvaluationResubmission.reasonMissing, what: "重新提交的理由")
            }
            let auditMark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit") ?? 0
            let importMark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM import_batch") ?? 0
            let checksum = try RegisterChecksum.of(db, community: code)
            try db.execute(sql: """
                INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by,
                                        submitted_at, checksum, audit_mark, import_mark)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [code, c.period.start.description, c.period.end.description, card.rubricId, card.rubricTitle,
                                 operatorName, now(), checksum, auditMark, importMark])
            let id = db.lastInsertedRowID
            for (position, item) in card.items.enumerated() {
                try db.execute(sql: """
                    INSERT INTO evaluation_item (evaluation_id, position, item_id, title, group_name, source, max_hundredths,
                                                 points_hundredths, measured, threshold, explanation, allowed_points)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, position, item.id, item.title, item.group, item.source.rawValue, item.max.hundredths,
                                     item.points.hundredths, item.measured, item.threshold, item.explanation,
                                     AllowedPoints.describe(item.reachable)])
            }
            try audit(db, community: code, evaluation: id, action: "submit", changes: [
                FieldChange(field: "rubric", old: nil, new: card.rubricId),
                FieldChange(field: "self_total", old: nil, new: card.total.description),
                FieldChange(field: "checksum", old: nil, new: checksum),
            ] + EvaluationResubmission.changes(setAsideBecause))
            // Computed in this transaction: the registers' checksum now is the one just stored.
            return try Self.evaluation(db, id: id, checksumNow: false)
        }
    }

    public func adjust(community code: String, item: String, points: Points, reason: String, stage: EvaluationStage) throws -> Evaluation {
        let why = try WrittenReason.required(reason, missing: "\(stage.title)改分必须填写理由", what: "改分理由")
        let id = try write { db in
            let id = try openStage(db, community: code, stage: stage, doing: "\(stage.title)改分")
            // The item by its id or its Chinese name (a person types the name they read).
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM evaluation_item WHERE evaluation_id = ? AND (item_id = ?2 OR title = ?2) ORDER BY item_id = ?2 DESC LIMIT 1
                """, arguments: [id, item]) else {
                let names = try Row.fetchAll(db, sql: "SELECT item_id, title FROM evaluation_item WHERE evaluation_id = ? ORDER BY position",
                                             arguments: [id]).map { "\($0["title"] as String)（\($0["item_id"] as String)）" }
                throw StoreError("自评中没有评分项“\(item)”，可用：\(names.joined(separator: "、"))")
            }
            let itemId: String = row["item_id"]
            let assessed = Self.assessedItem(row)
            if let refusal = assessed.refusal(points) { throw StoreError(refusal) }
            let submitted = assessed.points
            let earlier = try Row.fetchOne(db, sql: "SELECT points_hundredths, reason FROM evaluation_adjustment WHERE evaluation_id = ? AND item_id = ?",
                                           arguments: [id, itemId])
            let old = earlier.map { Points(hundredths: $0["points_hundredths"]) }
            if let refusal = assessed.unchangedRefusal(points, now: old ?? submitted, stage: stage) { throw StoreError(refusal) }
            // A decision back to the submitted points is kept with its reason: the 初评 shows why it was made.
            try db.execute(sql: """
                INSERT INTO evaluation_adjustment (evaluation_id, item_id, points_hundredths, reason, adjusted_by, adjusted_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (evaluation_id, item_id) DO UPDATE SET points_hundredths = excluded.points_hundredths,
                    reason = excluded.reason, adjusted_by = excluded.adjusted_by, adjusted_at = excluded.adjusted_at
                """, arguments: [id, itemId, points.hundredths, why, operatorName, now()])
            try audit(db, community: code, evaluation: id, action: stage.auditAction("adjust"), changes: [
                FieldChange(field: "item." + itemId, old: (old ?? submitted).description, new: points.description),
                // The reason it replaces, so that the history keeps the earlier decision's too.
                FieldChange(field: "reason", old: earlier?["reason"], new: why),
            ])
            return id
        }
        // Read after the transaction: the current checksum scans the registers, which must not hold the writer.
        return try read { try Self.evaluation($0, id: id) }
    }

    public func drawSpotChecks(community code: String, size: Int, services serviceSize: Int, seed: UInt64,
                               stage: EvaluationStage) throws -> Evaluation {
        if let refusal = SpotCheckSample.sizeRefusal(size, services: false) ?? SpotCheckSample.sizeRefusal(serviceSize, services: true) {
            throw StoreError(refusal)
        }
        guard size + serviceSize > 0 else { throw StoreError("抽样人数和单独抽查的服务数不能都是0") }
        let id = try write { db in
            let id = try openStage(db, community: code, stage: stage, doing: stage == .district ? "随机抽样" : "市级随机抽样")
            guard let e = try Row.fetchOne(db, sql: "SELECT * FROM evaluation WHERE id = ?", arguments: [id]),
                  let periodStart = e["period_start"] as String?,
                  let periodEnd = e["period_end"] as String? else { throw StoreError.corrupt("evaluation \(id)") }
            if let earlier = e["sample_seed"] as Int64? {
                throw StoreError("本次\(stage.title)已于\(TimeText.shown(e["drawn_at"] as String?))由\(e["drawn_by"] as String? ?? "")抽样（种子 \(UInt64(bitPattern: earlier))），不能重抽：同一份\(stage.title)只抽一次，抽中的名单可向社区出示")
            }
            // The persons the period counts (registered by its end, not deleted), by 创业状态.
            let population = try Row.fetchAll(db, sql: """
                SELECT id, status FROM person WHERE community_code = ? AND deleted_at IS NULL AND survey_date <= ? ORDER BY id
                """, arguments: [code, periodEnd]).map { StratifiedSample.Member(id: $0["id"], stratum: $0["status"]) }
            if size > 0 && population.isEmpty { throw StoreError("本考核期摸底台账中没有人员，无法抽样") }
            let order = BusinessStatus.allCases.map(\.rawValue)
            let drawn = StratifiedSample.draw(population, size: size, seed: seed, order: order)
            var withPersons: Set<Int64> = []
            for (i, member) in drawn.enumerated() {
                // With each person one of their services of the period (ServicePick), checked on the same visit.
                let services = try Int64.fetchAll(db, sql: """
                    SELECT id FROM service WHERE person_id = ? AND deleted_at IS NULL AND service_date BETWEEN ? AND ? ORDER BY id
                    """, arguments: [member.id, periodStart, periodEnd])
                let service = ServicePick.index(count: services.count, seed: seed, position: i + 1).map { services[$0] }
                if let service { withPersons.insert(service) }
                try db.execute(sql: """
                    INSERT INTO spot_check (evaluation_id, position, person_id, stratum, service_id) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, i + 1, member.id, member.stratum, service])
            }
            // Services on their own, by service type (DECISIONS.md): the services of the period not already drawn
            // with a sampled person, listed after the persons.
            let serviceRows = try Row.fetchAll(db, sql: """
                SELECT v.id, v.person_id, v.service_type FROM service v JOIN person p ON p.id = v.person_id
                WHERE v.community_code = ? AND v.deleted_at IS NULL AND p.deleted_at IS NULL AND v.service_date BETWEEN ? AND ?
                ORDER BY v.id
                """, arguments: [code, periodStart, periodEnd]).filter { !withPersons.contains($0["id"]) }
            if serviceSize > 0 && serviceRows.isEmpty { throw StoreError("本考核期服务台账中没有可单独抽查的服务") }
            let owner = Dictionary(serviceRows.map { ($0["id"] as Int64, $0["person_id"] as Int64) }, uniquingKeysWith: { a, _ in a })
            let services = serviceRows.map { StratifiedSample.Member(id: $0["id"], stratum: $0["service_type"]) }
            let serviceOrder = ServiceType.allCases.map(\.rawValue)
            let drawnServices = StratifiedSample.draw(services, size: serviceSize, seed: ServiceSample.seed(seed), order: serviceOrder)
            for (i, member) in drawnServices.enumerated() {
                try db.execute(sql: """
                    INSERT INTO spot_check (evaluation_id, position, person_id, stratum, service_id, drawn_for) VALUES (?, ?, ?, ?, ?, 'service')
                    """, arguments: [id, drawn.count + i + 1, owner[member.id], member.stratum, member.id])
            }
            try Self.noteServicesAsSeen(db, evaluation: id)
            let strata = SampleStrata.describe(population: population, drawn: drawn, order: order, unit: "人")
            let serviceStrata = serviceSize == 0 ? nil
                : SampleStrata.describe(population: services, drawn: drawnServices, order: serviceOrder, unit: "项")
            try db.execute(sql: """
                UPDATE evaluation SET sample_seed = ?, sample_size = ?, sample_strata = ?, drawn_by = ?, drawn_at = ?,
                    service_sample_size = ?, service_strata = ? WHERE id = ?
                """, arguments: [Int64(bitPattern: seed), size == 0 ? nil : size, strata, operatorName, now(),
                                 serviceSize, serviceStrata, id])
            try audit(db, community: code, evaluation: id, action: stage.auditAction("draw"), changes: [
                FieldChange(field: "seed", old: nil, new: String(seed)),
                FieldChange(field: "size", old: nil, new: String(size)),
                FieldChange(field: "services", old: nil, new: String(serviceSize)),
                FieldChange(field: "strata", old: nil, new: [strata, serviceStrata ?? ""].filter { !$0.isEmpty }.joined(separator: "；")),
            ].filter { $0.field != "services" || serviceSize > 0 })
            return id
        }
        return try read { try Self.evaluation($0, id: id) }
    }

    public func recordSpotCheck(community code: String, position: Int, result: SpotCheckResult, note: String,
                                stage: EvaluationStage) throws -> Evaluation {
        let note = try WrittenReason.optional(note, what: "核实说明")
        if result == .untrue && note == nil {
            throw StoreError("核实结果为不属实时必须填写说明：社区将看到这条说明并据此更正")
        }
        let id = try write { db in
            let id = try openStage(db, community: code, stage: stage, doing: stage == .district ? "记录抽查结果" : "记录市级抽查结果")
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM spot_check WHERE evaluation_id = ? AND position = ?",
                                             arguments: [id, position]) else {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM spot_check WHERE evaluation_id = ?", arguments: [id]) ?? 0
                throw StoreError(count == 0 ? "本次\(stage.title)还没有抽样，请先抽样（chuangye evaluate draw\(stage == .city ? " --city" : "")）"
                                            : "抽样名单中没有第\(position)号，应为1到\(count)")
            }
            // The audit trail's position now: later changes of the person are the clerk's correction.
            let mark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit") ?? 0
            try db.execute(sql: """
                UPDATE spot_check SET result = ?, note = ?, checked_by = ?, checked_at = ?, check_audit_mark = ?
                WHERE evaluation_id = ? AND position = ?
                """, arguments: [result.rawValue, note, operatorName, now(), mark, id, position])
            try Self.noteServicesAsSeen(db, evaluation: id, position: position)
            let changes = [
                FieldChange(field: "spot_check.\(position).person", old: nil, new: String(row["person_id"] as Int64)),
                FieldChange(field: "spot_check.\(position).result", old: row["result"], new: result.rawValue),
                FieldChange(field: "spot_check.\(position).note", old: row["note"], new: note),
            ]
            // The person is always named; the result and note only when they change.
            try audit(db, community: code, evaluation: id, action: stage.auditAction("check"), changes: changes.filter { $0.old != $0.new })
            return id
        }
        return try read { try Self.evaluation($0, id: id) }
    }

    /// Keeps the sampled services' date and type as they are now (at the draw, or at the check of `position`):
    /// what the sample listed and the supervisor checked, shown beside any later correction.
    private static func noteServicesAsSeen(_ db: Database, evaluation: Int64, position: Int? = nil) throws {
        try db.execute(sql: """
            UPDATE spot_check SET
                service_date_seen = (SELECT v.service_date FROM service v WHERE v.id = spot_check.service_id),
                service_type_seen = (SELECT v.service_type FROM service v WHERE v.id = spot_check.service_id)
            WHERE evaluation_id = ? AND service_id IS NOT NULL AND (?2 IS NULL OR position = ?2)
            """, arguments: [evaluation, position])
    }

    public func signOff(community code: String, stage: EvaluationStage) throws -> Evaluation {
        // (A 市级考评 is signed over the district's lock: the figures cannot have moved since.)
        if stage == .district { try refuseIfFiguresCorrected(community: code, doing: "签署初评") }
        let id = try write { db in
            let id = try openStage(db, community: code, stage: stage, doing: stage == .district ? "签署初评" : "签署市级考评")
            if let refusal = try Self.evaluation(db, id: id, checksumNow: false).signOffRefusal(stage) { throw StoreError(refusal) }
            switch stage {
            case .district:
                try db.execute(sql: "INSERT INTO evaluation_lock (community_code, evaluation_id, locked_by, locked_at) VALUES (?, ?, ?, ?)",
                               arguments: [code, id, operatorName, now()])
            case .city:
                // The district's lock stays: the city's signature is kept with its review.
                try db.execute(sql: "UPDATE evaluation SET signed_by = ?, signed_at = ? WHERE id = ?", arguments: [operatorName, now(), id])
            }
            let signed = try Self.evaluation(db, id: id, checksumNow: false)
            let reviewed = try Int64.fetchOne(db, sql: "SELECT review_of FROM evaluation WHERE id = ?", arguments: [id])
                .map { try Self.evaluation(db, id: $0, checksumNow: false) }
            try audit(db, community: code, evaluation: id, action: stage.auditAction("sign"),
                      changes: SignOffEntry.changes(signed, stage: stage, reviewing: reviewed))
            return id
        }
        return try read { try Self.evaluation($0, id: id) }
    }

    /// Lifts the lock, with the reason audited. Before the city signs, the district's supervisor unlocks; once the
    /// 市级考评 is signed, only a city supervisor may (audited as a city unlock, which reopens the city's review too).
    public func unlock(community code: String, reason: String) throws {
        let why = try WrittenReason.required(reason, missing: "解锁必须填写理由", what: "解锁理由")
        try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT evaluation_id FROM evaluation_lock WHERE community_code = ?",
                                              arguments: [code]) else {
                try requireRole(db, .supervisor, doing: "解锁")
                throw StoreError("社区\(code)没有被锁定，无需解锁")
            }
            if let city = try Row.fetchOne(db, sql: "SELECT id, signed_by, signed_at FROM evaluation WHERE review_of = ? AND signed_by IS NOT NULL",
                                           arguments: [id]) {
                try requireRole(db, .city, doing: "解锁市级考评已签署的台账（市级考评由\(city["signed_by"] as String)于\(TimeText.shown(city["signed_at"]))签署）")
                // The city's review reopens with the registers: once corrected and signed again by the district,
                // the city checks and signs anew.
                try db.execute(sql: "DELETE FROM evaluation_lock WHERE community_code = ?", arguments: [code])
                try db.execute(sql: "UPDATE evaluation SET signed_by = NULL, signed_at = NULL WHERE id = ?", arguments: [city["id"] as Int64])
                try audit(db, community: code, evaluation: city["id"], action: "city_unlock", changes: [
                    FieldChange(field: "reason", old: nil, new: why),
                    FieldChange(field: "city_signed", old: "\(city["signed_by"] as String) \(TimeText.shown(city["signed_at"] as String?))", new: nil),
                ])
                return
            }
            try requireRole(db, .supervisor, doing: "解锁")
            try db.execute(sql: "DELETE FROM evaluation_lock WHERE community_code = ?", arguments: [code])
            try audit(db, community: code, evaluation: id, action: "unlock", changes: [FieldChange(field: "reason", old: nil, new: why)])
        }
    }

    // MARK: - Shared steps

    /// The supervisor's steps (初评, draw, checks, sign-off) work on the latest submission of the community's
    /// period, and only while it is not signed. Returns its id.
    private func openEvaluation(_ db: Database, community code: String, doing: String) throws -> Int64 {
        try requireSupervisor(db, doing: doing)
        let c = try Self.requireCommunity(db, code: code)
        guard let id = try Self.currentEvaluationId(db, community: c) else {
            throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 尚未提交自评，不能\(doing)")
        }
        if let lock = try Row.fetchOne(db, sql: "SELECT locked_by, locked_at FROM evaluation_lock WHERE community_code = ?", arguments: [code]) {
            throw StoreError("\(c.name)的初评已由\(lock["locked_by"] as String)于\(TimeText.shown(lock["locked_at"]))签署锁定，不能再\(doing)。如需修改，请先解锁")
        }
        return id
    }

    /// 初评, draws, checks, sign-off and unlock are a supervisor's.
    func requireSupervisor(_ db: Database, doing: String) throws {
        try requireRole(db, .supervisor, doing: doing)
    }

    /// A step of one role: the district's supervisor (区县督导) or the city's (市级督导). While no operator is
    /// registered everyone has every right (as for the registers: SQLite's trust model, README).
    func requireRole(_ db: Database, _ wanted: OperatorAccount.Role, doing: String) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator_account") ?? 0 > 0 else { return }
        let role = try String.fetchOne(db, sql: "SELECT role FROM operator_account WHERE name = ?", arguments: [operatorName])
        guard role == wanted.rawValue else {
            throw StoreError("只有\(wanted.stepTitle)可以\(doing)，\(operatorName)不是\(wanted.stepTitle)")
        }
    }

    /// The evaluation a stage's step works on: the district's open 初评, or the city's review of a recommended,
    /// signed one (begun by the city supervisor's first step).
    func openStage(_ db: Database, community code: String, stage: EvaluationStage, doing: String) throws -> Int64 {
        switch stage {
        case .district: try openEvaluation(db, community: code, doing: doing)
        case .city: try openCityReview(db, community: code, doing: doing)
        }
    }

    /// Whether a supervisor has drawn a sample or changed a score for this submission.
    static func initialEvaluationBegun(_ db: Database, evaluation id: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM spot_check WHERE evaluation_id = ?1) OR EXISTS (SELECT 1 FROM evaluation_adjustment WHERE evaluation_id = ?1)
            """, arguments: [id]) ?? false
    }

    func audit(_ db: Database, community: String, evaluation id: Int64, action: String, changes: [FieldChange]) throws {
        try AuditLog.record(db, at: now(), operatorName: operatorName, community: community, table: "evaluation",
                            id: String(id), action: action, changes: changes)
    }

    /// Judges the community's records again and corrects their kept figures (FiguresRecounted); refuses `doing`
    /// when any were corrected.
    func refuseIfFiguresCorrected(community: String, doing: String) throws {
        let corrected = try checkAndRecount(community: community).corrected
        if corrected > 0 { throw StoreError(FiguresRecounted.refusal(corrected: corrected, doing: doing)) }
    }
}

/// How a draw split over the strata, as stored and shown: `有创业意愿 120人抽6；已创业 80人抽4`.
public enum SampleStrata {
    public static func describe(population: [StratifiedSample.Member], drawn: [StratifiedSample.Member], order: [String], unit: String) -> String {
        strata(population: population, drawn: drawn, order: order)
            .map { "\($0.name) \($0.population)\(unit)抽\($0.drawn)" }.joined(separator: "；")
    }

    public static func strata(population: [StratifiedSample.Member], drawn: [StratifiedSample.Member], order: [String]) -> [SpotCheckSample.Stratum] {
        let names = order + Set(population.map(\.stratum)).subtracting(order).sorted()
        return names.compactMap { name in
            let size = population.filter { $0.stratum == name }.count
            return size == 0 ? nil : SpotCheckSample.Stratum(name: name, population: size, drawn: drawn.filter { $0.stratum == name }.count)
        }
    }
}

extension EvaluationStage {
    /// The audit action of a step: `adjust` for the district's, `city_adjust` for the city's.
    public func auditAction(_ step: String) -> String { self == .district ? step : "city_" + step }
}

/// The seed of the services drawn on their own: derived from the draw's seed so one number reproduces the whole
/// list, and apart from the persons' stream so asking for services never changes which persons are drawn. Frozen:
/// changing it changes what a stored seed shows.
public enum ServiceSample {
    public static func seed(_ seed: UInt64) -> UInt64 { seed ^ 0x5345_5256_4943_4553 }  // "SERVICES"
}

/// The points an item can be given, stored with the submission as `0,7.5,15`.
public enum AllowedPoints {
    public static func describe(_ points: [Points]) -> String? {
        points.isEmpty ? nil : points.map(\.description).joined(separator: ",")
    }

    public static func parse(_ text: String?) -> [Points]? {
        guard let text, !text.isEmpty else { return nil }
        let values = text.split(separator: ",").compactMap { Points(text: String($0)) }
        return values.isEmpty ? nil : values
    }

}
