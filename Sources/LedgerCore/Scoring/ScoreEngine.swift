/// The score of one item, with everything needed to explain it.
public struct ItemScore: Sendable, Hashable {
    public let id: String
    public let title: String
    public let group: String?
    public let source: RubricItem.Source
    public let max: Points
    public let points: Points
    /// The figure as measured (`5.3%（170/3200）`).
    public let measured: String
    /// What the table asks for (`≥ 7%`).
    public let threshold: String
    /// A Chinese sentence: how the points follow from the figure.
    public let explanation: String
    /// Which records are behind the figure, for drill-down; nil for checklist items.
    public let evidence: Evidence?
    /// How far the item has come toward what its rule asks, 0…1 (`Progress`), for gauges.
    public var progress: Double = 0

    /// The share of the item's points earned, 0…1: the solid part of a gauge (the rest of `progress` is work
    /// under way that has not reached the next band).
    public var earnedFraction: Double { max.hundredths > 0 ? Double(points.hundredths) / Double(max.hundredths) : 0 }
    /// The points the item's rule can give (`RubricItem.reachablePoints`): frozen with a self-assessment, so a
    /// supervisor's different score is one the item could have had.
    public var reachable: [Points] = []
}

/// The records behind a figure: those counted by `include` and not by `excluding`.
public struct Evidence: Sendable, Hashable {
    public let include: Measure
    public let excluding: Measure?
    /// What the listed records are (`获得服务不足2次的人员`).
    public let title: String
}

/// A whole score: the total and every item.
public struct ScoreCard: Sendable, Hashable {
    public let rubricId: String
    public let rubricTitle: String
    public let total: Points
    public let max: Points
    public let items: [ItemScore]

    public func item(_ id: String) -> ItemScore? { items.first { $0.id == id } }
}

/// Evaluates a rubric over figures. Pure and exact: rates are compared as fractions, never as floating point.
public enum ScoreEngine {
    public static func evaluate(_ rubric: Rubric, facts: ScoreFacts, checklist: [String: Points]) -> ScoreCard {
        let items = rubric.items.map { item in
            var scored = evaluate(item, facts: facts, checklist: checklist)
            scored.progress = Progress.of(item, facts: facts, checklist: checklist)
            scored.reachable = item.reachablePoints
            return scored
        }
        let total = items.reduce(Points.zero) { $0 + $1.points }
        return ScoreCard(rubricId: rubric.id, rubricTitle: rubric.title, total: total, max: rubric.maxPoints, items: items)
    }

    static func evaluate(_ item: RubricItem, facts f: ScoreFacts, checklist: [String: Points]) -> ItemScore {
        func score(_ points: Points, _ measured: String, _ threshold: String, _ explanation: String,
                   _ evidence: Evidence? = nil) -> ItemScore {
            ItemScore(id: item.id, title: item.title, group: item.group, source: item.source, max: item.max,
                      points: min(max(points, .zero), item.max), measured: measured, threshold: threshold,
                      explanation: explanation, evidence: evidence)
        }
        // Nobody in the item's denominator: no marks, and the reason (one rule for every item, `EmptyBase`).
        let empty = EmptyBase.reason(item.rule, facts: f)
        switch item.rule {
        case let .rateThreshold(numerator, denominator, threshold):
            let n = f[numerator], d = f[denominator]
            let shown = rateText(n, d, asPercent: threshold.denominator % 100 == 0 || threshold < Rational(1, 1))
            let target = threshold.denominator % 100 == 0 || threshold < Rational(1, 1) ? threshold.percentText : threshold.description
            let wanted = "≥ " + target
            let evidence = recordEvidence(numerator: numerator, denominator: denominator)
            if let empty { return score(.zero, shown, wanted, empty, evidence) }
            let met = Rational(n, d) >= threshold
            return score(met ? item.max : .zero, shown, wanted,
                         "\(numerator.title)\(n) ÷ \(denominator.title)\(d) = \(shown)，\(met ? "达到" : "未达到")\(target)，得\(met ? item.max : .zero)分",
                         evidence)

        case let .atLeast(measure, minimum):
            let v = f[measure]
            let met = v >= minimum
            return score(met ? item.max : .zero, "\(v)", "≥ \(minimum)",
                         "\(measure.title)\(v)，\(met ? "达到" : "未达到")\(minimum)，得\(met ? item.max : .zero)分",
                         Evidence(include: measure, excluding: nil, title: measure.title))

        case let .countDeduction(measure, target, deduct):
            let v = f[measure]
            let missing = max(0, target.saturatingAdding(v == .min ? .max : -v))
            // Not an empty denominator (a count has none): zero role models score 2 − 1 = 1 in the community table,
            // whose words are 树立、宣传创业典型1名以上 … 每少一名在基本分中扣1分，扣完基本分为止 (seed 000 附件1).
            let points = item.max - Points(hundredths: min(deduct.hundredths.saturatingMultiplied(by: missing), item.max.hundredths))
            let text = missing == 0 ? "达到\(target)，得满分" : "差\(missing)个，每少一个扣\(deduct)分"
            return score(points, "\(v)", "≥ \(target)", "\(measure.title)\(v)，\(text)，得\(max(points, .zero))分",
                         Evidence(include: measure, excluding: nil, title: measure.title))

        case let .allMet(pairs, deduct):
            var unmet: [String] = []
            var parts: [String] = []
            for pair in pairs {
                let r = f[pair.received], e = f[pair.eligible]
                parts.append("\(r)/\(e)")
                // A subsidy nobody is eligible for is not one left unimplemented (少落实); nobody eligible for any is `empty`.
                if r < e { unmet.append(pair.eligible.title.replacingSuffix("符合条件")) }
            }
            if let empty { return score(.zero, parts.joined(separator: "，"), "各项享受率 100%", empty) }
            let points = item.max - Points(hundredths: deduct.hundredths * unmet.count)
            let text = unmet.isEmpty ? "符合条件的人员均已享受，得满分" : "未全部落实：\(unmet.joined(separator: "、"))，每项扣\(deduct)分"
            let firstUnmet = pairs.first { f[$0.received] < f[$0.eligible] }
            return score(points, parts.joined(separator: "，"), "各项享受率 100%", "已享受/符合条件：\(parts.joined(separator: "，"))；\(text)",
                         firstUnmet.map { Evidence(include: $0.eligible, excluding: $0.received, title: "符合条件未享受：\($0.eligible.title.replacingSuffix("符合条件"))") })

        case let .fullRateBands(numerator, denominator, bands):
            let n = f[numerator], d = f[denominator]
            let shown = rateText(n, d, asPercent: true)
            let bandText = bands.map { "≥\($0.minimum)人\($0.points)分" }.joined(separator: "，")
            let evidence = Evidence(include: denominator, excluding: numerator, title: "\(denominator.title)中未达标的人员")
            if let empty { return score(.zero, shown, "100%", empty, evidence) }
            guard n >= d else {
                // What 100% would give here, by the table's head count: the plan's figure (补齐后得12分), so that the
                // score and the plan do not seem to disagree about an item worth 16.
                let reached = bands.first { d >= $0.minimum }?.points ?? .zero
                return score(.zero, shown, "100%（\(bandText)）", "\(numerator.title)\(n)/\(denominator.title)\(d) = \(shown)，"
                             + "未达到100%，不得分；全部达到时按人数得\(reached)分", evidence)
            }
            let band = bands.first { n >= $0.minimum }
            let points = band?.points ?? .zero
            return score(points, shown, "100%（\(bandText)）", "达到100%，\(numerator.title)\(n)人，得\(points)分", evidence)

        case let .rateDeduction(numerator, denominator, step, deduct):
            let n = f[numerator], d = f[denominator]
            let shown = rateText(n, d, asPercent: true)
            let evidence = Evidence(include: denominator, excluding: numerator, title: "\(denominator.title)中未达标的人员")
            if let empty { return score(.zero, shown, "100%", empty, evidence) }
            // Shortfall (d−n)/d, in started steps: ceil((d−n)/d ÷ step), exactly in integers.
            let steps = Self.startedSteps(shortfall: max(0, d.saturatingAdding(-max(n, 0))), of: d, step: step)
            let points = item.max - Points(hundredths: min(deduct.hundredths.saturatingMultiplied(by: steps), item.max.hundredths))
            let text = steps == 0 ? "达到100%，得满分" : "差\(steps)个\(step.percentText)，每个扣\(deduct)分"
            return score(points, shown, "100%", "\(numerator.title)\(n)/\(denominator.title)\(d) = \(shown)，\(text)，得\(max(points, .zero))分", evidence)

        case let .rateBands(numerators, denominators, bands):
            let n = numerators.reduce(0) { $0.saturatingAdding(f[$1]) }, d = denominators.reduce(0) { $0.saturatingAdding(f[$1]) }
            let shown = rateText(n, d, asPercent: true)
            let bandText = bands.map { "≥\($0.minimum.percentText)得\($0.points)分" }.joined(separator: "，")
            let evidence = denominators.first.map { Evidence(include: $0, excluding: numerators.first, title: "未达标的人员") }
            if let empty { return score(.zero, shown, bandText, empty, evidence) }
            let band = bands.first { Rational(n, d) >= $0.minimum }
            let points = band?.points ?? .zero
            return score(points, shown, bandText, "比例\(shown)，得\(points)分", evidence)

        case let .recordsComplete(warningsPoints):
            let errors = f[.errorRecords], warnings = f[.warningRecords]
            if let empty {
                return score(.zero, "错误\(errors)，警告\(warnings)", "0 错误、0 未确认警告", empty,
                             Evidence(include: .registered, excluding: nil, title: Measure.registered.title))
            }
            let points = errors > 0 ? .zero : warnings > 0 ? warningsPoints : item.max
            let text = errors > 0 ? "\(errors)条记录有错误，不得分" : warnings > 0 ? "\(warnings)条记录有未确认的警告，得\(warningsPoints)分" : "各台账无错误、无未确认警告，得满分"
            return score(points, "错误\(errors)，警告\(warnings)", "0 错误、0 未确认警告", text,
                         Evidence(include: errors > 0 ? .errorRecords : .warningRecords, excluding: nil, title: "有问题的记录"))

        case let .checklist(levels):
            let given = checklist[item.id]
            let level = levels.first { $0.points == given }
            guard let given, let level else {
                return score(.zero, "未自评", levels.map { "\($0.points)分：\($0.label)" }.joined(separator: "；"), "尚未在社区档案中自评，按0分计")
            }
            return score(given, level.label, levels.map { "\($0.points)分：\($0.label)" }.joined(separator: "；"), "自评：\(level.label)，得\(given)分")
        }
    }

    /// The records behind a rate: when the denominator is a register figure, those it counts and the numerator
    /// does not (who falls short); otherwise (labour force) those the numerator counts.
    public static func recordEvidence(numerator: Measure, denominator: Measure) -> Evidence {
        // A sum over persons (jobs created) is no set of persons to leave out: the persons it is summed over are
        // the records to look at (each entrepreneur with the jobs they created).
        if numerator == .entrepreneurJobs {
            return Evidence(include: denominator, excluding: nil, title: denominator.title)
        }
        if Measure.personMeasures.contains(denominator) {
            return Evidence(include: denominator, excluding: numerator, title: shortfallTitle(numerator: numerator, denominator: denominator))
        }
        return Evidence(include: numerator, excluding: nil, title: numerator.title)
    }

    /// Who a rate's numerator leaves out of its denominator, as a clerk says it (`纳入培训范围未参加培训的人员`):
    /// one wording for 评分明细's list and the plan's.
    public static func shortfallTitle(numerator: Measure, denominator: Measure) -> String {
        switch numerator {
        case .participants: "已登记但本期无服务/培训的人员"
        case .inScopeTrained: "纳入培训范围未参加培训的人员"
        case .passed: "已参训未合格的人员"
        case .postTrainingStarted: "培训合格后尚未创业的人员"
        case .servedTwice: "本期服务不足2次的人员"
        case .served: "本期未获得服务的人员"
        case .subsidyFirstReceived, .subsidyRewardReceived, .subsidyJobsReceived:
            "符合条件未享受：" + denominator.title.replacingOccurrences(of: "符合条件", with: "")
        default: "\(denominator.title)中不计入\(numerator.title)的人员"
        }
    }

    /// ceil(shortfall/d ÷ step), exactly in integers while the products fit (any real register), else in floating
    /// point: the figures come from outside and must not trap.
    static func startedSteps(shortfall: Int, of d: Int, step: Rational) -> Int {
        let (top, o1) = shortfall.multipliedReportingOverflow(by: step.denominator)
        let (bottom, o2) = d.multipliedReportingOverflow(by: step.numerator)
        let (sum, o3) = top.addingReportingOverflow(bottom &- 1)
        if !o1 && !o2 && !o3 && bottom > 0 { return sum / bottom }
        let steps = (Double(shortfall) / Double(d) / (Double(step.numerator) / Double(step.denominator))).rounded(.up)
        return steps.isFinite && steps < 1e9 ? Int(steps) : 1_000_000_000
    }

    /// `5.31%（170/3200）` or `2.5（10/4）`.
    static func rateText(_ n: Int, _ d: Int, asPercent: Bool) -> String {
        guard d > 0 else { return "—（\(n)/0）" }
        let value = Double(n) / Double(d)
        let text = asPercent ? Rational.format(value * 100) + "%" : Rational.format(value)
        return "\(text)（\(n)/\(d)）"
    }
}

extension String {
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
