import LedgerCore

/// Scores, plans and checks: what supervisors compare and what the score screens show (from kept totals,
/// constant work per community).
public protocol SuperviseStore: LedgerSession {
    func scoreFacts(community code: String) async throws -> ScoreFacts
    func scoreFacts(street: String) async throws -> ScoreFacts
    func scoreFactsByCommunity() async throws -> [String: ScoreFacts]
    func planDetails(community code: String, period: Period) async throws -> PlanDetails
    func countsByCommunity() async throws -> [String: RecordCounts]
    /// Every active record of a community with findings (the checks screen).
    func checkAll(community: String) async throws -> [CheckedRecord]
    /// `checkAll`, with kept problem counts brought up to date; returns how many were corrected.
    func checkAndRecount(community: String) async throws -> (results: [CheckedRecord], corrected: Int)
}
