import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 24 item 3: the overview lists each street as a row above its communities; Enter opens the register of the
/// selected street or community.
struct OverviewStreetTests {
    /// `count` communities of a street ("" for none recorded), codes from `first`, persons rising with the code.
    static func communities(_ street: String, _ names: [String], first: Int) -> [Community] {
        names.enumerated().map { i, name in
            Community(code: "630102\(String(format: "%03d", first + i))", name: name, street: street, district: "城东区",
                      labourForce: 100 * (i + 1), period: testCommunity.period)
        }
    }

    static func figures(_ communities: [Community]) -> [CommunityFigures] {
        communities.enumerated().map { i, c in
            var facts = ScoreFacts()
            facts[.labourForce] = c.labourForce
            facts[.registered] = 10 * (i + 1) // the persons below, so the registers have records to be complete
            facts[.participants] = (i % 4) * 2
            facts[.entrepreneurs] = i % 3
            facts[.entrepreneurJobs] = (i % 3) * 2
            facts[.errorRecords] = i == 2 ? 1 : 0
            facts[.warningRecords] = i % 5 == 1 ? 2 : 0
            return CommunityFigures(community: c, facts: facts, persons: 10 * (i + 1), services: i)
        }
    }

    /// The overview over `list`, at a size.
    static func overview(_ list: [Community], width: Int, height: Int) -> AppState {
        var state = homeState(width: width, height: height)
        _ = reduce(&state, .communitiesLoaded(list))
        press(&state, [.character("o")])
        _ = reduce(&state, .overviewLoaded(figures(list)))
        return state
    }

    static func pageQuery(_ state: AppState, _ scope: DistrictScopeQuery) -> Effect {
        .loadDistrictPage(DistrictPageQuery(scope: scope, page: PageQuery(register: .survey, community: "", sort: "id", limit: state.pageSize,
                                                                         deleted: false, problemsOnly: false, status: nil, trained: nil)))
    }

    /// Two streets of six communities and five communities with no street: 20 rows, two more than the list holds
    /// at 80×24 (18 rows).
    static let district = communities("八一路街道", ["八一路社区", "南关社区", "东关社区", "西关社区", "北关社区", "红星社区"], first: 1)
        + communities("南山街道", ["凤凰山社区", "南山社区", "花园社区", "建设社区", "团结社区", "和平社区"], first: 11)
        + communities("", ["新村社区", "湖滨社区", "林场社区", "果园社区", "河湾社区"], first: 21)

    @Test func streetsAreRowsAboveTheirCommunitiesAndScrollAt80x24() {
        var state = Self.overview(Self.district, width: 80, height: 24)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 督导总览：3个街道，17个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ─────┐",
            "│街道 / 社区   社区数 劳动者   参与率  带动  当前↓  自评  初评  状态     问题  │",
            "│南山街道      6      2100     1.05%   2.00  19※                已交0/6  4     │",
            "│  花园社区           300      0.00%   2.00  7                  未提交         │",
            "│  建设社区           400      0.50%   0.00  7                  未提交         │",
            "│  南山社区           200      3.00%   2.00  7                  未提交         │",
            "│  团结社区           500      0.80%   2.00  7                  未提交         │",
            "│  凤凰山社区         100      4.00%   0.00  5                  未提交   2     │",
            "│  和平社区           600      1.00%   2.00  5                  未提交   2     │",
            "│（未填街道）  5      1500     0.80%   2.00  19※                已交0/5  2     │",
            "│  果园社区           400      1.50%   0.00  7                  未提交         │",
            "│  湖滨社区           200      1.00%   2.00  7                  未提交         │",
            "│  林场社区           300      1.33%   2.00  7                  未提交         │",
            "│  新村社区           100      0.00%   0.00  7                  未提交         │",
            "│  河湾社区           500      0.00%   2.00  5                  未提交   2     │",
            "│八一路街道    6      2100     0.67%   2.00  17※                已交0/6  3     │",
            "│  八一路社区         100      0.00%   0.00  7                  未提交         │",
            "│  北关社区           500      0.00%   2.00  7                  未提交         │",
            "│  红星社区           600      0.33%   2.00  7                  未提交         │",
            "│  西关社区           400      1.50%   0.00  7                  未提交         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        // ↓ to the last row: the list scrolls so the selected row stays in the panel
        press(&state, Array(repeating: .down, count: 20))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 督导总览：3个街道，17个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ─────┐",
            "│街道 / 社区   社区数 劳动者   参与率  带动  当前↓  自评  初评  状态     问题  │",
            "│  建设社区           400      0.50%   0.00  7                  未提交         │",
            "│  南山社区           200      3.00%   2.00  7                  未提交         │",
            "│  团结社区           500      0.80%   2.00  7                  未提交         │",
            "│  凤凰山社区         100      4.00%   0.00  5                  未提交   2     │",
            "│  和平社区           600      1.00%   2.00  5                  未提交   2     │",
            "│（未填街道）  5      1500     0.80%   2.00  19※                已交0/5  2     │",
            "│  果园社区           400      1.50%   0.00  7                  未提交         │",
            "│  湖滨社区           200      1.00%   2.00  7                  未提交         │",
            "│  林场社区           300      1.33%   2.00  7                  未提交         │",
            "│  新村社区           100      0.00%   0.00  7                  未提交         │",
            "│  河湾社区           500      0.00%   2.00  5                  未提交   2     │",
            "│八一路街道    6      2100     0.67%   2.00  17※                已交0/6  3     │",
            "│  八一路社区         100      0.00%   0.00  7                  未提交         │",
            "│  北关社区           500      0.00%   2.00  7                  未提交         │",
            "│  红星社区           600      0.33%   2.00  7                  未提交         │",
            "│  西关社区           400      1.50%   0.00  7                  未提交         │",
            "│  南关社区           200      1.00%   2.00  5                  未提交   2     │",
            "│  东关社区           300      1.33%   2.00  3                  未提交   1     │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        #expect(selectedLine(render(state))?.hasPrefix("│  东关社区") == true)
        // Enter on a community row opens that community's register
        #expect(press(&state, [.enter]) == [.loadFacts(community: "630102003"), Self.pageQuery(state, DistrictScopeQuery(community: "630102003"))])
        #expect(state.community?.name == "东关社区")
    }

    @Test func enterOnAStreetOpensItsRegisterAndEscComesBackToTheSameRow() {
        var state = Self.overview(Self.district, width: 80, height: 24)
        // The first row is the first street (sorted by 总分, descending, streets by their street score)
        guard case .overview(let o) = state.screen else { Issue.record("not the overview"); return }
        let lines = OverviewScreen.lines(state, o)
        guard case .street(let street) = lines[0].row else { Issue.record("the first row is not a street"); return }
        #expect(press(&state, [.enter]) == [Self.pageQuery(state, DistrictScopeQuery(street: street))])
        guard case .district(let d) = state.screen else { Issue.record("not the district register"); return }
        #expect(d.scope == DistrictScopeQuery(street: street))
        // The street without a name: its register covers the communities with no street recorded
        press(&state, [.escape])
        guard case .overview(let back) = state.screen else { Issue.record("not back in the overview"); return }
        #expect(back.list.selected == 0)
        let unnamed = lines.firstIndex { $0.row == .street("") } ?? 0
        press(&state, Array(repeating: .down, count: unnamed))
        #expect(selectedLine(render(state))?.hasPrefix("│（未填街道）") == true)
        #expect(press(&state, [.enter]) == [Self.pageQuery(state, DistrictScopeQuery(street: ""))])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " （未填街道） [摸底台账]  服务台账   工作台账",
            "",
            " 社区        编号 姓名          公民身份号码       创业状态   摸底日期   问题",
            " （没有记录）",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter打开 /搜索 h历史 j街道 c社区 s排序 f状态 g类别 t培训 w日期 p问题 F1帮助",
        ])
        // i on a street says to choose a community; a still opens the whole district
        press(&state, [.escape])
        #expect(press(&state, [.character("i")]).isEmpty)
        #expect(state.message == "请选择一个社区再按 i 进入")
        #expect(press(&state, [.character("a")]) == [Self.pageQuery(state, DistrictScopeQuery())])
    }

    @Test func fiveStreetsOfEightCommunitiesScrollPageByPageAt120x40() {
        let names = ["东", "西", "南", "北", "中", "新", "老", "上"]
        let streets = ["城东街道", "城西街道", "城南街道", "城北街道", "城中街道"]
        let list = streets.enumerated().flatMap { s, street in
            Self.communities(street, names.map { "\(street.prefix(2))\($0)社区" }, first: 100 + 10 * s)
        }
        var state = Self.overview(list, width: 120, height: 40)
        // Sorted by name (← seven times from 总分 to the first column), ascending (space): the selection stays on
        // the street it was on, 城南街道 (the second by 总分, ties by name; the third by name)
        press(&state, Array(repeating: .down, count: 9))
        #expect(selectedLine(render(state))?.hasPrefix("│城南街道") == true)
        press(&state, Array(repeating: .left, count: 7) + [.character(" ")])
        #expect(selectedLine(render(state))?.hasPrefix("│城南街道") == true)
        guard case .overview(let sorted) = state.screen else { Issue.record("not the overview"); return }
        #expect(sorted.list.selected == 18)
        press(&state, Array(repeating: .up, count: 18))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            "┌─ 督导总览：5个街道，40个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ─────────────────────────────────────────────┐",
            "│街道 / 社区↑              社区数 劳动者   摸底    服务    参与率  带动  当前得分  自评  初评  评选状态      问题      │",
            "│城北街道                  8      3600     2280    220     0.67%   2.00  19※                   已提交 0/8    4         │",
            "│  城北北社区                     400      280     27      1.50%   0.00  7                     未提交                  │",
            "│  城北东社区                     100      250     24      0.00%   0.00  7                     未提交                  │",
            "│  城北老社区                     700      310     30      0.57%   0.00  7                     未提交                  │",
            "│  城北南社区                     300      270     26      1.33%   2.00  5                     未提交        2         │",
            "│  城北上社区                     800      320     31      0.75%   2.00  5                     未提交        2         │",
            "│  城北西社区                     200      260     25      1.00%   2.00  7                     未提交                  │",
            "│  城北新社区                     600      300     29      0.33%   2.00  7                     未提交                  │",
            "│  城北中社区                     500      290     28      0.00%   2.00  7                     未提交                  │",
            "│城东街道                  8      3600     360     28      0.67%   2.00  17※                   已提交 0/8    5         │",
            "│  城东北社区                     400      40      3       1.50%   0.00  7                     未提交                  │",
            "│  城东东社区                     100      10      0       0.00%   0.00  7                     未提交                  │",
            "│  城东老社区                     700      70      6       0.57%   0.00  5                     未提交        2         │",
            "│  城东南社区                     300      30      2       1.33%   2.00  3                     未提交        1         │",
            "│  城东上社区                     800      80      7       0.75%   2.00  7                     未提交                  │",
            "│  城东西社区                     200      20      1       1.00%   2.00  5                     未提交        2         │",
            "│  城东新社区                     600      60      5       0.33%   2.00  7                     未提交                  │",
            "│  城东中社区                     500      50      4       0.00%   2.00  7                     未提交                  │",
            "│城南街道                  8      3600     1640    156     0.67%   2.00  19※                   已提交 0/8    4         │",
            "│  城南北社区                     400      200     19      1.50%   2.00  7                     未提交                  │",
            "│  城南东社区                     100      170     16      0.00%   2.00  5                     未提交        2         │",
            "│  城南老社区                     700      230     22      0.57%   2.00  7                     未提交                  │",
            "│  城南南社区                     300      190     18      1.33%   0.00  7                     未提交                  │",
            "│  城南上社区                     800      240     23      0.75%   2.00  7                     未提交                  │",
            "│  城南西社区                     200      180     17      1.00%   2.00  7                     未提交                  │",
            "│  城南新社区                     600      220     21      0.33%   0.00  5                     未提交        2         │",
            "│  城南中社区                     500      210     20      0.00%   2.00  7                     未提交                  │",
            "│城西街道                  8      3600     1000    92      0.67%   2.00  19※                   已提交 0/8    2         │",
            "│  城西北社区                     400      120     11      1.50%   2.00  5                     未提交        2         │",
            "│  城西东社区                     100      90      8       0.00%   2.00  7                     未提交                  │",
            "│  城西老社区                     700      150     14      0.57%   2.00  7                     未提交                  │",
            "│  城西南社区                     300      110     10      1.33%   2.00  7                     未提交                  │",
            "│  城西上社区                     800      160     15      0.75%   0.00  7                     未提交                  │",
            "│  城西西社区                     200      100     9       1.00%   0.00  7                     未提交                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        press(&state, [.pageDown])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            "┌─ 督导总览：5个街道，40个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ─────────────────────────────────────────────┐",
            "│街道 / 社区↑              社区数 劳动者   摸底    服务    参与率  带动  当前得分  自评  初评  评选状态      问题      │",
            "│  城北北社区                     400      280     27      1.50%   0.00  7                     未提交                  │",
            "│  城北东社区                     100      250     24      0.00%   0.00  7                     未提交                  │",
            "│  城北老社区                     700      310     30      0.57%   0.00  7                     未提交                  │",
            "│  城北南社区                     300      270     26      1.33%   2.00  5                     未提交        2         │",
            "│  城北上社区                     800      320     31      0.75%   2.00  5                     未提交        2         │",
            "│  城北西社区                     200      260     25      1.00%   2.00  7                     未提交                  │",
            "│  城北新社区                     600      300     29      0.33%   2.00  7                     未提交                  │",
            "│  城北中社区                     500      290     28      0.00%   2.00  7                     未提交                  │",
            "│城东街道                  8      3600     360     28      0.67%   2.00  17※                   已提交 0/8    5         │",
            "│  城东北社区                     400      40      3       1.50%   0.00  7                     未提交                  │",
            "│  城东东社区                     100      10      0       0.00%   0.00  7                     未提交                  │",
            "│  城东老社区                     700      70      6       0.57%   0.00  5                     未提交        2         │",
            "│  城东南社区                     300      30      2       1.33%   2.00  3                     未提交        1         │",
            "│  城东上社区                     800      80      7       0.75%   2.00  7                     未提交                  │",
            "│  城东西社区                     200      20      1       1.00%   2.00  5                     未提交        2         │",
            "│  城东新社区                     600      60      5       0.33%   2.00  7                     未提交                  │",
            "│  城东中社区                     500      50      4       0.00%   2.00  7                     未提交                  │",
            "│城南街道                  8      3600     1640    156     0.67%   2.00  19※                   已提交 0/8    4         │",
            "│  城南北社区                     400      200     19      1.50%   2.00  7                     未提交                  │",
            "│  城南东社区                     100      170     16      0.00%   2.00  5                     未提交        2         │",
            "│  城南老社区                     700      230     22      0.57%   2.00  7                     未提交                  │",
            "│  城南南社区                     300      190     18      1.33%   0.00  7                     未提交                  │",
            "│  城南上社区                     800      240     23      0.75%   2.00  7                     未提交                  │",
            "│  城南西社区                     200      180     17      1.00%   2.00  7                     未提交                  │",
            "│  城南新社区                     600      220     21      0.33%   0.00  5                     未提交        2         │",
            "│  城南中社区                     500      210     20      0.00%   2.00  7                     未提交                  │",
            "│城西街道                  8      3600     1000    92      0.67%   2.00  19※                   已提交 0/8    2         │",
            "│  城西北社区                     400      120     11      1.50%   2.00  5                     未提交        2         │",
            "│  城西东社区                     100      90      8       0.00%   2.00  7                     未提交                  │",
            "│  城西老社区                     700      150     14      0.57%   2.00  7                     未提交                  │",
            "│  城西南社区                     300      110     10      1.33%   2.00  7                     未提交                  │",
            "│  城西上社区                     800      160     15      0.75%   0.00  7                     未提交                  │",
            "│  城西西社区                     200      100     9       1.00%   0.00  7                     未提交                  │",
            "│  城西新社区                     600      140     13      0.33%   2.00  7                     未提交                  │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        // PgDn moved the selection a page (34 rows) down: 城西新社区, on the list's last row
        #expect(selectedLine(render(state))?.hasPrefix("│  城西新社区") == true)
        // The last row, then Enter on its street's heading (↑ over its eight communities): 城中 (chengzhong) sorts last
        press(&state, [.pageDown] + Array(repeating: .up, count: 8))
        #expect(press(&state, [.enter]) == [Self.pageQuery(state, DistrictScopeQuery(street: "城中街道"))])
    }
}
