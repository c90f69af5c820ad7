/// Computes the plan from the same facts and the same engine as the score: every step's promised points are the
/// engine's own points for the changed figures, so a plan that is followed reaches exactly what it promised.
public enum Planner {
    public static func plan(_ rubric: Rubric, facts: ScoreFacts, checklist: [String: Points], period: Period, today: Day,
                            details: PlanDetails = PlanDetails(), lock: Signature? = nil) -> ScorePlan {
        let ended = today > period.end
        let daysLeft = ended ? nil : period.end.ordinal - Swift.max(today, period.start).ordinal
        var gaps: [ItemGap] = []
        for item in rubric.items {
            let scored = ScoreEngine.evaluate(item, facts: facts, checklist: checklist)
            guard scored.points < item.max else { continue }
            if ended {
                gaps.append(ItemGap(itemId: item.id, title: item.title, points: scored.points, max: item.max, measured: scored.measured,
                                    steps: [], blocked: "考核期已结束，本期无法再改变"))
                continue
            }
            let planner = ItemPlanner(item: item, facts: facts, checklist: checklist, current: scored.points, details: details,
                                      from: Swift.max(today, period.start), period: period)
            let (steps, blocked) = planner.steps()
            gaps.append(ItemGap(itemId: item.id, title: item.title, points: scored.points, max: item.max, measured: scored.measured,
                                steps: steps, blocked: steps.isEmpty ? (blocked ?? "暂无可提出的措施") : nil))
        }
        return ScorePlan(daysLeft: daysLeft, gaps: gaps, lock: lock)
    }
}

/// The steps of one item.
struct ItemPlanner {
    let item: RubricItem
    let facts: ScoreFacts
    let checklist: [String: Points]
    let current: Points
    let details: PlanDetails
    /// The first day work can start (today, or the period's start) and the period: what a step needs time for
    /// is measured against them.
    let from: Day
    let period: Period

    /// The item's points with some figures raised.
    func points(_ changes: [Measure: Int]) -> Points {
        var f = facts
        for (m, k) in changes { f[m] = f[m].saturatingAdding(k) }
        return ScoreEngine.evaluate(item, facts: f, checklist: checklist).points
    }

    /// The smallest k in 1...limit whose points reach `target`, when points never fall as k grows; nil if none.
    func smallest(upTo limit: Int, reaching target: Points, _ changes: (Int) -> [Measure: Int]) -> Int? {
        guard limit >= 1, points(changes(limit)) >= target else { return nil }
        var low = 1, high = limit
        while low < high {
            let mid = low + (high - low) / 2
            if points(changes(mid)) >= target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    func step(_ after: Points, units: Int?, _ action: String, _ evidence: Evidence? = nil, raising measure: Measure? = nil) -> PlanStep {
        let late = measure.flatMap { tooLate($0) }
        return PlanStep(itemId: item.id, itemTitle: item.title, current: current, after: after, units: units,
                        action: action + (late.map { "；但\($0)" } ?? ""), evidence: evidence, tooLate: late)
    }

    /// Why raising `measure` cannot count this period any more, for a figure that by its own rule needs time: a
    /// business started after training counts once it has run `Contribution.postTrainingBusinessMonths` months
    /// by the period's end, so one started today must reach that by then. Nil when there is time.
    func tooLate(_ measure: Measure) -> String? {
        guard let months = Self.monthsNeeded(measure), from.adding(months: months) > period.end else { return nil }
        let days = period.end.ordinal - from.ordinal
        return "距考核期结束只剩\(days)天，不足\(months)个月，本期已来不及"
    }

    /// The months a figure needs between the work and its counting (nil: it counts as soon as the work is done).
    static func monthsNeeded(_ measure: Measure) -> Int? {
        measure == .postTrainingStarted ? Contribution.postTrainingBusinessMonths : nil
    }

    /// Steps for raising one figure by k: the nearest band first, then the maximum (when they differ). Each is
    /// the whole work from today's figures (the second does not come after the first, it replaces it), so
    /// `describe` says how many more and what the figure then reaches.
    func raising(_ measure: Measure, limit: Int, also: [Measure] = [], describe: (Int) -> String, units: (Int) -> Int = { $0 },
                 evidence: Evidence?) -> [PlanStep] {
        let changes: (Int) -> [Measure: Int] = { k in
            var c = [measure: k]
            for m in also { c[m, default: 0] += k }
            return c
        }
        let best = points(changes(limit))
        guard best > current else { return [] }
        var steps: [PlanStep] = []
        // The nearest band: the fewest k that gain anything.
        if let k = smallest(upTo: limit, reaching: Points(hundredths: current.hundredths + 1), changes) {
            let after = points(changes(k))
            steps.append(step(after, units: units(k), describe(k) + "，得\(after)分（+\(after - current)）", evidence, raising: measure))
            if after < best, let kMax = smallest(upTo: limit, reaching: best, changes) {
                steps.append(step(best, units: units(kMax), describe(kMax) + "，得\(best)分（+\(best - current)）", evidence, raising: measure))
            }
        }
        return steps
    }

    func steps() -> ([PlanStep], String?) {
        let f = facts
        if let empty = EmptyBase.reason(item.rule, facts: f) {
            // A rate that must be complete starts from nobody by registering and serving or training someone. The
            // other groups (the eligible, entrepreneurs, trainees, the labour force) are facts that work for the
            // score does not create: the plan says why the item scores nothing, as the score does.
            guard case let .fullRateBands(numerator, denominator, bands) = item.rule else { return ([], empty) }
            return (fullRateSteps(numerator, denominator, bands), nil)
        }
        switch item.rule {
        case let .rateThreshold(numerator, denominator, threshold):
            let n = f[numerator], d = f[denominator]
            // The fewest more that reach the threshold, in integers: ceil(threshold × d) − n. Figures too large for
            // that (from a file another program wrote) propose nothing rather than trap.
            let (scaled, overflow) = threshold.numerator.multipliedReportingOverflow(by: d)
            guard !overflow, scaled <= Int.max - threshold.denominator else { return ([], "数字超出范围，无法计算") }
            let needed = (scaled + threshold.denominator - 1) / threshold.denominator - n
            if Self.countsAmong(numerator), needed > d - n {
                return ([], "即使\(denominator.title)\(d)人全部达标，也达不到\(threshold.percentText)")
            }
            return (raising(numerator, limit: needed, describe: { k in Self.raiseText(numerator, k, facts: f) },
                            evidence: Self.targets(numerator)), nil)

        case let .atLeast(measure, minimum):
            return (raising(measure, limit: minimum - f[measure], describe: { Self.countText(measure, more: $0, facts: f) },
                            evidence: nil), nil)

        case let .countDeduction(measure, target, _):
            var steps = raising(measure, limit: target - f[measure], describe: { Self.countText(measure, more: $0, facts: f) },
                                evidence: nil)
            if measure == .roleModels, let first = details.shortStories.first {
                // A story already written is the cheapest role model: it lacks characters, not a person.
                let after = points([.roleModels: 1])
                if after > current {
                    steps.insert(step(after, units: 1, "创业典型“\(first.title)”事迹材料还差\(first.missingCharacters)字，补足后得\(after)分（+\(after - current)）"),
                                 at: 0)
                }
            }
            return (steps, nil)

        case let .allMet(pairs, _):
            return (subsidySteps(pairs), nil)

        case let .fullRateBands(numerator, denominator, bands):
            return (fullRateSteps(numerator, denominator, bands), nil)

        case let .rateDeduction(numerator, denominator, _, _):
            let n = f[numerator], d = f[denominator]
            return (raising(numerator, limit: d - n, describe: { "再有\($0)名参训者培训合格（\(numerator.title)达到\(n + $0)人\(n + $0 >= d ? "，合格率100%" : "")）" },
                            evidence: Evidence(include: denominator, excluding: numerator,
                                               title: ScoreEngine.shortfallTitle(numerator: numerator, denominator: denominator))), nil)

        case let .rateBands(numerators, denominators, _):
            guard let numerator = numerators.first else { return ([], nil) }
            let d = denominators.reduce(0) { $0.saturatingAdding(f[$1]) }, n = numerators.reduce(0) { $0.saturatingAdding(f[$1]) }
            return (raising(numerator, limit: Swift.max(0, d - n), describe: { "\(numerator.title)再增加\($0)人（达到\(n + $0)人）" },
                            evidence: denominators.first.map { Evidence(include: $0, excluding: numerator, title: "未达标的人员") }), nil)

        case .recordsComplete:
            var steps: [PlanStep] = []
            let errors = f[.errorRecords], warnings = f[.warningRecords]
            if errors > 0 {
                let after = points([.errorRecords: -errors])
                steps.append(step(after, units: errors, "改正\(errors)条有错误的记录，得\(after)分（+\(after - current)）",
                                  Evidence(include: .errorRecords, excluding: nil, title: "有错误的记录")))
            }
            if warnings > 0 {
                // With errors too, full marks need both: this step says so rather than "再…", which read as a step
                // after the first one instead of the whole work.
                let after = points([.errorRecords: -errors, .warningRecords: -warnings])
                steps.append(step(after, units: errors + warnings,
                                  (errors > 0 ? "改正\(errors)条有错误的记录，并" : "") + "确认或改正\(warnings)条有警告的记录，得\(after)分（+\(after - current)）",
                                  Evidence(include: .warningRecords, excluding: nil, title: "有未确认警告的记录")))
            }
            return (steps, nil)

        case let .checklist(levels):
            guard let top = levels.max(by: { $0.points < $1.points }) else { return ([], nil) }
            return ([step(top.points, units: nil, "自评项：做到“\(top.label)”并在社区档案中更新自评，得\(top.points)分（+\(top.points - current)）")], nil)
        }
    }

    /// The subsidies not fully received, the fewest persons first; each further step adds the next subsidy to the
    /// ones before (a step is the whole work from today, as every item's alternatives are).
    func subsidySteps(_ pairs: [(received: Measure, eligible: Measure)]) -> [PlanStep] {
        let unmet = pairs.filter { facts[$0.received] < facts[$0.eligible] }
            .map { (pair: $0, missing: facts[$0.eligible] - facts[$0.received]) }
            .enumerated().sorted { ($0.element.missing, $0.offset) < ($1.element.missing, $1.offset) }.map(\.element)
        var steps: [PlanStep] = []
        var changes: [Measure: Int] = [:]
        var parts: [String] = []
        var units = 0
        for (pair, missing) in unmet {
            changes[pair.received] = missing
            units += missing
            let name = pair.eligible.title.replacingSuffix("符合条件")
            parts.append("\(name)\(missing)人")
            let after = points(changes)
            let text = steps.isEmpty
                ? "\(missing)名符合条件的人员尚未享受\(name)，落实后得\(after)分（+\(after - current)）"
                : "为符合条件的人员落实\(parts.joined(separator: "、"))（共\(units)人次），得\(after)分（+\(after - current)）"
            steps.append(step(after, units: units, text, Evidence(include: pair.eligible, excluding: pair.received,
                                                                  title: ScoreEngine.shortfallTitle(numerator: pair.received, denominator: pair.eligible))))
        }
        return steps
    }

    /// A rate that must be 100% before its bands count (training, services): complete the rate, then widen it.
    /// A band above the people counted today needs more of them: its step says it includes completing the rate.
    func fullRateSteps(_ numerator: Measure, _ denominator: Measure, _ bands: [CountBand]) -> [PlanStep] {
        let n = facts[numerator], d = facts[denominator]
        let isServices = numerator == .servedTwice
        let evidence = Evidence(include: denominator, excluding: numerator,
                                title: ScoreEngine.shortfallTitle(numerator: numerator, denominator: denominator))
        var steps: [PlanStep] = []
        var base = n
        // The work of completing the rate, part of every further band (not the work of the band before: each band
        // is the whole work from today, not a step after the previous one).
        var completion = 0
        if n < d {
            let after = points([numerator: d - n])
            let missing = d - n
            let units = isServices ? (details.servicesMissing ?? 2 * missing) : missing
            let text = isServices ? "\(missing)人本期服务不足2次，补齐后得\(after)分（+\(after - current)）"
                                  : "\(missing)名纳入培训范围者未参加培训，全部培训后得\(after)分（+\(after - current)）"
            steps.append(step(after, units: units, text, evidence))
            completion = units
            base = d
        }
        // With the rate complete, a higher band needs more people counted on both sides.
        let reached = points([numerator: base - n])
        for band in bands.sorted(by: { $0.minimum < $1.minimum }) where band.minimum > base && band.points > reached {
            let more = band.minimum - base
            let after = points([numerator: band.minimum - n, denominator: more])
            guard after > reached else { continue }
            let units = completion + (isServices ? 2 * more : more)
            let completing = n < d ? (isServices ? "补齐上述\(d - n)人的服务，并" : "培训上述\(d - n)人，并") : ""
            let text = isServices
                ? "\(completing)再为\(more)名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到\(band.minimum)人），得\(after)分（+\(after - current)）"
                : "\(completing)再动员\(more)名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达到\(band.minimum)人），得\(after)分（+\(after - current)）"
            steps.append(step(after, units: units, text, evidence))
        }
        return steps
    }

    /// Whether a numerator counts persons among its denominator's (so it can never exceed it).
    static func countsAmong(_ numerator: Measure) -> Bool {
        [.postTrainingStarted, .inScopeTrained, .passed, .servedTwice].contains(numerator)
    }

    /// How raising a rate's numerator by k reads to a clerk.
    static func raiseText(_ numerator: Measure, _ k: Int, facts f: ScoreFacts) -> String {
        switch numerator {
        case .participants:
            let pool = Swift.max(0, f[.registered] - f[.participants])
            let fresh = k > pool ? "，其中\(k - pool)人需新登记" : ""
            return "还需\(k)名参与创业活动者（可从\(pool)名已登记但本期无服务/培训的人员中服务\(fresh)）"
        case .entrepreneurJobs: return "现有\(f[.entrepreneurs])名初期创业者还需带动就业\(k)人"
        case .postTrainingStarted: return "还需\(k)名培训合格者在培训后创业并经营满3个月"
        default: return "\(numerator.title)还需增加\(k)"
        }
    }

    /// The records to act on when raising a rate's numerator.
    static func targets(_ numerator: Measure) -> Evidence? {
        switch numerator {
        case .participants: Evidence(include: .registered, excluding: .participants,
                                     title: ScoreEngine.shortfallTitle(numerator: .participants, denominator: .registered))
        case .entrepreneurJobs: ScoreEngine.recordEvidence(numerator: .entrepreneurJobs, denominator: .entrepreneurs)
        case .postTrainingStarted: Evidence(include: .postTrainingBase, excluding: .postTrainingStarted,
                                            title: ScoreEngine.shortfallTitle(numerator: .postTrainingStarted, denominator: .postTrainingBase))
        default: nil
        }
    }

    /// `再开展2次宣传活动（本期宣传活动达到3次）`: how many more, and what the count then is.
    static func countText(_ m: Measure, more k: Int, facts f: ScoreFacts) -> String {
        let total = f[m].saturatingAdding(k)
        switch m {
        case .registered: return "再登记\(k)人（摸底登记达到\(total)人）"
        case .publicity: return "再开展\(k)次宣传活动（本期宣传活动达到\(total)次）"
        case .roleModels: return "再树立\(k)名创业典型，事迹材料不少于500字（合格创业典型达到\(total)名）"
        case .incubation: return "再推荐\(k)个项目或企业入园孵化（本期推荐入园达到\(total)个）"
        default: return "\(m.title)再增加\(k)（达到\(total)）"
        }
    }
}
