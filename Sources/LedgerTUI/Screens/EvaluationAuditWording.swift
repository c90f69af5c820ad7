import LedgerCore

/// How the evaluation procedure's audit entries (table `evaluation`) read in Chinese.
enum EvaluationAuditWording {
    static let actions = ["submit": "提交自评", "adjust": "初评改分", "draw": "随机抽样", "check": "抽查核实", "sign": "签署初评",
                          "unlock": "解锁", "recommend": "推荐市级考评", "city_open": "开始市级考评", "city_adjust": "市级考评改分",
                          "city_draw": "市级随机抽样", "city_check": "市级抽查核实", "city_sign": "签署市级考评", "city_unlock": "市级解锁", "sql": "直接改库"]
    static let fields = ["reason": "理由", "resubmit_reason": "重新提交的理由", "rubric": "评分表", "self_total": "自评总分", "evaluated_total": "初评总分",
                         "city_total": "市级总分", "checksum": "台账校验码", "seed": "随机种子", "size": "抽样人数",
                         "services": "单独抽查服务数", "strata": "分层", "review_of": "复核的初评", "city_signed": "市级考评签署"]

    /// `item.survey_register` → `初评 建立摸底台账`; `spot_check.3.result` → `抽样第3号 核实结果`; nil for other keys.
    static func field(_ key: String, rubrics: [Rubric]) -> String? {
        if let known = fields[key] { return known }
        if key.hasPrefix("item.") {
            let id = String(key.dropFirst("item.".count))
            return "评分项 " + (rubrics.lazy.compactMap { $0.item(id)?.title }.first ?? id)
        }
        let parts = key.split(separator: ".")
        if parts.count == 3, parts[0] == "spot_check" {
            let what = ["person": "人员", "result": "核实结果", "note": "说明"][String(parts[2])] ?? String(parts[2])
            return "抽样第\(parts[1])号 \(what)"
        }
        return nil
    }
}
