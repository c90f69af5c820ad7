import Foundation
import LedgerCore
import TerminalUI

/// One community's figures as loaded for the overview.
public struct CommunityFigures: Sendable {
    public let community: Community
    public let facts: ScoreFacts
    public let persons: Int
    public let services: Int
    public init(community: Community, facts: ScoreFacts, persons: Int, services: Int) {
        self.community = community
        self.facts = facts
        self.persons = persons
        self.services = services
    }
}

/// Communities side by side; streets scored over the union of their communities.
public struct OverviewState: Sendable {
    public var figures: [CommunityFigures] = []
    public var sortColumn = 7
    public var descending = true
    public var list = ListState()
    public init() {}
}

enum OverviewScreen {
    static let titles = ["社区", "街道", "劳动者", "摸底", "服务", "参与率", "带动", "总分", "问题"]
    /// Column widths; the community column (0) takes what the others leave (up to 26), so 问题 fits at 80 columns.
    static let fixedWidths = [0, 11, 7, 6, 6, 8, 6, 7, 5]

    static func widths(_ width: Int) -> [Int] {
        var w = fixedWidths
        // Up to 26 columns (a long community name); the numbers stay near the names on a wide screen.
        w[0] = min(26, max(10, width - fixedWidths.reduce(0, +)))
        return w
    }

    struct Line { let cells: [String]; let keys: [Double]; let code: String?; let errors: Int }

    static func communityLines(_ state: AppState, _ o: OverviewState) -> [Line] {
        let rubric = state.rubrics.first { $0.id == "xining-community" }
        let lines = o.figures.map { f -> Line in
            let participation = f.facts[.labourForce] > 0 ? Double(f.facts[.participants]) / Double(f.facts[.labourForce]) : 0
            let jobs = f.facts[.entrepreneurs] > 0 ? Double(f.facts[.entrepreneurJobs]) / Double(f.facts[.entrepreneurs]) : 0
            let total = rubric.map { ScoreEngine.evaluate($0, facts: f.facts, checklist: f.community.checklist).total } ?? .zero
            let problems = f.facts[.errorRecords] + f.facts[.warningRecords]
            return Line(cells: [f.community.name, f.community.street, String(f.community.labourForce), String(f.persons), String(f.services),
                                String(format2: participation * 100) + "%", String(format2: jobs), "\(total)", problems == 0 ? "" : String(problems)],
                        keys: [0, 0, Double(f.community.labourForce), Double(f.persons), Double(f.services), participation, jobs, total.asDouble, Double(problems)],
                        code: f.community.code, errors: f.facts[.errorRecords])
        }
        let column = o.sortColumn
        return lines.sorted { a, b in
            if column < 2 { return o.descending ? a.cells[column] > b.cells[column] : a.cells[column] < b.cells[column] }
            return o.descending ? a.keys[column] > b.keys[column] : a.keys[column] < b.keys[column]
        }
    }

    /// Streets scored with the street table over the union of their communities.
    static func streetLines(_ state: AppState, _ o: OverviewState) -> [String] {
        guard let rubric = state.rubrics.first(where: { $0.id == "xining-street" }) else { return [] }
        let streets = Dictionary(grouping: o.figures, by: { $0.community.street })
        return streets.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map { street in
            let facts = streets[street, default: []].reduce(ScoreFacts()) { $0 + $1.facts }
            let card = ScoreEngine.evaluate(rubric, facts: facts, checklist: [:])
            return "\(street)：\(streets[street]?.count ?? 0)个社区，摸底\(streets[street, default: []].reduce(0) { $0 + $1.persons })人，创业型街道评分（※推定，未含自评项）\(card.total)/\(card.max)"
        }
    }

    static func draw(_ state: AppState, _ o: OverviewState, in rect: Rect, into buffer: inout Buffer) {
        let inner = Panel.draw("督导总览：\(o.figures.count)个社区（←→ 排序，Enter 社区台账，j 街道，a 全区）", in: rect, into: &buffer)
        let widths = widths(inner.width)
        var header = ""
        for (i, title) in titles.enumerated() {
            let mark = i == o.sortColumn ? (o.descending ? "↓" : "↑") : ""
            header += DisplayWidth.fit(title + mark, widths[i])
        }
        buffer.put(header, x: inner.x, y: inner.y, style: .title, maxWidth: inner.width)
        let streets = streetLines(state, o)
        let lines = communityLines(state, o)
        let rows = lines.map { line in zip(line.cells, widths).map { DisplayWidth.fit($0, $1) }.joined() }
        let listHeight = max(1, inner.height - 2 - min(streets.count, 4))
        ListView.draw(rows, state: o.list, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: listHeight), into: &buffer) {
            lines[$0].errors > 0 ? .error : .plain
        }
        for (i, street) in streets.prefix(4).enumerated() {
            buffer.put(street, x: inner.x, y: inner.y + 2 + listHeight + i - 1, style: .hint, maxWidth: inner.width)
        }
    }
}

func overviewKey(_ state: inout AppState, _ overview: OverviewState, _ key: Key) -> [Effect] {
    var o = overview
    switch key {
    case .up, .down: o.list.move(key == .up ? -1 : 1, count: o.figures.count, visibleRows: state.pageSize)
    case .left, .right:
        let next = o.sortColumn + (key == .left ? -1 : 1)
        o.sortColumn = (next + OverviewScreen.titles.count) % OverviewScreen.titles.count
    case .character(" "): o.descending.toggle()
    case .enter, .character("i"), .character("j"):
        let lines = OverviewScreen.communityLines(state, o)
        guard o.list.selected < lines.count, let code = lines[o.list.selected].code,
              let c = state.communities.first(where: { $0.code == code }) else { break }
        state.community = c
        switch key {
        case .enter: return [.loadFacts(community: c.code)] + openDistrict(&state, DistrictScopeQuery(community: c.code))
        case .character("j"): return [.loadFacts(community: c.code)] + openDistrict(&state, DistrictScopeQuery(street: c.street))
        default:
            state.screen = .home
            return [.loadFacts(community: c.code)]
        }
    case .character("a"):
        return openDistrict(&state, DistrictScopeQuery())
    case .escape, .character("q"):
        state.screen = state.community == nil ? .chooseCommunity(ListState()) : .home
        return []
    default: break
    }
    state.screen = .overview(o)
    return []
}
