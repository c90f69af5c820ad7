import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// Columns of Chinese text never run into each other: a value as wide as its column, or wider, is cut with `…`
/// and keeps a blank cell before the next column, at 80×24 and at 120×40.
struct LongNamesLayoutTests {
    static let east = Community(code: "630102101", name: "测试东关社区", street: "测试东关街道", district: "测试城东区", labourForce: 100,
                                period: testCommunity.period)
    /// 32 columns: wider than the 社区 column even at 120 columns.
    static let south = Community(code: "630102102", name: "测试南川社区改名后很长很长的名字", street: "测试东关街道", district: "测试城东区",
                                 labourForce: 100, period: testCommunity.period)

    /// The register of a clerk of both communities (home `o`, then `a`), a person of each.
    static func register(width: Int, height: Int) -> AppState {
        var state = StreetRegisterTests.register([east, south], width: width, height: height)
        _ = reduce(&state, .accessLoaded([east.code, south.code]))
        state.community = east
        let rows = [
            DistrictScreenTests.person(1, "张测一", "630102199003010105", community: east.code),
            DistrictScreenTests.person(2, "张测一改", "630102199003020119", community: south.code, status: "已创业"),
        ]
        _ = reduce(&state, .districtPageLoaded(DistrictScreenTests.allQuery(state), rows))
        return state
    }

    /// The evaluation screen of a district supervisor whose sample holds a four-character and a longer name.
    static func evaluation(width: Int, height: Int) -> AppState {
        var state = homeState(width: width, height: height)
        state.community = south
        _ = reduce(&state, .roleLoaded(.districtSupervisor))
        press(&state, [.character("8")])
        let checks = [
            SpotCheck(position: 1, personId: 1, name: "张测一改", idNumber: "630102199003020119", stratum: "有创业意愿", result: .confirmed,
                      note: nil, checkedBy: "督导员", checkedAt: "2024-12-31T10:00:00", changesSinceCheck: 0),
            SpotCheck(position: 2, personId: 2, name: "欧阳测试名字", idNumber: "630102199003060153", stratum: "有创业意愿", result: nil,
                      note: nil, checkedBy: nil, checkedAt: nil, changesSinceCheck: 0),
        ]
        _ = reduce(&state, .evaluationUpdated(EvaluationScreenTests.evaluation(checks: checks), after: nil))
        return state
    }

    @Test func theDistrictRegisterKeepsTheCommunityApartFromTheNumberAt80x24() {
        expectScreen(render(Self.register(width: 80, height: 24)), [
            " 测试东关社区（630102101） │ 考核期 2024-01-01..2024-12-31          操作员 王芳",
            " 测试东关街道 [摸底台账]  服务台账   工作台账",
            "",
            " 社区          编号 姓名        公民身份号码       创业状态   摸底日期   问题",
            " 测试东关社区  1    张测一      630102********0105 有创业意愿 2024-03-15",
            " 测试南川社区… 2    张测一改    630102********0119 已创业     2024-03-15",
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
    }

    @Test func theDistrictRegisterKeepsTheCommunityApartFromTheNumberAt120x40() {
        expectScreen(render(Self.register(width: 120, height: 40)), [
            " 创业台账 │ 测试东关社区（630102101） │ 考核期 2024-01-01..2024-12-31                                       操作员 王芳",
            " 测试东关街道 [摸底台账]  服务台账   工作台账",
            "",
            " 社区                           编号 姓名        公民身份号码       性别 联系电话     创业状态   摸底日期   培训 问题",
            " 测试东关社区                   1    张测一      630102********0105 男   139****5678  有创业意愿 2024-03-15 否",
            " 测试南川社区改名后很长很长的…  2    张测一改    630102********0119 男   139****5678  已创业     2024-03-15 否",
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

    @Test func theEvaluationKeepsTheNameApartFromTheNumberAt80x24() {
        expectScreen(render(Self.evaluation(width: 80, height: 24)), [
            " 测试南川社区改名后很长很长的名字 │ 考核期 2024-01-01..2024-12-31   操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）              │",
            "│ 初评未签署                                                                   │",
            "│ ▶评分项                           满分  自评  初评  差异                     │",
            "│  劳动者创业参与率达到7%             15     0     0                           │",
            "│  创业带动就业指数达到3              15     0     0                           │",
            "│  成立创建工作领导小组                2     2     2                           │",
            "│  工作制度健全并执行                  2     0     0                           │",
            "│  创建工作方案                        3     0     0                           │",
            "│  三项补贴享受率100%                  6     0     0                           │",
            "│  建立摸底台账                        2     2     0    -2                     │",
            "│  创业培训率100%                      8     0     0                           │",
            "│  培训合格率100%                      4     0     0                           │",
            "│  培训后创业率达30%                   2     0     0                           │",
            "│  开设创业服务窗口                    2     0     0                           │",
            "│ 自评时实测 0%（0/40）    标准 ≥ 7%                                           │",
            "│ 随机抽样 种子 20241231  核实 1/2：不属实 0  联系不上 0  不符率 0%            │",
            "│  序号 姓名     公民身份号码       分层        结果      说明                 │",
            "│  1    张测一改 630102********0119 有创业意愿  属实                           │",
            "│  2    欧阳测…  630102********0153 有创业意愿  未核实                         │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }

    @Test func theEvaluationKeepsTheNameApartFromTheNumberAt120x40() {
        expectScreen(render(Self.evaluation(width: 120, height: 40)), [
            " 创业台账 │ 测试南川社区改名后很长很长的名字（630102102） │ 考核期 2024-01-01..2024-12-31                   操作员 王芳",
            "┌─ 评选：西宁市创建创业型社区评分表 考核期 2024-01-01..2024-12-31 ─────────────────────────────────────────────────────┐",
            "│ 自评 王芳 2024-12-31 09:00 提交：9/100    初评 7/100（1项不同）                                                      │",
            "│ 初评未签署                                                                                                           │",
            "│ ▶评分项                           满分  自评  初评  差异                                                             │",
            "│  劳动者创业参与率达到7%             15     0     0                                                                   │",
            "│  创业带动就业指数达到3              15     0     0                                                                   │",
            "│  成立创建工作领导小组                2     2     2                                                                   │",
            "│  工作制度健全并执行                  2     0     0                                                                   │",
            "│  创建工作方案                        3     0     0                                                                   │",
            "│  三项补贴享受率100%                  6     0     0                                                                   │",
            "│  建立摸底台账                        2     2     0    -2                                                             │",
            "│  创业培训率100%                      8     0     0                                                                   │",
            "│  培训合格率100%                      4     0     0                                                                   │",
            "│  培训后创业率达30%                   2     0     0                                                                   │",
            "│  开设创业服务窗口                    2     0     0                                                                   │",
            "│  每人2次以上创业服务                16     0     0                                                                   │",
            "│  创业宣传活动3次以上                 3     0     0                                                                   │",
            "│  树立创业典型1名以上                 2     1     1                                                                   │",
            "│ ※推荐入园孵化1家以上                 6     0     0                                                                   │",
            "│ ※创业指导专家队伍/协作机制           4     0     0                                                                   │",
            "│ ※工作创新                            4     0     0                                                                   │",
            "│ ※台账资料完备                        4     4     4                                                                   │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│ 自评时实测 0%（0/40）    标准 ≥ 7%                                                                                   │",
            "│ 随机抽样 种子 20241231  核实 1/2：不属实 0  联系不上 0  不符率 0%                                                    │",
            "│  序号 姓名     公民身份号码       分层        结果      抽查的服务            说明                                   │",
            "│  1    张测一改 630102********0119 有创业意愿  属实                                                                   │",
            "│  2    欧阳测…  630102********0153 有创业意愿  未核实                                                                 │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " Tab切换  a改分  S签署  c市级  t重新提交  Esc返回  F1帮助",
        ])
    }
}
