import Testing
import LedgerCore
import TerminalUI
@testable import LedgerTUI

/// A 不属实 finding the community has not corrected is said on the home screen, where a clerk starts the day (the
/// count and problems line had said 各台账没有发现问题); corrected or signed, it is not.
struct HomeUntrueFindingTests {
    static func withUntrue(corrected: Bool, signed: Bool = false) -> Evaluation {
        let checks = [
            SpotCheck(position: 1, personId: 11, name: "王梅", idNumber: "630102197506150047", stratum: "有创业意愿", result: .untrue,
                      note: "本人称未参加培训", checkedBy: "督导员", checkedAt: "2024-12-31T10:00:00", changesSinceCheck: corrected ? 1 : 0),
            SpotCheck(position: 2, personId: 12, name: "张三", idNumber: "630102199003070116", stratum: "有创业意愿", result: .confirmed,
                      note: nil, checkedBy: "督导员", checkedAt: "2024-12-31T10:05:00", changesSinceCheck: 0),
        ]
        return EvaluationScreenTests.evaluation(signed: signed, checks: checks).disclosed(mayCheck: false)
    }

    func summary(_ evaluation: Evaluation) -> [String] {
        var state = homeState()
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, nil, submission: evaluation))
        return HomeScreen.summary(state, width: 60).map(\.0)
    }

    @Test func anUncorrectedUntrueFindingIsSaidBelowTheSubmission() {
        let lines = summary(Self.withUntrue(corrected: false))
        let submitted = lines.firstIndex { $0.hasPrefix("本期已提交自评") }
        #expect(submitted != nil, "\(lines)")
        #expect(submitted.map { lines[$0 + 1] } == "抽查发现1条记录不属实，待更正（按 8 评选查看）", "\(lines)")
        #expect(!summary(Self.withUntrue(corrected: true)).contains { $0.hasPrefix("抽查发现") })
        #expect(!summary(Self.withUntrue(corrected: false, signed: true)).contains { $0.hasPrefix("抽查发现") })
    }

    /// The live total differs from the submitted one once the registers changed: the home screen says why.
    @Test func changesSinceTheSubmissionAreSaidBelowIt() {
        var state = homeState()
        _ = reduce(&state, .lockLoaded(community: testCommunity.code, nil, submission: EvaluationScreenTests.evaluation(changes: 2)))
        #expect(HomeScreen.summary(state, width: 60).map(\.0).contains("提交后台账又修改了2处，上面的总分按现在的台账计算"))
        #expect(!summary(EvaluationScreenTests.evaluation()).contains { $0.hasPrefix("提交后台账") })
    }
}
