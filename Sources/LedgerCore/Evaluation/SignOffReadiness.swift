/// When a stage may be signed: the 初评 (and the 市级考评 repeating it) includes random spot checks (seed 000 §四,
/// 随机抽样), so a stage is signed only once its sample was drawn and every sampled record has a result. One
/// definition, asked by both engines' sign-off and by the screen before it asks for the confirmation; the
/// PostgreSQL engine's database check says the same words (`SignOffReadiness`).
extension Evaluation {
    /// Why this stage's evaluation cannot be signed yet (nil: it can), naming what is missing.
    public func signOffRefusal(_ stage: EvaluationStage) -> String? { Self.signOffRefusal(sample, stage) }

    /// The same of a stage's sample (nil: not drawn; a 市级考评 not begun has none).
    public static func signOffRefusal(_ sample: SpotCheckSample?, _ stage: EvaluationStage) -> String? {
        guard let sample, !sample.checks.isEmpty else { return SignOffReadiness.notDrawn(stage) }
        let open = sample.checks.count - sample.checkedCount
        guard open > 0 else { return nil }
        return SignOffReadiness.unchecked(String(open), stage)
    }
}

/// The refusals' words, for the app and for a database that states them itself.
public enum SignOffReadiness {
    public static func notDrawn(_ stage: EvaluationStage) -> String {
        "还没有随机抽样，不能签署\(stage.title)：请先抽样（按 d，或 evaluate draw\(stage == .city ? " --city" : "")）"
    }

    /// `open`: how many sampled records have no result yet, as text (a database passes its own expression's place).
    public static func unchecked(_ open: String, _ stage: EvaluationStage) -> String {
        "还有\(open)条抽样未核实，不能签署\(stage.title)：请先记录每条的核实结果"
    }
}
