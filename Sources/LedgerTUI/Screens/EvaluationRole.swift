import LedgerCore

/// What the operator may do in the evaluation procedure, so that the evaluation screen offers only those keys (the
/// store still decides: this only keeps a clerk from being shown `S签署` it would be refused).
public enum EvaluationRole: Sendable, Hashable {
    /// No operator registered yet: everyone has every right (SQLite's trust model).
    case everyone
    /// A district supervisor: the 初评's steps, recommending, unlocking, and submitting again.
    case districtSupervisor
    /// A city supervisor: the 市级考评's steps.
    case city
    /// A community's clerk: submits its 自评.
    case clerk
    /// A street supervisor, an inspector, or a name not registered: reads.
    case reader

    /// Whether the 初评's keys (a d 1 2 3 S R U) are this operator's.
    public var takesDistrictSteps: Bool { self == .everyone || self == .districtSupervisor }
    /// Whether the 市级考评's keys are.
    public var takesCitySteps: Bool { self == .everyone || self == .city }
    /// Whether `t` (submit the 自评) is: the community's clerk, or a district supervisor.
    public var submits: Bool { self == .everyone || self == .districtSupervisor || self == .clerk }
}
