@testable import LedgerCore

/// Made-up people with valid-format numbers (check digits computed independently, see IdentityTests).
enum Fixture {
    static let today = Day(year: 2024, month: 12, day: 31)!
    static let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!)
    static let maleId = "630102199003070116"      // born 1990-03-07, 17th digit 1 → 男
    static let womanId = "630102197506150047"     // born 1975-06-15, 17th digit 4 → 女
    static let xId = "63010219880412022X"         // check character X
    static let leapId = "630102200002290139"      // born 2000-02-29

    static func context(existing: [ValidationContext.ExistingPerson] = [], editingId: Int64? = nil) -> ValidationContext {
        ValidationContext(today: today, communityCode: "630102001", period: period, editingId: editingId,
                          personsWithIdNumber: { id in existing.filter { _ in id == maleId } })
    }

    /// A complete, valid 有创业意愿 row.
    static func intending(_ overrides: [String: String] = [:]) -> [String: String] {
        var raw = ["name": "张三", "id_number": maleId, "education": "大专", "hukou": "城镇", "phone": "13912345678",
                   "categories": "登记失业人员", "status": "有创业意愿", "survey_date": "2024-03-15"]
        for (k, v) in overrides { raw[k] = v }
        return raw
    }

    /// A complete, valid 已创业 row.
    static func started(_ overrides: [String: String] = [:]) -> [String: String] {
        var raw = intending(["status": "已创业", "entity_name": "张三小吃店", "entity_type": "个体工商户",
                             "license_date": "2023-06-01", "jobs_created": "3"])
        for (k, v) in overrides { raw[k] = v }
        return raw
    }

    static func person(_ raw: [String: String]) -> Person? {
        PersonValidator.validate(raw, context: context()).saveable
    }
}
