import GRDB
import LedgerCore

/// The 市级考评 (seed 000 §四): the district recommends a signed 初评 to the city (推荐); a city supervisor reviews
/// the candidates as the district reviewed the self-assessments (adjust with reasons, own draw, checks, sign-off).
/// The district's lock stays throughout; once the city has signed, only a city supervisor unlocks (`unlock`).
extension AppDatabase {
    public func recommendToCity(community code: String) throws -> Evaluation {
        let id = try write { db in
            try requireSupervisor(db, doing: "推荐参加市级考评")
            let c = try Self.requireCommunity(db, code: code)
            guard let id = try Self.currentEvaluationId(db, community: c) else {
                throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 尚未提交自评，不能推荐参加市级考评")
            }
            guard try Self.lockedEvaluation(db, community: code) == id else {
                throw StoreError("\(c.name)的初评尚未签署，不能推荐：请先签署初评（评选界面按 S，或 chuangye evaluate sign）")
            }
            if let by = try String.fetchOne(db, sql: "SELECT recommended_by FROM evaluation WHERE id = ?", arguments: [id]) {
                throw StoreError("\(c.name)已由\(by)推荐参加市级考评，无需重复推荐")
            }
            try db.execute(sql: "UPDATE evaluation SET recommended_by = ?, recommended_at = ? WHERE id = ?",
                           arguments: [operatorName, now(), id])
            try audit(db, community: code, evaluation: id, action: "recommend", changes: [])
            return id
        }
        return try read { try Self.evaluation($0, id: id) }
    }

    /// The recommended 初评 of the community's current period with the city's review (nil: not recommended).
    public func cityReview(community code: String) throws -> CityReview? {
        try read { db -> CityReview? in
            let c = try Self.requireCommunity(db, code: code)
            guard let id = try Self.currentEvaluationId(db, community: c),
                  try String.fetchOne(db, sql: "SELECT recommended_by FROM evaluation WHERE id = ?", arguments: [id]) != nil else { return nil }
            let city = try Int64.fetchOne(db, sql: "SELECT id FROM evaluation WHERE review_of = ?", arguments: [id])
            return CityReview(district: try Self.evaluation(db, id: id), city: try city.map { try Self.evaluation(db, id: $0) })
                .disclosed(district: try Self.mayCheck(db, operatorName: operatorName, stage: .district),
                           city: try Self.mayCheck(db, operatorName: operatorName, stage: .city))
        }
    }

    /// Every community whose current 初评 the district recommended, by district and code.
    public func cityCandidates() throws -> [CityCandidate] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.id, e.community_code, c.name, c.district, e.recommended_by, e.recommended_at,
                       (SELECT id FROM evaluation r WHERE r.review_of = e.id) AS city_id
                FROM evaluation e JOIN community c ON c.code = e.community_code
                WHERE e.recommended_by IS NOT NULL AND e.review_of IS NULL
                  AND e.period_start = c.period_start AND e.period_end = c.period_end
                  AND e.id = (SELECT MAX(id) FROM evaluation x WHERE x.community_code = e.community_code AND x.review_of IS NULL
                              AND x.period_start = c.period_start AND x.period_end = c.period_end)
                ORDER BY c.district, e.community_code
                """)
            return try rows.map { row in
                let district = try Self.evaluation(db, id: row["id"], checksumNow: false)
                let city = try (row["city_id"] as Int64?).map { try Self.evaluation(db, id: $0, checksumNow: false) }
                return CityCandidate(communityCode: row["community_code"], communityName: row["name"], district: row["district"],
                                     period: district.period, selfTotal: district.selfTotal, districtTotal: district.evaluatedTotal,
                                     maxTotal: district.maxTotal, recommended: Signature(by: row["recommended_by"], at: row["recommended_at"]),
                                     cityTotal: city?.evaluatedTotal, citySigned: city?.signature)
            }
        }
    }

    /// The city's review a city step works on: of the community's current 初评, recommended and still locked by
    /// its signature, not yet signed by the city. The first step begins it: the items are copied at their 初评
    /// points (the city's differences are kept against those), with the registers' checksum and audit position now.
    func openCityReview(_ db: Database, community code: String, doing: String) throws -> Int64 {
        try requireRole(db, .city, doing: doing)
        let c = try Self.requireCommunity(db, code: code)
        guard let districtId = try Self.currentEvaluationId(db, community: c),
              let recommended = try Row.fetchOne(db, sql: "SELECT recommended_by FROM evaluation WHERE id = ?", arguments: [districtId]),
              (recommended["recommended_by"] as String?) != nil else {
            throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 未经区县推荐，不能\(doing)：区县签署初评后按 R 推荐（chuangye evaluate recommend）")
        }
        guard try Self.lockedEvaluation(db, community: code) == districtId else {
            throw StoreError("\(c.name)的初评已被区县解锁，须重新签署后才能\(doing)")
        }
        if let existing = try Row.fetchOne(db, sql: "SELECT id, signed_by, signed_at FROM evaluation WHERE review_of = ?", arguments: [districtId]) {
            if let by = existing["signed_by"] as String? {
                throw StoreError("\(c.name)的市级考评已由\(by)于\(TimeText.shown(existing["signed_at"] as String?))签署，不能再\(doing)。如需修改，请市级督导先解锁")
            }
            return existing["id"]
        }
        let auditMark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM audit") ?? 0
        let importMark = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM import_batch") ?? 0
        try db.execute(sql: """
            INSERT INTO evaluation (community_code, period_start, period_end, rubric_id, rubric_title, submitted_by, submitted_at,
                                    checksum, audit_mark, import_mark, review_of)
            SELECT community_code, period_start, period_end, rubric_id, rubric_title, ?, ?, ?, ?, ?, id FROM evaluation WHERE id = ?
            """, arguments: [operatorName, now(), try RegisterChecksum.of(db, community: code), auditMark, importMark, districtId])
        let id = db.lastInsertedRowID
        try db.execute(sql: """
            INSERT INTO evaluation_item (evaluation_id, position, item_id, title, group_name, source, max_hundredths, points_hundredths,
                                         measured, threshold, explanation, allowed_points)
            SELECT ?, i.position, i.item_id, i.title, i.group_name, i.source, i.max_hundredths,
                   COALESCE(a.points_hundredths, i.points_hundredths), i.measured, i.threshold, i.explanation, i.allowed_points
            FROM evaluation_item i LEFT JOIN evaluation_adjustment a ON a.evaluation_id = i.evaluation_id AND a.item_id = i.item_id
            WHERE i.evaluation_id = ?
            """, arguments: [id, districtId])
        try audit(db, community: code, evaluation: id, action: "city_open", changes: [
            FieldChange(field: "review_of", old: nil, new: String(districtId)),
        ])
        return id
    }

    /// The submission whose signature locks the community, if any.
    static func lockedEvaluation(_ db: Database, community code: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT evaluation_id FROM evaluation_lock WHERE community_code = ?", arguments: [code])
    }
}
