import LedgerCore

/// The audit entry of a sign-off: the totals the signature covers, the same on both engines. A 市级考评's items
/// start at the 初评's points, so its own `selfTotal` is the 初评 total; the 自评 total is the reviewed 初评's.
public enum SignOffEntry {
    public static func changes(_ signed: Evaluation, stage: EvaluationStage, reviewing district: Evaluation?) -> [FieldChange] {
        switch stage {
        case .district:
            return [FieldChange(field: "self_total", old: nil, new: signed.selfTotal.description),
                    FieldChange(field: "evaluated_total", old: nil, new: signed.evaluatedTotal.description)]
        case .city:
            return (district.map { [FieldChange(field: "self_total", old: nil, new: $0.selfTotal.description)] } ?? [])
                + [FieldChange(field: "evaluated_total", old: nil, new: signed.selfTotal.description),
                   FieldChange(field: "city_total", old: nil, new: signed.evaluatedTotal.description)]
        }
    }
}
