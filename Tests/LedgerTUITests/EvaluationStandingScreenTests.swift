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
        ])
    }

    @Test func theOverviewAt120x40NamesTheStatusInFull() {
        var state = Self.overview(width: 120, height: 40)
        expectScreen(render(state), [
        ])
        // ←→ sort by the columns shown: from 当前得分 to 自评, then back
        press(&state, [.right])
        guard case .overview(let o) = state.screen else { Issue.record("the overview should stay open"); return }
        #expect(o.sortColumn == 8)
    }

    @Test func at80ColumnsTheSortSkipsTheHiddenColumns() {
        var state = Self.overview(width: 80, height: 24)
        // From 参与率 (5) left: 服务 and 摸底 are not shown, so 劳动者 (2)
        press(&state, [.left, .left, .left])
        guard case .overview(let o) = state.screen else { Issue.record("the overview should stay open"); return }
        #expect(o.sortColumn == 2)
    }

    @Test func theHomeScreenSaysWhatWasSubmittedAndSignedBesideTheLiveScore() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, Signature(by: "王督导", at: "2024-12-31T11:00:00"),
                                       submission: Self.submission(testCommunity.code, review: Points(4), signed: true)))
        expectScreen(render(state), [
        ])
    }

    @Test func thePlanOfLockedRecordsSaysTheScoreCanNoLongerChange() {
        var state = homeState(width: 80, height: 24)
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, Signature(by: "王督导", at: "2024-12-31T11:00:00")))
        press(&state, [.character("7")])
        _ = reduce(&state, .planDetailsLoaded(PlanDetails(servicesMissing: 5)))
        expectScreen(render(state), [
        ])
    }
}
