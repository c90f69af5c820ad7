import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The header's first line at 80 columns: the lock or read-only mark and the whole period always show; a long
/// community name gives way first (it had pushed the period off the line, `考核期 2024-01-01..20`).
struct HeaderFitTests {
    static func header(name: String, lockedBy: String? = nil, readOnly: Bool = false) -> String {
        var state = AppState(width: 80, height: 24, operatorName: "王芳", today: testToday, rubrics: rubrics())
        var community = testCommunity
        community.name = name
        _ = reduce(&state, .communitiesLoaded([community]))
        if readOnly { state.writable = [] }
        if let lockedBy { state.locks[community.code] = Signature(by: lockedBy, at: "2024-12-31T11:00:00") }
        return render(state).trimmedLines[0]
    }

    @Test func theProgramsNameGivesWayFirst() {
        #expect(Self.header(name: "八一路社区")
            == " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳")
        #expect(Self.header(name: "八一路社区", readOnly: true)
            == " 八一路社区（630102001）［只读］ │ 考核期 2024-01-01..2024-12-31    操作员 王芳")
    }

    @Test func aLongerNameDropsTheProgramsNameThenTheCode() {
        #expect(Self.header(name: "城东区八一路街道八一路社区", readOnly: true)
            == " 城东区八一路街道八一路社区［只读］ │ 考核期 2024-01-01..2024-12-31 操作员 王芳")
    }

    @Test func aVeryLongNameIsCutAndTheLockAndPeriodStay() {
        #expect(Self.header(name: "西宁市城东区八一路街道八一路第一社区居民委员会", lockedBy: "周敏")
            == " 西宁市城东区八一路街道…［已锁定］ │ 考核期 2024-01-01..2024-12-31  操作员 王芳")
    }
}
