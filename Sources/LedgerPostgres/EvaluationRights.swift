import LedgerCore
import LedgerStore
import PostgresNIO

/// Who may take a step of the evaluation procedure, and the lock a signed 初评 puts on its community: the SQLite
/// engine's rules (`AppDatabase.requireRole`, `requireUnlocked`) and messages, asked of the same tables. The
/// database holds the same rules for logins that bypass the app (PostgresEvaluationSecurity.swift, the lock
/// triggers of v6); these checks come first so that the app names what is wrong before anything is written.
extension PostgresLedger {
    /// A step of one role: the district's supervisor (区县督导) or the city's (市级督导). While no operator is
    /// registered everyone has every right, as for the registers.
    func requireRole(_ pg: PG, _ wanted: OperatorAccount.Role, doing: String) async throws {
        guard try await pg.integer("SELECT count(*) FROM operator_account") > 0 else { return }
        let role = try await pg.texts("SELECT role FROM operator_account WHERE name = \(operatorName)").first
        guard role == wanted.rawValue else {
            throw StoreError("只有\(wanted.stepTitle)可以\(doing)，\(operatorName)不是\(wanted.stepTitle)")
        }
    }

    /// Refuses a change to a community whose period a supervisor has signed off, naming the lock. Called by
    /// `requireWritable`, which every write of the registers and the profile passes.
    static func requireUnlocked(_ pg: PG, community: String) async throws {
        guard let lock = try await pg.row("""
            SELECT l.locked_by, l.locked_at, e.period_start, e.period_end, c.name, r.signed_by AS city_by, r.signed_at AS city_at
            FROM evaluation_lock l JOIN evaluation e ON e.id = l.evaluation_id JOIN community c ON c.code = l.community_code
                 LEFT JOIN evaluation r ON r.review_of = e.id AND r.signed_by IS NOT NULL
            WHERE l.community_code = \(community)
            """) else { return }
        throw PeriodLockRefusal(communityName: try lock.text("name"), communityCode: community, periodStart: try lock.text("period_start"),
                                periodEnd: try lock.text("period_end"), lockedBy: try lock.text("locked_by"), lockedAt: try lock.text("locked_at"),
                                cityBy: try lock.optionalText("city_by"), cityAt: try lock.optionalText("city_at")).error
    }

    /// The evaluation a stage's step works on: the district's open 初评, or the city's review of a recommended,
    /// signed one (begun by the city supervisor's first step).
    func openStage(_ pg: PG, community code: String, stage: EvaluationStage, doing: String) async throws -> Int64 {
        switch stage {
        case .district: try await openEvaluation(pg, community: code, doing: doing)
        case .city: try await openCityReview(pg, community: code, doing: doing)
        }
    }

    /// The latest submission of the community's period, while it is not signed: what the 初评's steps change.
    private func openEvaluation(_ pg: PG, community code: String, doing: String) async throws -> Int64 {
        try await requireRole(pg, .supervisor, doing: doing)
        let c = try await Self.requireCommunity(pg, code: code)
        guard let id = try await Self.currentEvaluationId(pg, community: c) else {
            throw StoreError("\(c.name)（\(code)）考核期 \(c.period) 尚未提交自评，不能\(doing)")
        }
        if let lock = try await pg.row("SELECT locked_by, locked_at FROM evaluation_lock WHERE community_code = \(code)") {
            throw StoreError("\(c.name)的初评已由\(try lock.text("locked_by"))于\(TimeText.shown(try lock.text("locked_at")))签署锁定，不能再\(doing)。如需修改，请先解锁")
        }
        return id
    }

    /// Whether a supervisor has drawn a sample or changed a score for this submission.
    static func initialEvaluationBegun(_ pg: PG, evaluation id: Int64) async throws -> Bool {
        try await pg.integer("""
            SELECT ((SELECT drawn_at IS NOT NULL FROM evaluation WHERE id = \(id))
                    OR EXISTS (SELECT 1 FROM evaluation_adjustment WHERE evaluation_id = \(id)))::integer
            """) == 1
    }

    /// The submission whose signature locks the community, if any.
    static func lockedEvaluation(_ pg: PG, community code: String) async throws -> Int64? {
        try await pg.ids("SELECT evaluation_id FROM evaluation_lock WHERE community_code = \(code)").first
    }

    /// An audit entry of a step (table `evaluation`, the submission's id).
    func auditEvaluation(_ pg: PG, community: String, evaluation id: Int64, action: String, changes: [FieldChange]) async throws {
        try await audit(pg, community: community, table: "evaluation", id: String(id), action: action, changes: changes)
    }
}
