import Testing
import LedgerCore
@testable import ChuangyeCLI

/// `evaluate candidates` in an 80- and a 120-column terminal: every column keeps a gap before the next, the code is
/// never cut, a long community name is cut with … where the terminal is narrow.
struct CandidatesLayoutTests {
    static let period = Period(start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2024, month: 12, day: 31)!)
    static let list = [
        CityCandidate(communityCode: "630102101", communityName: "测试南川社区改名后很长的名字", district: "测试城东区", period: period,
                      selfTotal: Points(45), districtTotal: Points(45), maxTotal: Points(100),
                      recommended: Signature(by: "周敏", at: "2024-12-31T11:00:00"), cityTotal: nil, citySigned: nil),
        CityCandidate(communityCode: "630102001", communityName: "八一路社区", district: "城东区", period: period,
                      selfTotal: Points(36), districtTotal: Points(34), maxTotal: Points(100),
                      recommended: Signature(by: "周敏", at: "2024-12-30T09:05:00"), cityTotal: Points(36), citySigned: nil),
    ]

    @Test func at80ColumnsTheLongNameIsCutAndKeepsItsGap() {
        #expect(EvaluationText.candidates(Self.list, width: 80) == [
            "代码      社区            区县       自评 初评 市级 状态   推荐",
            "630102101 测试南川社区改… 测试城东区 45   45   —    未开始 周敏 2024-12-31 11:00",
            "630102001 八一路社区      城东区     36   34   36   考评中 周敏 2024-12-30 09:05",
        ])
    }

    @Test func at120ColumnsTheNameIsWhole() {
        #expect(EvaluationText.candidates(Self.list, width: 120) == [
            "代码      社区                         区县       自评 初评 市级 状态   推荐",
            "630102101 测试南川社区改名后很长的名字 测试城东区 45   45   —    未开始 周敏 2024-12-31 11:00",
            "630102001 八一路社区                   城东区     36   34   36   考评中 周敏 2024-12-30 09:05",
        ])
    }
}
