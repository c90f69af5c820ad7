/// Which operators and days `chuangye stats` covers; nil means no limit.
public struct StatisticsFilter: Sendable, Hashable {
    public let operatorName: String?
    public let from: Day?
    public let to: Day?

    public init(operatorName: String? = nil, from: Day? = nil, to: Day? = nil) {
        self.operatorName = operatorName
        self.from = from
        self.to = to
    }
}

/// One operator's work on one day (the day of the audit entry, import or closed form).
public struct OperatorDay: Sendable, Hashable {
    public let operatorName: String
    /// `2024-03-15`.
    public let day: String
    /// Records created at a form (imports are counted apart).
    public var entered = 0
    /// Corrections and undos of saved records.
    public var corrected = 0
    /// Fields changed by those corrections.
    public var fieldsChanged = 0
    /// Warnings accepted with a reason (at a form, in groups, or again with a new reason).
    public var warningsAccepted = 0
    /// Rows brought in by imports.
    public var imported = 0
    /// Error findings validation showed at forms before saving.
    public var errorsCaught = 0
    public var formsSaved = 0
    public var formsAbandoned = 0
    /// Seconds the saved forms were open, together.
    public var secondsOnSavedForms = 0

    public init(operatorName: String, day: String) {
        self.operatorName = operatorName
        self.day = day
    }

    /// Mean seconds a saved form was open (nil when no form was saved).
    public var secondsPerRecord: Int? {
        formsSaved == 0 ? nil : (secondsOnSavedForms + formsSaved / 2) / formsSaved
    }
}

/// What the supervisors' spot checks found among the persons one clerk entered or imported.
public struct SpotCheckTally: Sendable, Hashable {
    public let clerk: String
    public let checked: Int
    public let confirmed: Int
    public let untrue: Int
    public let unreachable: Int

    public init(clerk: String, checked: Int, confirmed: Int, untrue: Int, unreachable: Int) {
        self.clerk = clerk
        self.checked = checked
        self.confirmed = confirmed
        self.untrue = untrue
        self.unreachable = unreachable
    }

    /// 不属实 among the checked persons whose truth was established (`SpotCheckResult.discrepancyRate`).
    public var discrepancyRate: Rational? { SpotCheckResult.discrepancyRate(confirmed: confirmed, untrue: untrue) }
}

/// Operator statistics: the work of each operator and day, and the spot-check findings per clerk.
public struct OperatorStatistics: Sendable, Hashable {
    /// By day, then operator.
    public let days: [OperatorDay]
    /// By clerk.
    public let spotChecks: [SpotCheckTally]

    /// Only the reader's own work is counted: its role may not read the other operators' (a clerk, a street
    /// supervisor, an inspector, a city supervisor), and it did not ask for one operator.
    public let ownWorkOnly: Bool

    public init(days: [OperatorDay], spotChecks: [SpotCheckTally], ownWorkOnly: Bool = false) {
        self.days = days
        self.spotChecks = spotChecks
        self.ownWorkOnly = ownWorkOnly
    }

    /// What the reader is told when only its own work is counted (nil otherwise).
    public var scopeNotice: String? {
        ownWorkOnly ? "（只统计您本人的工作；全部操作员的统计由区县督导查看）" : nil
    }
}
