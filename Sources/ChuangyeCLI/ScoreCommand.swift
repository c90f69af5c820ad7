import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import TerminalUI

struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "按评分表计算社区得分，并说明每一项",
        discussion: "评分表：xining-community（西宁创业型社区）、xining-street（创业型街道，※推定）、shandong-city（山东省级创业型城市）。标※的项由方案文字推定。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Option(name: .long, help: ArgumentHelp("评分表编号（默认按档案级别：社区用 xining-community，街道用 xining-street）", valueName: "编号"))
    var rubric: String?

    @Flag(name: .long, help: "以JSON格式输出")
    var json = false

    func run() async throws {
        let database = try global.openDatabase()
        let community = try await target.resolve(in: database)
        let rubrics = try Rubrics.all()
        let id = rubric ?? Rubrics.defaultId(for: community.level)
        let chosen = try CommunityScore.rubric(id, among: rubrics)
        let facts = try await CommunityScore.facts(community, in: database)
        let card = ScoreEngine.evaluate(chosen, facts: facts, checklist: community.checklist)
        if json {
            print(try ScoreJSON.render(card, community: community))
        } else {
            print(ScoreTable.render(card, rubric: chosen, community: community))
        }
    }
}

/// The `--json` form of a score card.
enum ScoreJSON {
    struct Item: Encodable {
        let id, title: String
        let points, max: Double
        let source, measured, threshold, explanation: String
    }
    struct Card: Encodable {
        let rubric, community, period: String
        let total, max: Double
        let items: [Item]
    }

    static func render(_ card: ScoreCard, community: Community) throws -> String {
        let value = Card(rubric: card.rubricId, community: community.code, period: community.period.description,
                         total: card.total.asDouble, max: card.max.asDouble,
                         items: card.items.map { Item(id: $0.id, title: $0.title, points: $0.points.asDouble, max: $0.max.asDouble,
                                                      source: $0.source.rawValue, measured: $0.measured, threshold: $0.threshold,
                                                      explanation: $0.explanation) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable output for scripts and diffs
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The readable score table, aligned by display width.
enum ScoreTable {
    static func render(_ card: ScoreCard, rubric: Rubric, community: Community) -> String {
        var lines: [String] = []
        lines.append("\(rubric.title)")
        lines.append("\(community.name)（\(community.code)） 考核期 \(community.period)")
        lines.append("")
        // The item column is as wide as the longest name: a cut name could not be told from its neighbours.
        let nameWidth = max(34, card.items.map { DisplayWidth.of("※" + $0.title) + 2 }.max() ?? 0)
        let rule = String(repeating: "─", count: max(72, nameWidth + 38))
        lines.append(DisplayWidth.fit("评分项", nameWidth) + DisplayWidth.fit("得分", 9, alignRight: true) + "  " + "实测")
        lines.append(rule)
        var group: String?
        for item in card.items {
            if let g = item.group, g != group {
                lines.append("【\(g)】")
                group = g
            }
            let mark = item.source == .inferred ? "※" : "  "
            let points = "\(item.points)/\(item.max)"
            lines.append(DisplayWidth.fit(mark + item.title, nameWidth) + DisplayWidth.fit(points, 9, alignRight: true) + "  " + item.measured)
            lines.append("      " + item.explanation)
        }
        lines.append(rule)
        lines.append(DisplayWidth.fit("总分", nameWidth) + DisplayWidth.fit("\(card.total)/\(card.max)", 9, alignRight: true))
        lines.append("\(RubricItem.Source.inferredMeaning)。依据：\(rubric.citation)")
        return lines.joined(separator: "\n")
    }
}
