import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import TerminalUI

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "评分计划：每个未得满分的评分项还差什么、先做哪些事、为哪些人服务",
        discussion: "按“每单位工作可得分数”排序（为一人提供一次服务、培训一人、开展一次活动、改正一条记录各算一个单位）。计划与评分使用同一组数字和同一套算法。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Option(name: .long, help: ArgumentHelp("评分表编号（默认按档案级别）", valueName: "编号"))
    var rubric: String?

    @Flag(name: .long, help: "以JSON格式输出（字段稳定，供脚本使用）")
    var json = false

    @Flag(name: .long, help: "督导用：列出各社区距评选入围条件（参与率、带动就业指数）还差多少，最接近的在前")
    var candidates = false

    @Option(name: .long, help: ArgumentHelp("与 --candidates 同用：只列这个街道的社区", valueName: "街道"))
    var street: String?

    func run() async throws {
        let database = try global.openDatabase()
        if candidates { return try await listCandidates(database) }
        if street != nil { throw CLIFailure.usage("--street 只能与 --candidates 一起使用。街道的评分计划按街道档案计算：chuangye plan --community 街道档案的代码（级别为“街道”）") }
        let community = try await target.resolve(in: database)
        let chosen = try CommunityScore.rubric(rubric ?? Rubrics.defaultId(for: community.level), among: try Rubrics.all())
        let facts = try await CommunityScore.facts(community, in: database)
        let details: PlanDetails
        let lock: Signature?
        do {
            details = community.level == .street ? PlanDetails() : try await database.planDetails(community: community.code, period: community.period)
            lock = try await (database as? any EvaluationStore)?.periodLock(community: community.code) ?? nil
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        let plan = Planner.plan(chosen, facts: facts, checklist: community.checklist, period: community.period,
                                today: database.today(), details: details, lock: lock)
        let card = ScoreEngine.evaluate(chosen, facts: facts, checklist: community.checklist)
        print(json ? try PlanJSON.render(plan, card: card, community: community) : PlanText.render(plan, card: card, community: community))
    }
}

extension PlanCommand {
    /// `plan --candidates`: every community of the database (or of a street) against the entry conditions of 评选.
    func listCandidates(_ database: any LedgerStorage) async throws {
        let chosen = try CommunityScore.rubric(rubric ?? Rubrics.defaultId(for: .community), among: try Rubrics.all())
        let entries: [Candidates.Entry]
        let scope: String?
        do {
            let communities = try await database.communities().filter { $0.level == .community && (street == nil || $0.street == street) }
            guard !communities.isEmpty else {
                throw CLIFailure.data(street.map { "街道“\($0)”下没有社区" } ?? "数据库中还没有社区")
            }
            // Kept totals: one row per community, however large the district.
            let facts = try await database.scoreFactsByCommunity()
            entries = Candidates.rank(communities.map { ($0, facts[$0.code] ?? ScoreFacts()) }, rubric: chosen, today: database.today())
            scope = try await ReadScope.name(street: street, district: nil, read: communities, database: database)
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        print(json ? try CandidatesJSON.render(entries) : CandidatesText.render(entries, rubric: chosen, scope: scope))
    }
}

/// The candidates as a supervisor reads them.
enum CandidatesText {
    static func render(_ entries: [Candidates.Entry], rubric: Rubric, scope: String?) -> String {
        let conditions = rubric.items.filter { Candidates.entryItems.contains($0.id) }.map(\.title).joined(separator: "、")
        var lines = ["评选入围条件（\(conditions)）：\(scope ?? "")共\(entries.count)个社区，已达到\(entries.filter(\.meetsAll).count)个", ""]
        for (i, entry) in entries.enumerated() {
            let c = entry.community
            let state = entry.meetsAll ? "已达到" : entry.unitsNeeded.map { "还差 工作量\($0)" } ?? "本期难以达到"
            lines.append("\(i + 1). \(c.name)（\(c.code)）\(c.street)  \(state)")
            for condition in entry.conditions {
                lines.append("     · \(condition.title)：\(condition.measured)" + (condition.met ? "，已达到" : "；\(condition.lacking ?? "")"))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// `plan --candidates --json`: stable fields for scripts.
enum CandidatesJSON {
    struct Condition: Encodable {
        let item, title, measured: String
        let met: Bool
        let lacking: String?
        let units: Int?
    }
    struct Entry: Encodable {
        let community, name, street: String
        let meetsAll: Bool
        let unitsNeeded: Int?
        let conditions: [Condition]
    }

    static func render(_ entries: [Candidates.Entry]) throws -> String {
        let value = entries.map { e in
            Entry(community: e.community.code, name: e.community.name, street: e.community.street, meetsAll: e.meetsAll,
                  unitsNeeded: e.unitsNeeded, conditions: e.conditions.map {
                      Condition(item: $0.itemId, title: $0.title, measured: $0.measured, met: $0.met, lacking: $0.lacking, units: $0.units)
                  })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The plan as a person reads it: the ranked steps, then every item's gap.
enum PlanText {
    static func render(_ plan: ScorePlan, card: ScoreCard, community: Community) -> String {
        var lines = ["评分计划：\(community.name)（\(community.code)）  \(card.rubricTitle)"]
        if let notice = plan.lockNotice { lines.append("注意：" + notice) }
        let deadline = plan.daysLeft.map { "距考核期结束还有 \($0) 天" } ?? "考核期已结束"
        lines.append("考核期 \(community.period)，\(deadline)")
        lines.append("当前总分 \(card.total) / \(card.max)，按计划最多可再得 \(plan.reachableGain) 分")
        lines.append("")
        if plan.gaps.isEmpty { lines.append("各项均已得满分，无需补充。") }
        if plan.gaps.contains(where: { !$0.steps.isEmpty }) { lines.append("先做哪些事（按每单位工作得分排序；同一项的几档任选其一）：") }
        for (i, gap) in plan.rankedGaps.enumerated() {
            lines.append("\(String(i + 1).leftPadded(to: 3)). 【\(gap.title)】 \(gap.points)/\(gap.max)  实测 \(gap.measured)")
            if let blocked = gap.blocked { lines.append("      · \(blocked)") }
            for (j, step) in gap.steps.enumerated() {
                let work = step.units.map { "工作量 \($0)" } ?? "自评项"
                lines.append("      · \(j == 0 ? step.action : PlanWording.alternative(step.action))（\(work)）")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The `--json` form of a plan: field names and order are stable for scripts.
enum PlanJSON {
    struct Step: Encodable {
        let item, title, action: String
        let current, after, gain: Double
        let units: Int?
        let records: String?
        /// Why the step cannot count before the period ends; absent when it can.
        let tooLate: String?
    }
    /// The signed 初评 that locks the records: the plan can no longer change this period's score.
    struct Lock: Encodable {
        let by, at, notice: String
    }
    struct Gap: Encodable {
        let id, title, measured: String
        let points, max: Double
        let blocked: String?
        let steps: [Step]
    }
    struct Plan: Encodable {
        let community, rubric, period: String
        let daysLeft: Int?
        let lock: Lock?
        let total, max, reachableGain: Double
        let ranked: [Step]
        let gaps: [Gap]
    }

    static func step(_ s: PlanStep) -> Step {
        Step(item: s.itemId, title: s.itemTitle, action: s.action, current: s.current.asDouble, after: s.after.asDouble,
             gain: s.gain.asDouble, units: s.units, records: s.evidence?.title, tooLate: s.tooLate)
    }

    static func render(_ plan: ScorePlan, card: ScoreCard, community: Community) throws -> String {
        let lock = plan.lock.map { Lock(by: $0.by, at: $0.at, notice: plan.lockNotice ?? "") }
        let value = Plan(community: community.code, rubric: card.rubricId, period: community.period.description, daysLeft: plan.daysLeft,
                         lock: lock,
                         total: card.total.asDouble, max: card.max.asDouble, reachableGain: plan.reachableGain.asDouble,
                         ranked: plan.ranked.map(step),
                         gaps: plan.gaps.map { g in
                             Gap(id: g.itemId, title: g.title, measured: g.measured, points: g.points.asDouble, max: g.max.asDouble,
                                 blocked: g.blocked, steps: g.steps.map(step))
                         })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: Swift.max(0, width - count)) + self }
}
