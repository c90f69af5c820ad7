import GRDB
import LedgerCore

extension AppDatabase {
    public func periodLock(community: String) throws -> Signature? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT locked_by, locked_at FROM evaluation_lock WHERE community_code = ?", arguments: [community])
                .map { Signature(by: $0["locked_by"], at: $0["locked_at"]) }
        }
    }

    /// Refuses a change to a community whose period a supervisor has signed off (初评签署后锁定). Called by
    /// `requireWritable`, which every write path of the registers and the profile passes through (saves,
    /// corrections, undo, delete, restore, imports, accepted warnings), so the lock is checked in this one place.
    static func requireUnlocked(_ db: Database, community: String) throws {
        guard let lock = try Row.fetchOne(db, sql: """
            SELECT l.locked_by, l.locked_at, e.period_start, e.period_end, c.name, r.signed_by AS city_by, r.signed_at AS city_at
            FROM evaluation_lock l JOIN evaluation e ON e.id = l.evaluation_id JOIN community c ON c.code = l.community_code
                 LEFT JOIN evaluation r ON r.review_of = e.id AND r.signed_by IS NOT NULL
            WHERE l.community_code = ?
            """, arguments: [community]) else { return }
        let name: String = lock["name"], start: String = lock["period_start"], end: String = lock["period_end"]
        let by: String = lock["locked_by"], at: String = lock["locked_at"]
        let cityBy: String? = lock["city_by"], cityAt: String? = lock["city_at"]
        throw PeriodLockRefusal(communityName: name, communityCode: community, periodStart: start, periodEnd: end, lockedBy: by,
                                lockedAt: at, cityBy: cityBy, cityAt: cityAt).error
    }
}
