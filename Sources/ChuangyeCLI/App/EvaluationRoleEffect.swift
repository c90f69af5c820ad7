import LedgerStore
import LedgerTUI

extension EvaluationEffects {
    /// The operator's part in the evaluation procedure, from the registered operators (none: everyone's).
    static func role(_ database: any LedgerStorage) async throws -> EvaluationRole {
        let operators = try await database.operators()
        if operators.isEmpty { return .everyone }
        switch operators.first(where: { $0.name == database.operatorName })?.role {
        case .supervisor?: return .districtSupervisor
        case .city?: return .city
        case .clerk?: return .clerk
        case .streetSupervisor?, .inspector?, nil: return .reader
        }
    }
}
