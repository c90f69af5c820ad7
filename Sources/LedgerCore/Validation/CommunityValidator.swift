/// Checks a community profile (from the profile form or a profile file): every field present and valid.
/// Keys: code, name, street, district, level, labour_force, and either period (`2024-01-01..2024-12-31`) or
/// period_start and period_end; optionally leader (负责人) and phone (联系电话).
public enum CommunityValidator {
    public static let labels = ["code": "社区代码", "name": "社区名称", "street": "所属街道", "district": "区县",
                         "level": "级别", "labour_force": "城镇劳动者总数", "period": "考核期",
                         "period_start": "考核期开始", "period_end": "考核期结束",
                         "leader": "负责人", "phone": "联系电话"]

    /// SPEC §2.4: the participation-rate denominator of one community or street. Far above any real figure,
    /// far below where a rate's cross-multiplication or a district's sum could overflow.
    public static let labourForceRange = 1...10_000_000

    /// `figures`: the community's registered persons and saved labour force, when known (the profile form), for
    /// `LabourForceCheck`'s warnings.
    public static func validate(_ raw: [String: String], today: Day, checklist: [String: Points] = [:],
                                figures: LabourForceCheck.Figures? = nil) -> Validated<Community> {
        var findings: [Finding] = []
        func text(_ key: String, max: Int) -> String? {
            guard let v = Normalize.optional(raw[key]) else {
                findings.append(.error(key, "required", "请填写\(labels[key] ?? key)"))
                return nil
            }
            guard v.count <= max else {
                findings.append(.error(key, "too_long", "\(labels[key] ?? key)最多\(max)个字"))
                return nil
            }
            return v
        }
        let code = text("code", max: 30)
        if let code, let problem = communityCodeProblem(code) { findings.append(.error("code", "code.format", problem)) }
        let name = text("name", max: 50)
        let street = text("street", max: 50)
        let district = text("district", max: 50)
        var level = Community.Level.community
        if let v = Normalize.optional(raw["level"]) {
            if let l = Community.Level(rawValue: v) { level = l } else {
                findings.append(.error("level", "enum", "级别应为“社区”或“街道”，现为“\(v)”"))
            }
        }
        var labour = 0
        if let v = Normalize.optional(raw["labour_force"]).map(Normalize.halfWidth) {
            if let n = Int(v), labourForceRange.contains(n) {
                labour = n
                if let figures { findings += LabourForceCheck.warnings(n, figures) }
            } else if Int(v) != nil || v.allSatisfy(\.isNumber) {
                findings.append(.error("labour_force", "range",
                                       "城镇劳动者总数应在\(labourForceRange.lowerBound)到\(labourForceRange.upperBound)之间，现为“\(v)”"))
            } else {
                findings.append(.error("labour_force", "integer", "城镇劳动者总数应为正整数，现为“\(v)”"))
            }
        } else {
            findings.append(.error("labour_force", "required", "请填写城镇劳动者总数（参与率的分母）"))
        }
        var period = Period.year(of: today)
        if let v = Normalize.optional(raw["period"]) {
            if let p = Period.parse(v) { period = p } else {
                findings.append(.error("period", "period.format", "考核期应为“2024-01-01..2024-12-31”的形式，现为“\(v)”"))
            }
        } else if raw["period_start"] != nil || raw["period_end"] != nil {
            let start = Normalize.optional(raw["period_start"]).flatMap(Day.parse)
            let end = Normalize.optional(raw["period_end"]).flatMap(Day.parse)
            if start == nil { findings.append(.error("period_start", "date.format", "考核期开始应为有效日期")) }
            if end == nil { findings.append(.error("period_end", "date.format", "考核期结束应为有效日期")) }
            if let start, let end {
                if end < start { findings.append(.error("period_end", "period.order", "考核期结束不能早于开始")) } else {
                    period = Period(start: start, end: end)
                }
            }
        }
        let leader = Normalize.optional(raw["leader"])
        if let leader, leader.count > 30 { findings.append(.error("leader", "too_long", "负责人最多30个字")) }
        var phone: String?
        if let v = Normalize.optional(raw["phone"]) {
            phone = Phone.normalise(v)
            if phone == nil { findings.append(.error("phone", "phone.format", "联系电话应为手机号或固定电话（如0971-1234567），现为“\(v)”")) }
            if let phone, let notice = Phone.storedNotice(typed: v, stored: phone) { findings.append(notice) }
        }
        guard !findings.hasErrors, let code, let name, let street, let district else {
            return Validated(value: nil, findings: findings)
        }
        return Validated(value: Community(code: code, name: name, street: street, district: district, level: level,
                                          labourForce: labour, period: period, checklist: checklist,
                                          leader: leader, phone: phone), findings: findings)
    }

    /// What is wrong with a community code, or nil: it is the 12-digit statistical division code (统计用区划代码:
    /// county 6, street 3, community 3) or a 9-digit short code (county 6, community 3: what profiles and the demo
    /// use), digits only.
    public static func communityCodeProblem(_ code: String) -> String? {
        if let bad = code.first(where: { !("0"..."9").contains($0) }) {
            return "社区代码只能由数字组成，“\(code)”中含有“\(bad)”"
        }
        switch code.count {
        case 12:
            let county = Int(code.prefix(6)) ?? 0
            guard CountyCodes.isProvince(county / 10_000) else {
                return "社区代码前两位“\(code.prefix(2))”不是省级行政区划代码（12位代码的前6位应为区县代码）"
            }
            return nil
        case 9: return nil
        default:
            return "社区代码应为12位统计用区划代码（区县6位+街道3位+社区3位）或9位简码（区县6位+社区3位），现为\(code.count)位"
        }
    }
}

extension Rubric {
    /// Problems with hand-awarded checklist answers: unknown item, computed item, or points not among the
    /// item's allowed levels in every rubric that has it.
    /// `scope`: the tables `rubrics` are, as the message names them (`社区评分表`).
    public static func checklistProblems(_ answers: [String: Points], rubrics: [Rubric], scope: String = "任何评分表") -> [String] {
        var problems: [String] = []
        for (item, points) in answers.sorted(by: { $0.key < $1.key }) {
            let all = rubrics.compactMap { $0.item(item) }
            let owners = all.filter { !$0.allowedLevels.isEmpty }
            guard !owners.isEmpty else {
                let known = Set(rubrics.flatMap(\.items).filter { !$0.allowedLevels.isEmpty }.map(\.title)).sorted()
                problems.append(all.isEmpty ? "[checklist] \(item) 不是\(scope)的自评项，自评项有：\(known.joined(separator: "、"))"
                                            : "[checklist] \(all[0].title) 由台账数据计算，不能自评")
                continue
            }
            for owner in owners where !owner.allowedLevels.contains(where: { $0.points == points }) {
                let allowed = owner.allowedLevels.map { "\($0.points)（\($0.label)）" }.joined(separator: "、")
                let problem = "[checklist] \(owner.title) = \(points) 不是允许的分值，应为：\(allowed)"
                // Rubrics share items (the community and street tables both have leading_group): say it once.
                if !problems.contains(problem) { problems.append(problem) }
            }
        }
        return problems
    }
}
