import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// A street supervisor's register is named for the street, not 全区; at 120 columns the 社区 column is as wide as
/// the longest community name.
struct StreetRegisterTests {
    static let long = Community(code: "630102003", name: "八一路东村新建小区联合社区", street: "八一路街道", district: "城东区",
                                labourForce: 10, period: testCommunity.period)

    /// The register of everything a supervisor reads, opened from the overview with `a`.
    static func register(_ communities: [Community], width: Int, height: Int) -> AppState {
        var state = homeState(width: width, height: height)
        _ = reduce(&state, .communitiesLoaded(communities))
        press(&state, [.character("o")])
        _ = reduce(&state, .overviewLoaded(communities.map { CommunityFigures(community: $0, facts: ScoreFacts(), persons: 0, services: 0) }))
        press(&state, [.character("a")])
        let rows = [
            DistrictScreenTests.person(1, "张三", "630102199003070116", community: "630102001"),
            DistrictScreenTests.person(7, "李四", "63010219880412022X", community: "630102003", status: "已创业"),
        ]
        _ = reduce(&state, .districtPageLoaded(DistrictScreenTests.allQuery(state), rows))
        return state
    }

    @Test func theRegisterOfOneStreetsCommunitiesIsNamedForTheStreet() {
        let state = Self.register([testCommunity, Self.long], width: 80, height: 24)
        #expect(render(state).trimmedLines[1] == " 八一路街道 [摸底台账]  服务台账   工作台账")
        let district = Self.register([testCommunity, DistrictScreenTests.far], width: 80, height: 24)
        #expect(render(district).trimmedLines[1] == " 全区 [摸底台账]  服务台账   工作台账")
    }

    @Test func at120ColumnsTheCommunityColumnHoldsTheLongestName() {
        let state = Self.register([testCommunity, Self.long], width: 120, height: 40)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            " 八一路街道 [摸底台账]  服务台账   工作台账",
            "",
            " 社区                       编号 姓名            公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 八一路社区                 1    张三            630102********0116 男   139****5678  有创业意愿 2024-03-15 否",
            " 八一路东村新建小区联合社区 7    李四            630102********022X 男   139****5678  已创业     2024-03-15 否   !警告",
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
    }
}
