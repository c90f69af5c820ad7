/// What one record adds to the score figures. The definitions of SPEC §3 ("shared definitions") live here only.
public enum Contribution {
    /// 领取营业执照3个月以上: how long a business started after training must have run by the period's end to
    /// count (the plan says when that can no longer happen this period).
    public static let postTrainingBusinessMonths = 3

    /// A person's contribution, given how many of their services fall inside the period.
    public static func of(_ p: Person, servicesInPeriod: Int, period: Period) -> ScoreFacts {
        var f = ScoreFacts()
        // Persons surveyed after the period are not in this period's register.
        guard p.surveyDate <= period.end else { return f }
        let end = period.end
        let trainedByEnd = p.trained && (p.trainingEnd.map { $0 <= end } ?? false)
        let passedByEnd = trainedByEnd && p.trainingPassed
        let trainedInPeriod = trainedByEnd && (p.trainingEnd.map(period.contains) ?? false)
        let startedInPeriod = p.status == .started && (p.licenseDate.map(period.contains) ?? false)
        let earlyStage = p.isEarlyStage(periodEnd: end)
        let target = p.status == .intending || earlyStage

        f[.registered] = 1
        f[.participants] = servicesInPeriod >= 1 || trainedInPeriod || startedInPeriod ? 1 : 0
        f[.entrepreneurs] = earlyStage ? 1 : 0
        f[.entrepreneurJobs] = earlyStage ? p.jobsCreated : 0
        let inScope = target && p.inTrainingScope
        f[.inScope] = inScope ? 1 : 0
        f[.inScopeTrained] = inScope && trainedByEnd ? 1 : 0
        f[.trained] = trainedByEnd ? 1 : 0
        f[.passed] = passedByEnd ? 1 : 0
        if passedByEnd, let trainingEnd = p.trainingEnd {
            let hadBusiness = p.status == .started && (p.licenseDate.map { $0 <= trainingEnd } ?? true)
            if !hadBusiness {
                f[.postTrainingBase] = 1
                // 领取营业执照3个月以上: the licence must be at least three months old at the period end.
                if let license = p.licenseDate, license > trainingEnd, license.adding(months: postTrainingBusinessMonths) <= end {
                    f[.postTrainingStarted] = 1
                }
            }
        }
        f[.serviceTargets] = target ? 1 : 0
        f[.servedTwice] = target && servicesInPeriod >= 2 ? 1 : 0
        f[.served] = servicesInPeriod >= 1 ? 1 : 0
        let s = p.subsidies
        f[.subsidyFirstEligible] = s.firstEligible ? 1 : 0
        f[.subsidyFirstReceived] = s.firstReceived ? 1 : 0
        f[.subsidyRewardEligible] = s.rewardEligible ? 1 : 0
        f[.subsidyRewardReceived] = s.rewardReceived ? 1 : 0
        f[.subsidyJobsEligible] = s.jobsEligible ? 1 : 0
        f[.subsidyJobsReceived] = s.jobsReceived ? 1 : 0
        return f
    }

    /// The activity kind a count of the activity register counts (nil: not an activity figure).
    public static func activityKind(counting measure: Measure) -> ActivityKind? {
        switch measure {
        case .publicity: .publicity
        case .roleModels: .roleModel
        case .incubation: .incubationReferral
        default: nil
        }
    }

    /// An activity's contribution: counted only when dated inside the period.
    public static func of(_ a: Activity, period: Period) -> ScoreFacts {
        var f = ScoreFacts()
        guard period.contains(a.date) else { return f }
        switch a.kind {
        case .publicity: f[.publicity] = 1
        case .roleModel: f[.roleModels] = a.isQualifyingRoleModel ? 1 : 0
        case .incubationReferral: f[.incubation] = 1
        }
        return f
    }

    /// A record's data-quality contribution: one error record, or one record with unaccepted warnings.
    public static func quality(errors: Int, unacceptedWarnings: Int) -> ScoreFacts {
        var f = ScoreFacts()
        if errors > 0 { f[.errorRecords] = 1 } else if unacceptedWarnings > 0 { f[.warningRecords] = 1 }
        return f
    }
}

extension Contribution {
    /// What a person's services in a period count towards 获得服务 and 获得2次以上服务: each day and type once (a
    /// second 创业指导 on the same day is the same service entered twice, or one visit; it had counted twice). The
    /// engines count the same in SQL when they keep the figure (PersonWrites.refreshPerson, PostgresLedger
    /// .servicesCounted); this is the rule they are checked against.
    public static func servicesCounted(_ services: some Sequence<(date: Day, type: String)>, in period: Period) -> Int {
        Set(services.filter { period.contains($0.date) }.map { "\($0.date)|\($0.type)" }).count
    }
}
