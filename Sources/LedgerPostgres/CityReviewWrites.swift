import LedgerCore
import LedgerStore
import PostgresNIO

/// The 市级考评 on a district's server, as the SQLite engine's CityReview.swift: the district recommends a signed
/// 初评 (推荐); a city supervisor reviews it as the district reviewed the self-assessment, in an evaluation row of
/// its own (`review_of`). The district's lock stays throughout.
extension PostgresLedger {
    public func recommendToCity(community code: String) async throws -> Evaluation {
        let id = try await write { pg in
            try await requireRole(pg, .supervisor, doing: "推荐参加市级考评")
            let c = try await Self.requireCommunity(pg, code: code)
            guard let id = try await Self.currentEvaluationId(pg, community: c) else {
                throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 尚未提交自评，不能推荐参加市级考评")
            }
            guard try await Self.lockedEvaluation(pg, community: code) == id else {
                throw StoreError("\(c.name)的初评尚未签署，不能推荐：请先签署初评（评选界面按 S，或 chuangye evaluate sign）")
            }
            if let by = try await pg.row("SELECT recommended_by FROM evaluation WHERE id = \(id) FOR UPDATE")?.optionalText("recommended_by") {
                throw StoreError("\(c.name)已由\(by)推荐参加市级考评，无需重复推荐")
            }
            try await pg.execute("UPDATE evaluation SET recommended_by = \(operatorName), recommended_at = \(now()) WHERE id = \(id)")
            try await auditEvaluation(pg, community: code, evaluation: id, action: "recommend", changes: [])
            return id
        }
        return try await read { pg in try await Self.evaluation(pg, id: id) }
    }

    public func cityReview(community code: String) async throws -> CityReview? {
        try await read { pg in
            let c = try await Self.requireCommunity(pg, code: code)
            guard let id = try await Self.currentEvaluationId(pg, community: c),
                  try await pg.row("SELECT recommended_by FROM evaluation WHERE id = \(id)")?.optionalText("recommended_by") != nil else { return nil }
            let district = try await Self.evaluation(pg, id: id)
            var city: Evaluation?
            if let cityId = try await pg.ids("SELECT id FROM evaluation WHERE review_of = \(id)").first {
                city = try await Self.evaluation(pg, id: cityId)
            }
            return CityReview(district: district, city: city)
                .disclosed(district: try await mayCheck(pg, stage: .district), city: try await mayCheck(pg, stage: .city))
        }
    }

    public func cityCandidates() async throws -> [CityCandidate] {
        try await read { pg in
            let rows = try await pg.rows("""
                SELECT e.id, e.community_code, c.name, c.district, e.recommended_by, e.recommended_at,
                       (SELECT r.id FROM evaluation r WHERE r.review_of = e.id) AS city_id
                FROM evaluation e JOIN community c ON c.code = e.community_code
                WHERE e.recommended_by IS NOT NULL AND e.review_of IS NULL
                  AND e.period_start = c.period_start AND e.period_end = c.period_end
                  AND e.id = (SELECT max(x.id) FROM evaluation x WHERE x.community_code = e.community_code AND x.review_of IS NULL
                              AND x.period_start = c.period_start AND x.period_end = c.period_end)
                ORDER BY c.district, e.community_code
                """)
            var candidates: [CityCandidate] = []
            for row in rows {
                let district = try await Self.evaluation(pg, id: try row.id(), checksumNow: false)
                var city: Evaluation?
                if let cityId = try row["city_id"].decode(Int64?.self) { city = try await Self.evaluation(pg, id: cityId, checksumNow: false) }
                candidates.append(CityCandidate(
                    communityCode: try row.text("community_code"), communityName: try row.text("name"), district: try row.text("district"),
                    period: district.period, selfTotal: district.selfTotal, districtTotal: district.evaluatedTotal, maxTotal: district.maxTotal,
                    recommended: Signature(by: try row.text("recommended_by"), at: try row.optionalText("recommended_at") ?? ""),
                    cityTotal: city?.evaluatedTotal, citySigned: city?.signature))
            }
            return candidates
        }
    }

    /// The city's review a city step works on: of the community's current 初评, recommended and still locked by
    /// its signature, not yet signed by the city. The first step begins it: the items are copied at their 初评
    /// points, with the registers' checksum and audit position now.
    func openCityReview(_ pg: PG, community code: String, doing: String) async throws -> Int64 {
        try await requireRole(pg, .city, doing: doing)
        let c = try await Self.requireCommunity(pg, code: code)
        guard let districtId = try await Self.currentEvaluationId(pg, community: c),
              try await pg.row("SELECT recommended_by FROM evaluation WHERE id = \(districtId)")?.optionalText("recommended_by") != nil else {
            throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 未经区县推荐，不能\(doing)：区县签署初评后按 R 推荐（chuangye evaluate recommend）")
        }
        guard try await Self.lockedEvaluation(pg, community: code) == districtId else {
            throw StoreError("\(c.name)的初评已被区县解锁，须重新签署后才能\(doing)")
        }
        if let existing = try await pg.row("SELECT id, signed_by, signed_at FROM evaluation WHERE review_of = \(districtId) FOR UPDATE") {
            if let by = try existing.optionalText("signed_by") {
                throw StoreError("\(c.name)的市级考评已由\(by)于\(TimeText.shown(try existing.optionalText("signed_at")))签署，不能再\(doing)。如需修改，请市级督导先解锁")
            }
            return try existing.id()
        }
        let marks = try await Self.marks(pg)
        let checksum = try await ContentChecksumQuery.of(pg, community: code)
        guard let id = try await pg.ids("""
            INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                    checksum, audit_mark, import_mark, review_of)
            SELECT community_code, period_start, period_end, rubric_id, rubric_title, \(operatorName), \(now()), \(checksum),
                   \(marks.audit), \(marks.imports), id
            FROM evaluation WHERE id = \(districtId)
            RETURNING id
            """).first else { throw StoreError("市级考评未能开始", detail: "no id returned") }
        try await pg.execute("""
            INSERT INTO evaluation_item (evaluation_id, position, item_id, title, group_name, source, max_hundredths, points_hundredths,
                                         measured, threshold, explanation, allowed_points)
            SELECT \(id), i.position, i.item_id, i.title, i.group_name, i.source, i.max_hundredths,
                   COALESCE(a.points_hundredths, i.points_hundredths), i.measured, i.threshold, i.explanation, i.allowed_points
            FROM evaluation_item i LEFT JOIN evaluation_adjustment a ON a.evaluation_id = i.evaluation_id AND a.item_id = i.item_id
            WHERE i.evaluation_id = \(districtId)
            """)
        try await auditEvaluation(pg, community: code, evaluation: id, action: "city_open", changes: [
            FieldChange(field: "review_of", old: nil, new: String(districtId)),
        ])
        return id
    }
}
