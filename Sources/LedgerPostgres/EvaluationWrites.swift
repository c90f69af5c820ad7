import LedgerCore
import LedgerStore
import PostgresNIO

/// The evaluation procedure's writes on a district's server, each one a transaction with its audit entry (table
/// `evaluation`, the submission's id): the SQLite engine's steps (`AppDatabase`'s EvaluationWrites.swift), with
/// the rules of `LedgerCore` (the stratified draw, the service picked with each person, the reachable points).
extension PostgresLedger: EvaluationStore {
    public func submitSelfAssessment(community code: String, card: ScoreCard, reason: String?) async throws -> Evaluation {
        try await refuseIfFiguresCorrected(community: code, doing: "提交自评")
        return try await write { pg in
            let c = try await Self.requireCommunity(pg, code: code)
            // The community's clerk (or a supervisor); a signed, locked period refuses here, naming the lock.
            try await requireWritable(pg, community: code)
            // Once a supervisor has begun the 初评, only a supervisor may start over (a clerk could otherwise submit
            // again until the draw suits).
            var setAsideBecause: String?
            if let current = try await Self.currentEvaluationId(pg, community: c), try await Self.initialEvaluationBegun(pg, evaluation: current) {
                try await requireRole(pg, .supervisor, doing: "在初评开始后（已抽样或已改分）重新提交自评")
                setAsideBecause = try WrittenReason.required(reason ?? "", missing: EvaluationResubmission.reasonMissing, what: "重新提交的理由")
            }
            let marks = try await Self.marks(pg)
            let checksum = try await ContentChecksumQuery.of(pg, community: code)
            guard let id = try await pg.ids("""
                INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                        checksum, audit_mark, import_mark)
                VALUES (\(code), \(c.period.start.description), \(c.period.end.description), \(card.rubricId), \(card.rubricTitle),
                        \(operatorName), \(now()), \(checksum), \(marks.audit), \(marks.imports))
                RETURNING id
                """).first else { throw StoreError("自评未保存", detail: "no id returned") }
            for (position, item) in card.items.enumerated() {
                try await pg.execute("""
                    INSERT INTO evaluation_item (evaluation_id, position, item_id, title, group_name, source, max_hundredths,
                                                 points_hundredths, measured, threshold, explanation, allowed_points)
                    VALUES (\(id), \(position), \(item.id), \(item.title), \(item.group), \(item.source.rawValue), \(item.max.hundredths),
                            \(item.points.hundredths), \(item.measured), \(item.threshold), \(item.explanation),
                            \(AllowedPoints.describe(item.reachable)))
                    """)
            }
            try await auditEvaluation(pg, community: code, evaluation: id, action: "submit", changes: [
                FieldChange(field: "rubric", old: nil, new: card.rubricId),
                FieldChange(field: "self_total", old: nil, new: card.total.description),
                FieldChange(field: "checksum", old: nil, new: checksum),
            ] + EvaluationResubmission.changes(setAsideBecause))
            return try await Self.evaluation(pg, id: id, checksumNow: false)
        }
    }

    public func adjust(community code: String, item: String, points: Points, reason: String, stage: EvaluationStage) async throws -> Evaluation {
        let why = try WrittenReason.required(reason, missing: "\(stage.title)改分必须填写理由", what: "改分理由")
        let id = try await write { pg in
            let id = try await openStage(pg, community: code, stage: stage, doing: "\(stage.title)改分")
            // The item by its id or its Chinese name (a person types the name they read).
            guard let row = try await pg.row("""
                SELECT * FROM evaluation_item WHERE evaluation_id = \(id) AND (item_id = \(item) OR title = \(item))
                ORDER BY item_id = \(item) DESC LIMIT 1
                """) else {
                let names = try await pg.rows("SELECT item_id, title FROM evaluation_item WHERE evaluation_id = \(id) ORDER BY position")
                    .map { "\(try $0.text("title"))（\(try $0.text("item_id"))）" }
                throw StoreError("自评中没有评分项“\(item)”，可用：\(names.joined(separator: "、"))")
            }
            let itemId = try row.text("item_id")
            let assessed = try Self.assessedItem(row)
            if let refusal = assessed.refusal(points) { throw StoreError(refusal) }
            let submitted = assessed.points
            let earlier = try await pg.row("SELECT points_hundredths, reason FROM evaluation_adjustment WHERE evaluation_id = \(id) AND item_id = \(itemId)")
            let old = try earlier.map { Points(hundredths: try $0.int("points_hundredths")) }
            if let refusal = assessed.unchangedRefusal(points, now: old ?? submitted, stage: stage) { throw StoreError(refusal) }
            // A decision back to the submitted points is kept with its reason: the 初评 shows why it was made.
            try await pg.execute("""
                INSERT INTO evaluation_adjustment (evaluation_id, item_id, points_hundredths, reason, adjusted_by, adjusted_at)
                VALUES (\(id), \(itemId), \(points.hundredths), \(why), \(operatorName), \(now()))
                ON CONFLICT (evaluation_id, item_id) DO UPDATE SET points_hundredths = excluded.points_hundredths,
                    reason = excluded.reason, adjusted_by = excluded.adjusted_by, adjusted_at = excluded.adjusted_at
                """)
            try await auditEvaluation(pg, community: code, evaluation: id, action: stage.auditAction("adjust"), changes: [
                FieldChange(field: "item." + itemId, old: (old ?? submitted).description, new: points.description),
                // The reason it replaces, so that the history keeps the earlier decision's too.
                FieldChange(field: "reason", old: try earlier?.optionalText("reason"), new: why),
            ])
            return id
        }
        // Read after the transaction: the current checksum scans the registers.
        return try await read { pg in try await Self.evaluation(pg, id: id) }
    }

    public func drawSpotChecks(community code: String, size: Int, services serviceSize: Int, seed: UInt64,
                               stage: EvaluationStage) async throws -> Evaluation {
        if let refusal = SpotCheckSample.sizeRefusal(size, services: false) ?? SpotCheckSample.sizeRefusal(serviceSize, services: true) {
            throw StoreError(refusal)
        }
        guard size + serviceSize > 0 else { throw StoreError("抽样人数和单独抽查的服务数不能都是0") }
        let id = try await write { pg in
            let id = try await openStage(pg, community: code, stage: stage, doing: stage == .district ? "随机抽样" : "市级随机抽样")
            guard let e = try await pg.row("SELECT \(unescaped: Self.evaluationColumns) FROM evaluation WHERE id = \(id) FOR UPDATE") else {
                throw StoreError("数据库中的评选记录已损坏，无法读取", detail: "evaluation \(id)")
            }
            let periodStart = try e.text("period_start"), periodEnd = try e.text("period_end")
            if let earlier = try e["sample_seed"].decode(Int64?.self) {
                throw StoreError("本次\(stage.title)已于\(TimeText.shown(try e.optionalText("drawn_at")))由\(try e.optionalText("drawn_by") ?? "")抽样（种子 \(UInt64(bitPattern: earlier))），不能重抽：同一份\(stage.title)只抽一次，抽中的名单可向社区出示")
            }
            // The persons the period counts (registered by its end, not deleted), by 创业状态.
            let population = try await pg.rows("""
                SELECT id, fields->>'status' AS status FROM person
                WHERE community_code = \(code) AND deleted_at IS NULL AND fields->>'survey_date' <= \(periodEnd) ORDER BY id
                """).map { StratifiedSample.Member(id: try $0.id(), stratum: try $0.text("status")) }
            if size > 0 && population.isEmpty { throw StoreError("本考核期摸底台账中没有人员，无法抽样") }
            let order = BusinessStatus.allCases.map(\.rawValue)
            let drawn = StratifiedSample.draw(population, size: size, seed: seed, order: order)
            // Each sampled person's services of the period, in id order, for ServicePick.
            var servicesOf: [Int64: [Int64]] = [:]
            if !drawn.isEmpty {
                for row in try await pg.rows("""
                    SELECT person_id, id FROM service WHERE person_id = ANY(\(drawn.map(\.id))) AND deleted_at IS NULL
                        AND service_date BETWEEN \(periodStart) AND \(periodEnd) ORDER BY id
                    """) {
                    servicesOf[try row.id("person_id"), default: []].append(try row.id())
                }
            }
            var withPersons: Set<Int64> = []
            for (i, member) in drawn.enumerated() {
                // With each person one of their services of the period, checked on the same visit.
                let services = servicesOf[member.id] ?? []
                let service = ServicePick.index(count: services.count, seed: seed, position: i + 1).map { services[$0] }
                if let service { withPersons.insert(service) }
                try await pg.execute("""
                    INSERT INTO spot_check (evaluation_id, position, person_id, stratum, service_id)
                    VALUES (\(id), \(i + 1), \(member.id), \(member.stratum), \(service))
                    """)
            }
            // Services on their own, by service type: the services of the period not already drawn with a person.
            var owner: [Int64: Int64] = [:]
            var services: [StratifiedSample.Member] = []
            if serviceSize > 0 {
                for row in try await pg.rows("""
                    SELECT v.id, v.person_id, v.fields->>'service_type' AS service_type FROM service v JOIN person p ON p.id = v.person_id
                    WHERE v.community_code = \(code) AND v.deleted_at IS NULL AND p.deleted_at IS NULL
                        AND v.service_date BETWEEN \(periodStart) AND \(periodEnd)
                    ORDER BY v.id
                    """) where !withPersons.contains(try row.id()) {
                    owner[try row.id()] = try row.id("person_id")
                    services.append(StratifiedSample.Member(id: try row.id(), stratum: try row.text("service_type")))
                }
                if services.isEmpty { throw StoreError("本考核期服务台账中没有可单独抽查的服务") }
            }
            let serviceOrder = ServiceType.allCases.map(\.rawValue)
            let drawnServices = StratifiedSample.draw(services, size: serviceSize, seed: ServiceSample.seed(seed), order: serviceOrder)
            for (i, member) in drawnServices.enumerated() {
                try await pg.execute("""
                    INSERT INTO spot_check (evaluation_id, position, person_id, stratum, service_id, drawn_for)
                    VALUES (\(id), \(drawn.count + i + 1), \(owner[member.id]), \(member.stratum), \(member.id), 'service')
                    """)
            }
            try await Self.noteServicesAsSeen(pg, evaluation: id)
            let strata = SampleStrata.describe(population: population, drawn: drawn, order: order, unit: "人")
            let serviceStrata = serviceSize == 0 ? nil
                : SampleStrata.describe(population: services, drawn: drawnServices, order: serviceOrder, unit: "项")
            try await pg.execute("""
                UPDATE evaluation SET sample_seed = \(Int64(bitPattern: seed)), sample_size = \(size == 0 ? nil : size),
                    sample_strata = \(strata), drawn_by = \(operatorName), drawn_at = \(now()),
                    service_sample_size = \(serviceSize), service_strata = \(serviceStrata) WHERE id = \(id)
                """)
            try await auditEvaluation(pg, community: code, evaluation: id, action: stage.auditAction("draw"), changes: [
                FieldChange(field: "seed", old: nil, new: String(seed)),
                FieldChange(field: "size", old: nil, new: String(size)),
                FieldChange(field: "services", old: nil, new: String(serviceSize)),
                FieldChange(field: "strata", old: nil, new: [strata, serviceStrata ?? ""].filter { !$0.isEmpty }.joined(separator: "；")),
            ].filter { $0.field != "services" || serviceSize > 0 })
            try await Self.lockEveryRecord(pg, community: code)
            return id
        }
        return try await read { pg in try await Self.evaluation(pg, id: id) }
    }

    /// Takes a key-share lock on every person and service of the community, so that none stands out: the rows a
    /// draw or a check references keep its transaction's id as their lock marker (`xmax`), which any login that
    /// reads them sees, and a reviewer read the whole concealed sample from it. Key-share locks block no save.
    static func lockEveryRecord(_ pg: PG, community: String) async throws {
        try await pg.execute("SELECT 1 FROM person WHERE community_code = \(community) FOR KEY SHARE")
        try await pg.execute("SELECT 1 FROM service WHERE community_code = \(community) FOR KEY SHARE")
    }

    /// Keeps the sampled services' date and type as they are now (at the draw, or at the check of `position`):
    /// what the sample listed and the supervisor checked, shown beside any later correction.
    private static func noteServicesAsSeen(_ pg: PG, evaluation: Int64, position: Int? = nil) async throws {
        try await pg.execute("""
            UPDATE spot_check s SET service_date_seen = v.service_date, service_type_seen = v.fields->>'service_type'
            FROM service v WHERE v.id = s.service_id AND s.evaluation_id = \(evaluation)
                AND (\(position)::integer IS NULL OR s.position = \(position))
            """)
    }

    public func recordSpotCheck(community code: String, position: Int, result: SpotCheckResult, note: String,
                                stage: EvaluationStage) async throws -> Evaluation {
        let note = try WrittenReason.optional(note, what: "核实说明")
        if result == .untrue && note == nil {
            throw StoreError("核实结果为不属实时必须填写说明：社区将看到这条说明并据此更正")
        }
        let id = try await write { pg in
            let id = try await openStage(pg, community: code, stage: stage, doing: stage == .district ? "记录抽查结果" : "记录市级抽查结果")
            guard let row = try await pg.row("SELECT * FROM spot_check WHERE evaluation_id = \(id) AND position = \(position) FOR UPDATE") else {
                let count = try await pg.integer("SELECT count(*) FROM spot_check WHERE evaluation_id = \(id)")
                throw StoreError(count == 0 ? "本次\(stage.title)还没有抽样，请先抽样（chuangye evaluate draw\(stage == .city ? " --city" : "")）"
                                            : "抽样名单中没有第\(position)号，应为1到\(count)")
            }
            // The audit trail's position now: later changes of the person are the clerk's correction.
            let mark = try await Self.marks(pg).audit
            try await pg.execute("""
                UPDATE spot_check SET result = \(result.rawValue), note = \(note), checked_by = \(operatorName), checked_at = \(now()),
                    check_audit_mark = \(mark)
                WHERE evaluation_id = \(id) AND position = \(position)
                """)
            try await Self.noteServicesAsSeen(pg, evaluation: id, position: position)
            let changes = [
                FieldChange(field: "spot_check.\(position).person", old: nil, new: String(try row.id("person_id"))),
                FieldChange(field: "spot_check.\(position).result", old: try row.optionalText("result"), new: result.rawValue),
                FieldChange(field: "spot_check.\(position).note", old: try row.optionalText("note"), new: note),
            ]
            // The person is always named; the result and note only when they change.
            try await auditEvaluation(pg, community: code, evaluation: id, action: stage.auditAction("check"),
                                      changes: changes.filter { $0.old != $0.new })
            try await Self.lockEveryRecord(pg, community: code)
            return id
        }
        return try await read { pg in try await Self.evaluation(pg, id: id) }
    }

    public func signOff(community code: String, stage: EvaluationStage) async throws -> Evaluation {
        // (A 市级考评 is signed over the district's lock: the figures cannot have moved since.)
        if stage == .district { try await refuseIfFiguresCorrected(community: code, doing: "签署初评") }
        let id = try await write { pg in
            let id = try await openStage(pg, community: code, stage: stage, doing: stage == .district ? "签署初评" : "签署市级考评")
            if let refusal = try await Self.evaluation(pg, id: id, checksumNow: false).signOffRefusal(stage) { throw StoreError(refusal) }
            switch stage {
            case .district:
                try await pg.execute("""
                    INSERT INTO evaluation_lock (community_code, evaluation_id, locked_by, locked_at) VALUES (\(code), \(id), \(operatorName), \(now()))
                    """)
            case .city:
                // The district's lock stays: the city's signature is kept with its review.
                try await pg.execute("UPDATE evaluation SET signed_by = \(operatorName), signed_at = \(now()) WHERE id = \(id)")
            }
            let signed = try await Self.evaluation(pg, id: id, checksumNow: false)
            var reviewed: Evaluation?
            if stage == .city, let districtId = try await pg.ids("SELECT review_of FROM evaluation WHERE id = \(id) AND review_of IS NOT NULL").first {
                reviewed = try await Self.evaluation(pg, id: districtId, checksumNow: false)
            }
            try await auditEvaluation(pg, community: code, evaluation: id, action: stage.auditAction("sign"),
                                      changes: SignOffEntry.changes(signed, stage: stage, reviewing: reviewed))
            return id
        }
        return try await read { pg in try await Self.evaluation(pg, id: id) }
    }

    /// Lifts the lock, with the reason audited. Before the city signs, the district's supervisor unlocks; once the
    /// 市级考评 is signed, only a city supervisor may (audited as a city unlock, which reopens the city's review too).
    public func unlock(community code: String, reason: String) async throws {
        let why = try WrittenReason.required(reason, missing: "解锁必须填写理由", what: "解锁理由")
        try await write { pg in
            guard let id = try await Self.lockedEvaluation(pg, community: code) else {
                try await requireRole(pg, .supervisor, doing: "解锁")
                throw StoreError("社区\(code)没有被锁定，无需解锁")
            }
            if let city = try await pg.row("SELECT id, signed_by, signed_at FROM evaluation WHERE review_of = \(id) AND signed_by IS NOT NULL") {
                let by = try city.text("signed_by"), at = try city.optionalText("signed_at")
                try await requireRole(pg, .city, doing: "解锁市级考评已签署的台账（市级考评由\(by)于\(TimeText.shown(at))签署）")
                // The city's review reopens with the registers: once corrected and signed again by the district,
                // the city checks and signs anew. The entry comes first: the database lifts a lock only after an
                // entry with the reason (v7).
                try await auditEvaluation(pg, community: code, evaluation: try city.id(), action: "city_unlock", changes: [
                    FieldChange(field: "reason", old: nil, new: why),
                    FieldChange(field: "city_signed", old: "\(by) \(TimeText.shown(at))", new: nil),
                ])
                try await pg.execute("DELETE FROM evaluation_lock WHERE community_code = \(code)")
                try await pg.execute("UPDATE evaluation SET signed_by = NULL, signed_at = NULL WHERE id = \(try city.id())")
                return
            }
            try await requireRole(pg, .supervisor, doing: "解锁")
            try await auditEvaluation(pg, community: code, evaluation: id, action: "unlock", changes: [FieldChange(field: "reason", old: nil, new: why)])
            try await pg.execute("DELETE FROM evaluation_lock WHERE community_code = \(code)")
        }
    }

    /// Judges the community's records again and corrects their kept figures (FiguresRecounted); refuses `doing`
    /// when any were corrected.
    func refuseIfFiguresCorrected(community: String, doing: String) async throws {
        let corrected = try await checkAndRecount(community: community).corrected
        if corrected > 0 { throw StoreError(FiguresRecounted.refusal(corrected: corrected, doing: doing)) }
    }
}
