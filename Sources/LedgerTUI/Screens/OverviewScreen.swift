import Foundation
import LedgerCore
import TerminalUI

/// One community's figures as loaded for the overview.
public struct CommunityFigures: Sendable {
    public let community: Community
    public let facts: ScoreFacts
    public let persons: Int
    public let services: Int
    /// The period's latest submission with its 初评 (nil: not submitted).
    public let evaluation: Evaluation?
    public init(community: Community, facts: ScoreFacts, persons: Int, services: Int, evaluation: Evaluation? = nil) {
        self.community = community
        self.facts = facts
        self.persons = persons
        self.services = services
        self.evaluation = evaluation
    }
}

/// Streets and their communities side by side; streets scored over the union of their communities.
public struct OverviewState: Sendable {
    public var figures: [CommunityFigures] = []
    public var sortColumn = 7
    public var descending = true
    public var list = ListState()
    public init() {}
}

/// A row of the overview: a street's heading with its figures, or one of its communities.
enum OverviewRow: Hashable {
    /// The street as recorded ("" when none was).
    case street(String)
    case community(code: String)
}

/// Streets, each a heading row with its figures above its communities: Enter opens the register of the row's
/// street or community. Streets and the communities within each are ordered by the chosen column.
enum OverviewScreen {
    /// 当前 is today's registers against the rubric; 自评 only a submitted 自评 and 初评 only a begun 初评 (blank
    /// otherwise), so no recalculation stands under their names.
    static let titles = ["街道 / 社区", "社区数", "劳动者", "摸底", "服务", "参与率", "带动", "当前", "自评", "初评", "状态", "问题"]
    /// The titles where the screen is wide enough for every column (120 columns).
    static let wideTitles = ["街道 / 社区", "社区数", "劳动者", "摸底", "服务", "参与率", "带动", "当前得分", "自评", "初评", "评选状态", "问题"]
    /// Column widths, each with room for a space after its text: a street of a district sums to millions (劳动者
    /// 8 digits, 摸底 and 服务 7); 状态 holds `已签署·已锁定` where wide. The name column (0) takes what the others
    /// leave (up to 26).
    static let fixedWidths = [0, 7, 9, 8, 8, 8, 6, 10, 6, 6, 14, 6]
    /// Where narrower (80 columns), the register counts 摸底 and 服务 give way to the evaluation's columns and the
    /// status is a short word, so 问题 still fits.
    static let narrowWidths = [0, 7, 9, 0, 0, 8, 6, 7, 6, 6, 9, 6]
    /// The name column's width below which the narrow layout is used.
    static let nameRoom = 16

    static func isWide(_ width: Int) -> Bool { width - fixedWidths.reduce(0, +) >= nameRoom }

    static func widths(_ width: Int) -> [Int] {
        var w = isWide(width) ? fixedWidths : narrowWidths
        // Up to 26 columns (a long community name); the numbers stay near the names on a wide screen.
        w[0] = min(26, max(10, width - w.reduce(0, +)))
        return w
    }

    /// The list's inner width on this screen.
    static func innerWidth(_ state: AppState) -> Int { bodyRect(state).inset(by: 1).width }

    /// The columns shown at this width, in order (the sort keys cycle through these only).
    static func visibleColumns(_ width: Int) -> [Int] { widths(width).indices.filter { $0 == 0 || widths(width)[$0] > 0 } }

    /// How a street reads: its name, or that none was recorded.
    static func streetName(_ street: String) -> String { street.isEmpty ? "（未填街道）" : street }

    struct Line {
        let row: OverviewRow
        let cells: [String]
        /// Sort keys by column (the name column sorts by the name itself).
        let keys: [Double]
        /// The name spelled in pinyin: names sort as a clerk reads them, not by code point.
        let nameKey: String
        let errors: Int
    }

    /// A line's cells and keys from figures summed over its communities: the same arithmetic for a street as for
    /// one community (participation = participants / labour force; jobs = jobs created per entrepreneur).
    private static func line(_ row: OverviewRow, name: String, count: String, labourForce: Int, facts: ScoreFacts, persons: Int,
                             services: Int, total: String, totalKey: Double, evaluation: EvaluationCells) -> Line {
        let participation = facts[.labourForce] > 0 ? Double(facts[.participants]) / Double(facts[.labourForce]) : 0
        let jobs = facts[.entrepreneurs] > 0 ? Double(facts[.entrepreneurJobs]) / Double(facts[.entrepreneurs]) : 0
        let problems = facts[.errorRecords] + facts[.warningRecords]
        return Line(row: row, cells: [name, count, String(labourForce), String(persons), String(services),
                                      String(format2: participation * 100) + "%", String(format2: jobs), total]
                        + evaluation.cells + [problems == 0 ? "" : String(problems)],
                    keys: [0, Double(count) ?? 0, Double(labourForce), Double(persons), Double(services), participation, jobs, totalKey]
                        + evaluation.keys + [Double(problems)],
                    nameKey: Pinyin.spelled(name.trimmingSpaces()), errors: facts[.errorRecords])
    }

    /// The 自评, 初评 and 状态 cells with their sort keys (a missing figure sorts below every score).
    struct EvaluationCells {
        let cells: [String]
        let keys: [Double]

        /// A community's: its submission, its begun 初评 and its status (short where narrow).
        init(_ e: Evaluation?, wide: Bool) {
            let status = EvaluationStatus(e)
            cells = [e.map { "\($0.selfTotal)" } ?? "", e?.reviewTotal.map { "\($0)" } ?? "", wide ? status.rawValue : status.short]
            keys = [e?.selfTotal.asDouble ?? -1, e?.reviewTotal?.asDouble ?? -1,
                    Double(EvaluationStatus.allCases.firstIndex(of: status) ?? 0)]
        }

        /// A street's: no score (the communities' scores are not summed), and how many of its communities have
        /// submitted (`已提交 2/3`; `已交2/3` where narrow).
        init(street figures: [CommunityFigures], wide: Bool) {
            let submitted = figures.filter { $0.evaluation != nil }.count
            cells = ["", "", (wide ? "已提交 " : "已交") + "\(submitted)/\(figures.count)"]
            keys = [-1, -1, figures.isEmpty ? 0 : Double(submitted) / Double(figures.count)]
        }
    }

    /// Every row in order: each street's heading, then its communities (indented).
    static func lines(_ state: AppState, _ o: OverviewState) -> [Line] {
        let wide = isWide(innerWidth(state))
        let communityRubric = state.rubrics.first { $0.id == "xining-community" }
        let streetRubric = state.rubrics.first { $0.id == "xining-street" }
        let byStreet = Dictionary(grouping: o.figures, by: { $0.community.street })
        var groups: [(street: Line, communities: [Line])] = byStreet.map { street, figures in
            let communities = figures.map { f -> Line in
                let total = communityRubric.map { ScoreEngine.evaluate($0, facts: f.facts, checklist: f.community.checklist).total } ?? .zero
                return line(.community(code: f.community.code), name: "  " + f.community.name, count: "", labourForce: f.community.labourForce,
                            facts: f.facts, persons: f.persons, services: f.services, total: "\(total)", totalKey: total.asDouble,
                            evaluation: EvaluationCells(f.evaluation, wide: wide))
            }
            // The street table over the union of its communities, without the self-assessed items (※ estimated).
            let facts = figures.reduce(ScoreFacts()) { $0 + $1.facts }
            let score = streetRubric.map { ScoreEngine.evaluate($0, facts: facts, checklist: [:]).total }
            let heading = line(.street(street), name: streetName(street), count: String(figures.count),
                               labourForce: figures.reduce(0) { $0 + $1.community.labourForce }, facts: facts,
                               persons: figures.reduce(0) { $0 + $1.persons }, services: figures.reduce(0) { $0 + $1.services },
                               total: score.map { "\($0)※" } ?? "", totalKey: score?.asDouble ?? 0,
                               evaluation: EvaluationCells(street: figures, wide: wide))
            return (heading, communities.sorted { precedes($0, $1, o) })
        }
        groups.sort { precedes($0.street, $1.street, o) }
        return groups.flatMap { [$0.street] + $0.communities }
    }

    /// Order by the sort column (names by pinyin, numbers by value), ties by name so the order is stable.
    private static func precedes(_ a: Line, _ b: Line, _ o: OverviewState) -> Bool {
        let column = o.sortColumn
        let name = a.nameKey == b.nameKey ? a.cells[0].compare(b.cells[0], options: .numeric)
            : a.nameKey.compare(b.nameKey, options: .numeric)
        if column > 0, a.keys[column] != b.keys[column] { return o.descending ? a.keys[column] > b.keys[column] : a.keys[column] < b.keys[column] }
        if column == 0, name != .orderedSame { return o.descending ? name == .orderedDescending : name == .orderedAscending }
        return name == .orderedAscending
    }

    /// Rows of the list at the screen's size: the body's panel less its border and the heading line.
    static func listHeight(_ state: AppState) -> Int { max(1, bodyRect(state).inset(by: 1).height - 1) }

    static func draw(_ state: AppState, _ o: OverviewState, in rect: Rect, into buffer: inout Buffer) {
        let lines = lines(state, o)
        let streets = lines.filter { if case .street = $0.row { true } else { false } }.count
        let inner = Panel.draw("督导总览：\(streets)个街道，\(o.figures.count)个社区（←→ 排序，Enter 街道或社区的台账，a 全区）", in: rect, into: &buffer)
        let widths = widths(inner.width)
        let shown = visibleColumns(inner.width)
        let names = isWide(inner.width) ? wideTitles : titles
        var header = ""
        for i in shown {
            let mark = i == o.sortColumn ? (o.descending ? "↓" : "↑") : ""
            header += DisplayWidth.column(names[i] + mark, widths[i])
        }
        buffer.put(header, x: inner.x, y: inner.y, style: .title, maxWidth: inner.width)
        // A cell never runs into the next: one column of each width is the gap.
        let rows = lines.map { line in shown.map { DisplayWidth.column(line.cells[$0], widths[$0]) }.joined() }
        ListView.draw(rows, state: o.list, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: listHeight(state)),
                      into: &buffer) { i in
            if case .street = lines[i].row { return .title }
            return lines[i].errors > 0 ? .error : .plain
        }
    }
}

func overviewKey(_ state: inout AppState, _ overview: OverviewState, _ key: Key) -> [Effect] {
    var o = overview
    // Moving needs only the number of rows; the rows themselves (every community scored) only for a key that
    // acts on the selected one or re-sorts.
    let count = o.figures.count + Set(o.figures.map(\.community.street)).count
    func selected() -> OverviewRow? {
        let lines = OverviewScreen.lines(state, o)
        return o.list.selected < lines.count ? lines[o.list.selected].row : nil
    }
    /// Re-sorted by `change`, the selection stays on the same street or community.
    func resort(_ change: (inout OverviewState) -> Void) {
        let row = selected()
        change(&o)
        o.list = ListState(selected: OverviewScreen.lines(state, o).firstIndex { $0.row == row } ?? 0)
        o.list.move(0, count: count, visibleRows: OverviewScreen.listHeight(state))
    }
    switch key {
    case .up, .down: o.list.move(key == .up ? -1 : 1, count: count, visibleRows: OverviewScreen.listHeight(state))
    case .pageUp, .pageDown:
        let rows = OverviewScreen.listHeight(state)
        o.list.move(key == .pageUp ? -rows : rows, count: count, visibleRows: rows)
    case .left, .right:
        // Through the columns shown (a hidden one would sort by figures the operator cannot see).
        let shown = OverviewScreen.visibleColumns(OverviewScreen.innerWidth(state))
        let at = shown.firstIndex(of: o.sortColumn) ?? 0
        resort { $0.sortColumn = shown[(at + (key == .left ? -1 : 1) + shown.count) % shown.count] }
    case .character(" "):
        resort { $0.descending.toggle() }
    case .enter, .character("i"), .character("j"):
        switch selected() {
        case .street(let street)?:
            // A street's heading: Enter and j open its register; there is no community to enter.
            guard key != .character("i") else { state.show("请选择一个社区再按 i 进入", error: true); break }
            state.screen = .overview(o)
            return openDistrict(&state, DistrictScopeQuery(street: street))
        case .community(let code)?:
            guard let c = state.communities.first(where: { $0.code == code }) else { break }
            state.community = c
            switch key {
            case .enter: return [.loadFacts(community: c.code)] + openDistrict(&state, DistrictScopeQuery(community: c.code))
            case .character("j"): return [.loadFacts(community: c.code)] + openDistrict(&state, DistrictScopeQuery(street: c.street))
            default:
                state.screen = .home
                return [.loadFacts(community: c.code)]
            }
        case nil: break
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
