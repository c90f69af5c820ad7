import GRDB
import LedgerCore

extension AppDatabase {
    /// Every community, ordered by code.
    public func communities() throws -> [Community] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code FROM community ORDER BY code").compactMap {
                try Self.community(db, code: $0["code"])
            }
        }
    }

    public func community(code: String) throws -> Community? {
        try read { db in try Self.community(db, code: code) }
    }

    static func community(_ db: Database, code: String) throws -> Community? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM community WHERE code = ?", arguments: [code]) else { return nil }
        guard let level = Community.Level(rawValue: row["level"]),
              let start = Day.parse(row["period_start"]), let end = Day.parse(row["period_end"]) else {
            throw StoreError.corrupt("community \(code)")
        }
        let answers = try Row.fetchAll(db, sql: "SELECT item_id, points_hundredths FROM checklist_answer WHERE community_code = ?",
                                       arguments: [code])
        let checklist = Dictionary(answers.map { ($0["item_id"] as String, Points(hundredths: $0["points_hundredths"])) },
                                   uniquingKeysWith: { a, _ in a })
        return Community(code: code, name: row["name"], street: row["street"], district: row["district"], level: level,
                         labourForce: row["labour_force"], period: Period(start: start, end: end), checklist: checklist,
                         leader: row["leader"], phone: row["phone"])
    }

    static func requireCommunity(_ db: Database, code: String) throws -> Community {
        guard let c = try community(db, code: code) else {
            throw StoreError("找不到社区代码为\(code)的社区，请先用 chuangye init 建立社区档案")
        }
        return c
    }
}
