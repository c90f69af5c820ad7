import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// What the supervisor compares and signs, on the screens: the overview puts the current score beside the
/// submitted 自评, the 初评 and the status; the home screen says what was submitted and signed beside the live
/// score; the plan of locked records says the score can no longer change.
struct EvaluationStandingScreenTests {
    /// A submission of two items (自评 12 of 20) for `code`, with the 初评 giving `review` for the first item
    /// (nil: not begun), and signed by 王督导 when `signed`.
    static func submission(_ code: String, review: Points? = nil, signed: Bool = false) -> Evaluation {
        let items = [
            AssessedItem(id: "survey_register", title: "建立摸底台账", group: nil, source: .documented, max: Points(10), points: Points(10),
                         measured: "", threshold: "", explanation: ""),
            AssessedItem(id: "publicity", title: "创业宣传活动3次以上", group: nil, source: .documented, max: Points(10), points: Points(2),
                         measured: "", threshold: "", explanation: ""),
        ]
        let adjustments = review.map { ["survey_register": ItemAdjustment(itemId: "survey_register", points: $0, reason: "缺签字", by: "王督导",
                                                                           at: "2024-12-30T10:00:00")] } ?? [:]
        return Evaluation(id: 1, communityCode: code, period: testCommunity.period, rubricId: "xining-community", rubricTitle: "西宁市创建创业型社区评分表",
                          items: items, submittedBy: "王芳", submittedAt: "2024-12-29T09:00:00", checksum: "c", currentChecksum: "c",
                          changesSinceSubmission: 0, adjustments: adjustments, sample: nil,
                          signature: signed ? Signature(by: "王督导", at: "2024-12-31T11:00:00") : nil)
    }

    static let other = Community(code: "630102002", name: "东关社区", street: "八一路街道", district: "城东区", labourForce: 60,
                                 period: testCommunity.period)
    static let third = Community(code: "630102003", name: "南关社区", street: "八一路街道", district: "城东区", labourForce: 30,
                                 period: testCommunity.period)

    static func overview(width: Int, height: Int) -> AppState {
        var state = homeState(width: width, height: height)
        _ = reduce(&state, .communitiesLoaded([testCommunity, other, third]))
        press(&state, [.character("o")])
        _ = reduce(&state, .overviewLoaded([
            CommunityFigures(community: testCommunity, facts: ScoreFacts(), persons: 0, services: 0,
                             evaluation: submission(testCommunity.code, review: Points(4), signed: true)),
            CommunityFigures(community: other, facts: ScoreFacts(), persons: 3, services: 5, evaluation: submission(other.code)),
            CommunityFigures(community: third, facts: ScoreFacts(), persons: 1, services: 0),
        ]))
        return state
    }

    @Test func theOverviewShowsTheCurrentScoreTheSubmissionTheReviewAndTheStatusAt80x24() {
        let state = Self.overview(width: 80, height: 24)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 督导总览：1个街道，3个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ──────┐",
            "│街道 / 社区   社区数 劳动者   参与率  带动  当前↓  自评  初评  状态     问题  │",
            "│八一路街道    3      130      0.00%   0.00  0※                 已交2/3        │",
            "│  八一路社区         40       0.00%   0.00  3      12    6     已锁定         │",
            "│  东关社区           60       0.00%   0.00  1      12          已提交         │",
            "│  南关社区           30       0.00%   0.00  1                  未提交         │",
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
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
    }

    @Test func theOverviewAt120x40NamesTheStatusInFull() {
        var state = Self.overview(width: 120, height: 40)
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            "┌─ 督导总览：1个街道，3个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ──────────────────────────────────────────────┐",
            "│街道 / 社区               社区数 劳动者   摸底    服务    参与率  带动  当前得分↓ 自评  初评  评选状态      问题      │",
            "│八一路街道                3      130      4       5       0.00%   0.00  0※                    已提交 2/3              │",
            "│  八一路社区                     40       0       0       0.00%   0.00  3         12    6     已签署·已锁定           │",
            "│  东关社区                       60       3       5       0.00%   0.00  1         12          已提交                  │",
            "│  南关社区                       30       1       0       0.00%   0.00  1                     未提交                  │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "│                                                                                                                      │",
            "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
        // ←→ sort by the columns shown: from 当前得分 to 自评, then back
        press(&state, [.right])
        guard case .overview(let o) = state.screen else { Issue.record("the overview should stay open"); return }
        #expect(o.sortColumn == 8)
    }

    @Test func at80ColumnsTheSortSkipsTheHiddenColumns() {
        var state = Self.overview(width: 80, height: 24)
        // From 当前 (7) left past 带动 and 参与率: 服务 and 摸底 are not shown, so 劳动者 (2)
        press(&state, [.left, .left, .left])
        guard case .overview(let o) = state.screen else { Issue.record("the overview should stay open"); return }
        #expect(o.sortColumn == 2)
    }

    @Test func theHomeScreenSaysWhatWasSubmittedAndSignedBesideTheLiveScore() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, Signature(by: "王督导", at: "2024-12-31T11:00:00"),
                                       submission: Self.submission(testCommunity.code, review: Points(4), signed: true)))
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            "",
            "  八一路社区  八一路街道 · 城东区",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人",
            "",
            "  摸底登记 0 人    服务记录 0 条    工作记录 0 条",
            "  评分（西宁市创建创业型社区评分表）：总分 3 / 100",
            "  本期已提交自评 12，初评 6（王督导已签署·已锁定）",
            "  各台账没有发现问题",
            "",
            "     1  新增摸底登记",
            "     2  新增服务记录",
            "     3  新增工作记录",
            "     4  浏览台账",
            "     5  数据检查",
            "     6  社区档案与自评",
            "     7  评分计划",
            "     s  评分明细",
            "     8  评选",
            "     9  操作员统计",
            "     o  督导总览",
            "     q  退出",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }

    @Test func thePlanOfLockedRecordsSaysTheScoreCanNoLongerChange() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, Signature(by: "王督导", at: "2024-12-31T11:00:00")))
        press(&state, [.character("7")])
        _ = reduce(&state, .planDetailsLoaded(PlanDetails(servicesMissing: 5)))
        expectScreen(render(state), [
            " 八一路社区（630102001）［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳",
            " 台账已锁定（王督导 2024-12-31 11:00 签署初评）：计划已不能改变本期得分，以下数",
            " 字仅供参考",
            " 评分计划：距考核期结束还有 0 天　当前 3 分，按计划最多可再得 66 分",
            " +12   【每人2次以上创业服务】再为1名新登记的有创业意愿者或初期创业者各提供2次…",
            "       └ 或：再为10名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以…",
            "       └ 或：再为15名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以…",
            " +6    【推荐入园孵化1家以上】再推荐1个项目或企业入园孵化（本期推荐入园达到1个…",
            " +15   【劳动者创业参与率达到7%】还需3名参与创业活动者（可从0名已登记但本期无…",
            " +4    【创业培训率100%】再动员1名有创业意愿者或初期创业者纳入培训范围并参加培…",
            "       └ 或：再动员5名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训达…",
            "       └ 或：再动员10名有创业意愿者或初期创业者纳入培训范围并参加培训（已培训…",
            " +2    【建立摸底台账】再登记1人（摸底登记达到1人），得2分（+2）",
            " +1    【创业宣传活动3次以上】再开展1次宣传活动（本期宣传活动达到1次），得1分…",
            "       └ 或：再开展3次宣传活动（本期宣传活动达到3次），得3分（+3）",
            " +1    【树立创业典型1名以上】再树立1名创业典型，事迹材料不少于500字（合格创业…",
            " +4    【创业指导专家队伍/协作机制】自评项：做到“已建立并开展工作”并在社区档案…",
            " +4    【工作创新】自评项：做到“创新且效果明显”并在社区档案中更新自评，得4分（…",
            " +3    【创建工作方案】自评项：做到“有方案并有效执行”并在社区档案中更新自评，…",
            " +2    【工作制度健全并执行】自评项：做到“制度健全并有效执行”并在社区档案中更…",
            " 再为1名新登记的有创业意愿者或初期创业者各提供2次服务（获得2次以上服务达到1",
            " 人），得12分（+12）　工作量 2　Enter 列出本期服务不足2次的人员",
            "",
            " ↑↓选择措施  Enter列出相关人员和记录  Esc返回  F1帮助",
        ])
    }
}
