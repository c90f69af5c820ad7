import Foundation

/// A scoring table (评分表) read from `Resources/rubrics/*.json`: items, points, thresholds and bands.
public struct Rubric: Sendable {
    public let id: String
    public let title: String
    /// Where the table comes from, cited in explanations.
    public let citation: String
    public let level: Community.Level
    public let items: [RubricItem]

    public var maxPoints: Points { items.reduce(.zero) { $0 + $1.max } }

    public func item(_ id: String) -> RubricItem? { items.first { $0.id == id } }
}

/// One line of a scoring table.
public struct RubricItem: Sendable {
    public enum Source: String, Sendable, Codable {
        /// Written in the source table.
        case documented
        /// Inferred from the programme text; shown with ※.
        case inferred

        /// What ※ means, wherever it is explained (screen, command line, workbook).
        public static let inferredMeaning = "※ 为原评分表未列、依据方案文字推定的评分项"
    }

    public let id: String
    public let title: String
    /// The group heading (`组织领导体系`), when the table has groups.
    public let group: String?
    public let max: Points
    public let source: Source
    /// The table's own wording of the standard, for explanations.
    public let standard: String
    /// The table's 考评方法 (how inspectors check it), where the source table gives one.
    public let method: String?
    public let rule: Rule

    /// Points a clerk may award by hand for a checklist item; empty for computed items.
    public var allowedLevels: [ChecklistLevel] {
        if case .checklist(let levels) = rule { return levels }
        return []
    }
}

/// One allowed answer of a checklist item.
public struct ChecklistLevel: Sendable, Hashable {
    public let points: Points
    public let label: String
}

/// How an item turns figures into points. Each kind is generic, so a new city's table needs no code.
public enum Rule: Sendable {
    /// `numerator ÷ denominator ≥ threshold` → max, else 0. An empty denominator scores 0 (`EmptyBase`), as in
    /// every rule with one.
    case rateThreshold(numerator: Measure, denominator: Measure, threshold: Rational)
    /// `measure ≥ minimum` → max, else 0.
    case atLeast(Measure, minimum: Int)
    /// max − `deduct` for each one short of `target`, floor 0.
    case countDeduction(Measure, target: Int, deduct: Points)
    /// Each (received, eligible) pair must be 100%; max − `deduct` per pair not met. A subsidy nobody is eligible
    /// for is no shortfall, but nobody eligible for any scores 0 (`EmptyBase`).
    case allMet(pairs: [(received: Measure, eligible: Measure)], deduct: Points)
    /// The rate must be 100%; then points by the numerator's count, from the first band whose minimum it reaches.
    case fullRateBands(numerator: Measure, denominator: Measure, bands: [CountBand])
    /// max − `deduct` per started `step` short of 100%, floor 0.
    case rateDeduction(numerator: Measure, denominator: Measure, step: Rational, deduct: Points)
    /// Points from the first band whose minimum rate is reached.
    case rateBands(numerators: [Measure], denominators: [Measure], bands: [RateBand])
    /// No errors and no unaccepted warnings → max; warnings only → `warningsPoints`; any error → 0; an empty
    /// survey register → 0 (`EmptyBase`).
    case recordsComplete(warningsPoints: Points)
    /// Judged by hand; the answer must be one of the levels.
    case checklist([ChecklistLevel])
}

public struct CountBand: Sendable, Hashable {
    public let minimum: Int
    public let points: Points
}

public struct RateBand: Sendable, Hashable {
    public let minimum: Rational
    public let points: Points
}

/// A rubric file that cannot be used, with a Chinese message.
public struct RubricError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

extension Rubric {
    /// Loads and checks a rubric file: unknown measures, bad thresholds and totals that do not add up are errors.
    public static func load(from url: URL) throws -> Rubric {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RubricError(message: "无法读取评分表文件 \(url.path)：\(error.localizedDescription)")
        }
        return try decode(data, name: url.lastPathComponent)
    }

    public static func decode(_ data: Data, name: String) throws -> Rubric {
        let file: RubricFile
        do { file = try JSONDecoder().decode(RubricFile.self, from: data) } catch {
            throw RubricError(message: "评分表 \(name) 格式错误：\(error)")
        }
        let items = try file.items.map { try $0.build(in: name) }
        guard Set(items.map(\.id)).count == items.count else {
            throw RubricError(message: "评分表 \(name) 中有重复的评分项编号")
        }
        guard let level = Community.Level(rawValue: file.level) else {
            throw RubricError(message: "评分表 \(name) 的 level 应为“社区”或“街道”")
        }
        let rubric = Rubric(id: file.id, title: file.title, citation: file.citation, level: level, items: items)
        if let total = file.total, rubric.maxPoints != points(total) {
            throw RubricError(message: "评分表 \(name) 各项满分之和为\(rubric.maxPoints)，与总分\(total)不符")
        }
        return rubric
    }

    /// Every `*.json` rubric in a directory, sorted by id.
    public static func loadAll(from directory: URL) throws -> [Rubric] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return try files.filter { $0.pathExtension == "json" }.map(load(from:)).sorted { $0.id < $1.id }
    }

    static func points(_ value: Double) -> Points { Points(hundredths: Int((value * 100).rounded())) }
}

// MARK: - File format

private struct RubricFile: Decodable {
    let id: String
    let title: String
    let citation: String
    let level: String
    let total: Double?
    let items: [ItemFile]
}

private struct ItemFile: Decodable {
    let id: String
    let title: String
    let group: String?
    let max: Double
    let source: RubricItem.Source
    let standard: String?
    let method: String?
    let rule: RuleFile

    func build(in file: String) throws -> RubricItem {
        RubricItem(id: id, title: title, group: group, max: Rubric.points(max), source: source,
                   standard: standard ?? title, method: method, rule: try rule.build(item: id, max: Rubric.points(max), file: file))
    }
}

private struct RuleFile: Decodable {
    struct Level: Decodable { let points: Double; let label: String }
    struct Band: Decodable { let min: String; let points: Double }

    let kind: String
    let numerator: String?
    let denominator: String?
    let numerators: [String]?
    let denominators: [String]?
    let measure: String?
    let threshold: String?
    let target: Int?
    let deduct: Double?
    let step: String?
    let pairs: [[String]]?
    let bands: [Band]?
    let levels: [Level]?
    let levelStep: Double?
    /// Refused: a rubric used to give these points to an empty denominator (see `EmptyBase`).
    let emptyPoints: Double?
    let warningsPoints: Double?

    enum CodingKeys: String, CodingKey {
        case kind, numerator, denominator, numerators, denominators, measure, threshold, target, deduct, step,
             pairs, bands, levels, emptyPoints = "empty_points", warningsPoints = "warnings_points",
             levelStep = "level_step"
    }

    func build(item: String, max: Points, file: String) throws -> Rule {
        func fail(_ what: String) -> RubricError { RubricError(message: "评分表 \(file) 的评分项 \(item)：\(what)") }
        func measure(_ name: String?) throws -> Measure {
            guard let name, let m = Measure(rawValue: name) else { throw fail("未知的统计口径 \(name ?? "（空）")") }
            return m
        }
        func rational(_ text: String?) throws -> Rational {
            guard let text, let r = Rational(text: text) else { throw fail("阈值 \(text ?? "（空）") 不是有效数字") }
            return r
        }
        switch kind {
        case "rate_threshold":
            return .rateThreshold(numerator: try measure(numerator), denominator: try measure(denominator),
                                  threshold: try rational(threshold))
        case "at_least":
            guard let t = threshold.flatMap({ Int($0) }) else { throw fail("at_least 需要整数 threshold") }
            return .atLeast(try measure(self.measure), minimum: t)
        case "count_deduction":
            guard let target, let deduct else { throw fail("count_deduction 需要 target 和 deduct") }
            return .countDeduction(try measure(self.measure), target: target, deduct: Rubric.points(deduct))
        case "all_met":
            guard let pairs, let deduct, pairs.allSatisfy({ $0.count == 2 }) else { throw fail("all_met 需要 pairs 和 deduct") }
            return .allMet(pairs: try pairs.map { (try measure($0[0]), try measure($0[1])) }, deduct: Rubric.points(deduct))
        case "full_rate_bands":
            guard let bands, !bands.isEmpty else { throw fail("full_rate_bands 需要 bands") }
            let built = try bands.map { b -> CountBand in
                guard let m = Int(b.min) else { throw fail("人数档次 \(b.min) 应为整数") }
                return CountBand(minimum: m, points: Rubric.points(b.points))
            }
            return .fullRateBands(numerator: try measure(numerator), denominator: try measure(denominator),
                                  bands: built.sorted { $0.minimum > $1.minimum })
        case "rate_deduction":
            guard let deduct else { throw fail("rate_deduction 需要 deduct") }
            return .rateDeduction(numerator: try measure(numerator), denominator: try measure(denominator),
                                  step: try rational(step), deduct: Rubric.points(deduct))
        case "rate_bands":
            guard let bands, !bands.isEmpty else { throw fail("rate_bands 需要 bands") }
            guard let numerators, !numerators.isEmpty, let denominators, !denominators.isEmpty else {
                throw fail("rate_bands 需要 numerators 和 denominators")
            }
            guard emptyPoints == nil else { throw fail("不再支持 empty_points：分母为0的评分项一律不计分（无符合条件的人员，未计分）") }
            let built = try bands.map { RateBand(minimum: try rational($0.min), points: Rubric.points($0.points)) }
            return .rateBands(numerators: try numerators.map(measure), denominators: try denominators.map(measure),
                              bands: built.sorted { $0.minimum > $1.minimum })
        case "records_complete":
            return .recordsComplete(warningsPoints: Rubric.points(warningsPoints ?? 0))
        case "checklist":
            if let levels {
                let built = levels.map { ChecklistLevel(points: Rubric.points($0.points), label: $0.label) }
                guard built.contains(where: { $0.points == max }), built.contains(where: { $0.points == .zero }) else {
                    throw fail("checklist 的档次必须包含满分和0分")
                }
                return .checklist(built.sorted { $0.points > $1.points })
            }
            guard let levelStep, levelStep > 0 else { throw fail("checklist 需要 levels 或 level_step") }
            let step = Rubric.points(levelStep).hundredths
            guard step > 0, max.hundredths % step == 0 else { throw fail("level_step 应能整除满分") }
            let levels = stride(from: max.hundredths, through: 0, by: -step).map {
                ChecklistLevel(points: Points(hundredths: $0), label: "\(Points(hundredths: $0))分")
            }
            return .checklist(levels)
        default:
            throw fail("未知的规则类型 \(kind)")
        }
    }
}
