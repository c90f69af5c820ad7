/// Which entry conditions of 评选 a community does not meet when a supervisor recommends it to the city: the
/// candidates' own rule (`Candidates.rank`, what `plan --candidates` lists), asked for one community.
extension Candidates {
    /// The conditions not met (empty: all are).
    public static func unmet(_ community: Community, facts: ScoreFacts, rubric: Rubric, today: Day) -> [Condition] {
        rank([(community, facts)], rubric: rubric, today: today).first?.conditions.filter { !$0.met } ?? []
    }
}

extension Candidates.Condition {
    /// `劳动者创业参与率达到7%：1.50%` (what the dialog has room for).
    public var shortText: String { "\(title)：\(measured)" }
    /// With what reaching it takes, as `plan --candidates` says it.
    public var longText: String { shortText + (lacking.map { $0.isEmpty ? "" : "；\($0)" } ?? "") }
}
