import LedgerCore

/// A supervisor starting a begun 初评 over says why: the draw and the findings it sets aside could otherwise be
/// replaced until a sample suits, with nothing in the history but the new submission. One wording for both engines.
public enum EvaluationResubmission {
    public static let reasonMissing = "初评已经开始（已抽样或已改分），重新提交自评须写理由：原初评、抽样和核实结果将被替代"

    /// The audit entry's line for the reason (none when nothing was set aside).
    public static func changes(_ reason: String?) -> [FieldChange] {
        reason.map { [FieldChange(field: "resubmit_reason", old: nil, new: $0)] } ?? []
    }
}
