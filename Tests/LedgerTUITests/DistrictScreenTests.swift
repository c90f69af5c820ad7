import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 24: the supervisor's register over a street or the district, and search anywhere.
struct DistrictScreenTests {
    static let south = Community(code: "630102002", name: "南关社区", street: "八一路街道", district: "城东区", labourForce: 10,
                                 period: testCommunity.period)
    static let far = Community(code: "630102101", name: "凤凰山社区", street: "南山街道", district: "城东区", labourForce: 10,
                               period: testCommunity.period)

    /// The overview of three communities (two streets), at a size.
    static func overview(width: Int, height: Int) -> AppState {
        var state = homeState(width: width, height: height)
        _ = reduce(&state, .communitiesLoaded([testCommunity, south, far]))
        press(&state, [.character("o")])
        _ = reduce(&state, .overviewLoaded([testCommunity, south, far].map {
            CommunityFigures(community: $0, facts: ScoreFacts(), persons: 0, services: 0)
        }))
        return state
    }

    static func person(_ id: Int64, _ name: String, _ idNumber: String, community: String, status: String = "有创业意愿") -> RegisterRow {
        var row = RegisterRow(id: id, fields: ["name": name, "id_number": idNumber, "gender": "男", "phone": "13912345678",
                                               "status": status, "survey_date": "2024-03-15", "trained": "否"],
                              deleted: false, deletedReason: nil, errors: 0, warnings: id == 7 ? 1 : 0)
        row.community = community
        return row
    }

    static let rows = [
        person(1, "张三", "630102199003070116", community: "630102001"),
        person(7, "李四", "63010219880412022X", community: "630102002", status: "已创业"),
        person(9, "张山", "630102199202020218", community: "630102101"),
    ]

    static func allQuery(_ state: AppState, sort: String = "id", scope: DistrictScopeQuery = DistrictScopeQuery()) -> DistrictPageQuery {
        DistrictPageQuery(scope: scope, page: PageQuery(register: .survey, community: "", sort: sort, limit: state.pageSize,
                                                        deleted: false, problemsOnly: false, status: nil, trained: nil))
    }

    @Test func theDistrictRegisterListsEveryCommunitysRowsWithACommunityColumnAt80x24() {
        var state = Self.overview(width: 80, height: 24)
        let effects = press(&state, [.character("a")])
        #expect(effects == [.loadDistrictPage(Self.allQuery(state))])
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state), Self.rows))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 全区 [摸底台账]  服务台账   工作台账",
            "",
            " 社区        编号 姓名          公民身份号码       创业状态   摸底日期   问题",
            " 八一路社区  1    张三          630102********0116 有创业意愿 2024-03-15",
            " 南关社区    7    李四          630102********022X 已创业     2024-03-15 !警告",
            " 凤凰山社区  9    张山          630102********0218 有创业意愿 2024-03-15",
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
    }

    @Test func theStreetRegisterAt120x40AndItsFilters() {
        var state = Self.overview(width: 120, height: 40)
        // The first row, 八一路街道's (sorted by total, all 0, so by name), opens its register
        let effects = press(&state, [.character("j")])
        let street = DistrictScopeQuery(street: "八一路街道")
        #expect(effects.contains(.loadDistrictPage(Self.allQuery(state, scope: street))))
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state, scope: street), Array(Self.rows.prefix(2))))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            " 八一路街道 [摸底台账]  服务台账   工作台账",
            "",
            " 社区        编号 姓名                公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 八一路社区  1    张三                630102********0116 男   139****5678  有创业意愿 2024-03-15 否",
            " 南关社区    7    李四                630102********022X 男   139****5678  已创业     2024-03-15 否   !警告",
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
            " ↑↓选择 Enter打开 /搜索 h历史 j街道 c社区 s排序 f状态 g类别 t培训 w日期 x已删 p问题 Tab换表 F1帮助",
        ])
        // j moves to the next street, c then picks that street's community; s sorts by name across them
        #expect(press(&state, [.character("j")]) == [.loadDistrictPage(Self.allQuery(state, scope: DistrictScopeQuery(street: "南山街道")))])
        #expect(press(&state, [.character("c")]) == [.loadDistrictPage(Self.allQuery(state, scope: DistrictScopeQuery(street: "南山街道", community: "630102101")))])
        #expect(press(&state, [.character("j")]) == [.loadDistrictPage(Self.allQuery(state))])
        // h shows the selected record's history; Esc comes back to the district register, read again
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state), Self.rows))
        #expect(press(&state, [.down, .character("h")]) == [.loadHistory(.survey, id: 7)])
        guard case .history = state.screen else { Issue.record("no history"); return }
        var again = Self.allQuery(state)
        again.page.after = PageQuery.Boundary(value: "", id: 0) // from the first row shown (id 1) on
        #expect(press(&state, [.escape]) == [.loadDistrictPage(again)])
        guard case .district = state.screen else { Issue.record("not back in the district register"); return }
        #expect(press(&state, [.character("s")]) == [.loadDistrictPage(Self.allQuery(state, sort: "name"))])
        // An answer to an earlier query is dropped
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state, scope: street), Array(Self.rows.prefix(1))))
        guard case .district(let d) = state.screen else { Issue.record("not the district register"); return }
        #expect(d.browser.rows.map(\.id) == [1, 7, 9])
    }

    @Test func searchAnywhereShowsPersonsGroupedByCommunityAsYouTypeAndOpensThemReadOnly() {
        var state = Self.overview(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded(["630102001"]))
        press(&state, [.character("a")])
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state), Self.rows))
        #expect(press(&state, [.character("/")] + type("zs")) == [.searchDistrict(DistrictScopeQuery(), query: "z"),
                                                                    .searchDistrict(DistrictScopeQuery(), query: "zs")])
        let hits = DistrictHits(groups: [
            .init(community: testCommunity, persons: [PersonHit(id: 1, name: "张三", idNumber: "630102199003070116", status: "有创业意愿"),
                                                      PersonHit(id: 3, name: "张森", idNumber: "630102199003070132", status: "已创业")]),
            .init(community: Self.far, persons: [PersonHit(id: 9, name: "张山", idNumber: "630102199202020218", status: "有创业意愿")]),
        ], truncated: false)
        // The answer to "z" arrives after the one to "zs": only what is typed now is shown
        _ = reduce(&state, .districtFound(query: "zs", hits))
        _ = reduce(&state, .districtFound(query: "z", DistrictHits(groups: [], truncated: true)))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 全区 [摸底台账]  服务台账   工作台账   搜索人员：zs",
            "",
            " 社区        姓名        公民身份号码        创业状态",
            " 八一路社区  张三        630102********0116  有创业意愿",
            "             张森        630102********0132  已创业",
            " 凤凰山社区  张山        630102********0218  有创业意愿",
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
            " 输入姓名、拼音首字母或身份证号（开头或后四位），边输边查  Enter完成  Esc取消",
        ])
        // Enter ends typing; ↓↓ Enter opens 张山 in 凤凰山社区, which this clerk may not change
        let opened = press(&state, [.enter, .down, .down, .enter])
        #expect(opened == [.loadFacts(community: "630102101"), .openRecord(.survey, id: 9, focus: nil)])
        #expect(state.community?.code == "630102101" && !state.canWrite)
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 9, version: 1, originalFields: [
            "name": "张山", "id_number": "630102199202020218", "phone": "13912345671", "status": "有创业意愿",
            "remarks": "曾用号码630102199202020218"]), accepted: [:], focus: nil))
        expectScreen(render(state), [
            " 凤凰山社区（630102101）［只读］ │ 考核期 2024-01-01..2024-12-31    操作员 王芳",
            "┌─ 凤凰山社区 摸底台账 第9号记录（只读） ──────────────────────────────────────┐",
            "│ 姓名：张山                                                                   │",
            "│ 公民身份号码：630102********0218                                             │",
            "│ 联系电话：139****5671                                                        │",
            "│ 创业状态：有创业意愿                                                         │",
            "│ 备注：曾用号码630102********0218                                             │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓滚动  Esc返回（只读：您无权修改本社区的记录）",
        ])
        // Esc closes the view: the search results are still there; Esc again back to the register
        press(&state, [.escape])
        guard case .district(let d) = state.screen else { Issue.record("not in the district register"); return }
        #expect(d.viewing == nil && d.hits == hits)
        #expect(press(&state, [.escape]) == [.loadDistrictPage(Self.allQuery(state))])
    }

    @Test func aRecordTheOperatorMayChangeOpensInAFormThatReturnsToTheDistrictRegister() {
        var state = Self.overview(width: 80, height: 24)
        _ = reduce(&state, .accessLoaded(["630102001"]))
        press(&state, [.character("a")])
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state), Self.rows))
        #expect(press(&state, [.enter]) == [.loadFacts(community: "630102001"), .openRecord(.survey, id: 1, focus: nil)])
        _ = reduce(&state, .recordOpened(EditingRecord(register: .survey, id: 1, version: 1, originalFields: ["name": "张三"]),
                                         accepted: [:], focus: nil))
        #expect(state.form?.editing?.id == 1 && state.canWrite)
        // Leaving the form goes back to the district register, read again from its first row
        let back = press(&state, [.escape])
        guard case .district = state.screen else { Issue.record("not back in the district register"); return }
        var same = Self.allQuery(state)
        same.page.after = PageQuery.Boundary(value: "", id: 0)
        #expect(back == [.loadDistrictPage(same)])
        // A resize reads the page again at the new size, from the same row
        let resized = reduce(&state, .resized(width: 120, height: 40))
        same.page.limit = state.pageSize
        #expect(resized == [.loadDistrictPage(same)])
    }

    @Test func enterOnACommunityInTheOverviewOpensThatCommunitysRegister() {
        var state = Self.overview(width: 80, height: 24)
        // The first row is 八一路街道's; its first community below it
        let effects = press(&state, [.down, .enter])
        let one = DistrictScopeQuery(community: "630102001")
        #expect(effects == [.loadFacts(community: "630102001"), .loadDistrictPage(Self.allQuery(state, scope: one))])
        // Esc goes back to the overview; i still enters the community
        #expect(press(&state, [.escape]) == [.loadOverview])
        _ = reduce(&state, .overviewLoaded([testCommunity].map { CommunityFigures(community: $0, facts: ScoreFacts(), persons: 0, services: 0) }))
        press(&state, [.down, .character("i")])
        guard case .home = state.screen else { Issue.record("i did not enter the community"); return }
    }
    /// The community browser's filters on the district register: 人员类别 (g), a date range (w) and deleted
    /// records (x), besides 创业状态 (f), 培训 (t) and problems (p); each in the page query and in words above the table.
    @Test func theDistrictRegisterFiltersByCategoryDatesAndDeletedRecordsAt80x24() {
        var state = Self.overview(width: 80, height: 24)
        press(&state, [.character("a")])
        var query = Self.allQuery(state)
        query.page.category = "高校毕业生"
        #expect(press(&state, [.character("g")]) == [.loadDistrictPage(query)])
        // w asks for a range; text that is not one is refused with how to write it, and the filter stays off
        #expect(press(&state, [.character("w")] + type("2024-13")).isEmpty)
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message == "日期范围应写作 2024-01-01..2024-06-30（或一个月 2024-03、一年 2024）；留空为全部")
        press(&state, Array(repeating: .backspace, count: 7))
        query.page.dates = Period.parse("2024-03")
        #expect(press(&state, type("2024-03") + [.enter]) == [.loadDistrictPage(query)])
        query.page.deleted = true
        #expect(press(&state, [.character("x")]) == [.loadDistrictPage(query)])
        let alive = Self.person(4, "王五", "630102199105050313", community: "630102002")
        var gone = RegisterRow(id: 4, fields: alive.fields, deleted: true, deletedReason: "重复登记", errors: 0, warnings: 0)
        gone.community = alive.community
        _ = reduce(&state, .districtPageLoaded(query, [gone]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 全区 [摸底台账]  服务台账   工作台账   高校毕业生  2024-03-01..2024-03-31  显…",
            "",
            " 社区        编号 姓名          公民身份号码       创业状态   摸底日期   问题",
            " 南关社区    4    王五          630102********0313 有创业意愿 2024-03-15 已删除",
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
            " 删除理由：重复登记",
            "",
            " Enter打开 /搜索 h历史 j街道 c社区 s排序 f状态 g类别 t培训 w日期 x返回 F1帮助",
        ])
        // A deleted record is not opened for change
        #expect(press(&state, [.enter]).isEmpty)
        #expect(state.message == "已删除的记录不能修改，可在本社区的台账中按 x 再按 r 恢复")
        // x again, w with an empty range, g through every category back to all: the register unfiltered
        query.page.deleted = false
        query.page.dates = nil
        press(&state, [.character("x"), .character("w")] + Array(repeating: .backspace, count: 30) + [.enter])
        press(&state, Array(repeating: .character("g"), count: PersonCategory.allCases.count - 1))
        #expect(press(&state, [.character("g")]) == [.loadDistrictPage(Self.allQuery(state))])
        // An answer to the filtered query that arrives late is dropped
        _ = reduce(&state, .districtPageLoaded(query, [gone]))
        _ = reduce(&state, .districtPageLoaded(Self.allQuery(state), Self.rows))
        guard case .district(let d) = state.screen else { Issue.record("not the district register"); return }
        #expect(d.browser.rows.map(\.id) == [1, 7, 9])
        // F1 lists every key of the register shown
        press(&state, [.function(1)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 帮助：全区台账（督导）（↑↓ 滚动） ──────────────────────────────────────────┐",
            "│ ↑↓            选择一行；PgDn / PgUp 翻页，Home 第一页，End 本页末行          │",
            "│ Enter         打开所选记录：可修改的社区打开修改，保存后回到这里；无权修改的 │",
            "│               社区只读显示（号码遮盖）                                       │",
            "│ /             全区（或所选街道、社区）搜索人员：姓名、拼音首字母或身份证号开 │",
            "│               头、后四位，边输边查，按社区分组                               │",
            "│ h             所选记录的修改记录（谁、何时、改了什么）                       │",
            "│ j             按街道筛选：全区 → 各街道 → 全区                               │",
            "│ c             按社区筛选：当前街道（或全区）的各社区 → 全部                  │",
            "│ s             依次按各列排序（姓名按拼音，全区统一排序）                     │",
            "│ f             按创业状态筛选：有创业意愿 → 已创业 → 全部                     │",
            "│ g             按人员类别筛选，依次切换各类别，最后回到全部                   │",
            "│ t             按是否参加培训筛选：已培训 → 未培训 → 全部                     │",
            "│ w             按日期范围筛选（如 2024-01-01..2024-06-30、2024-03 或 2024）   │",
            "│ x             只显示已删除的记录 / 再按一次返回（恢复在本社区的台账中按 r）  │",
            "│ p             只显示有错误或未确认警告的记录 / 再按一次显示全部              │",
            "│ Tab           切换台账：摸底台账 → 服务台账 → 工作台账（Shift-Tab 反向）     │",
            "│ Esc           返回督导总览（q 同）                                           │",
            "│                                                                              │",
            "│ 社区一列说明记录属于哪个社区；身份证号和电话遮盖显示。排序和翻页对所选范围内↓│",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓ PgDn PgUp 滚动  其他键返回",
        ])
    }

    /// The footer keeps the keys that fit: at 120 columns all of them, Tab too.
    @Test func theFooterListsTheKeysThatFitAt120Columns() {
        var state = Self.overview(width: 120, height: 40)
        press(&state, [.character("a")])
        #expect(render(state).lines[39].trimmingSpaces()
            == "↑↓选择 Enter打开 /搜索 h历史 j街道 c社区 s排序 f状态 g类别 t培训 w日期 x已删 p问题 Tab换表 F1帮助")
    }
}
