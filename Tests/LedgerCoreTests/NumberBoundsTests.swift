import Foundation
import LedgerResources
import Testing
@testable import LedgerCore

/// Issue 18 item 5: every number read from outside is bounded with a Chinese message, and the score's arithmetic
/// never traps whatever figures it is given.
struct NumberBoundsTests {
    @Test(arguments: ["999999999999999999", "99999999999999999999999", "1001", "9223372036854775807.5"])
    func checklistPointsOutOfRangeAreRefusedNotTrapped(_ text: String) {
        #expect(Points(text: text) == nil)
    }

    @Test func checklistPointsInRangeStillParse() {
        #expect(Points(text: "2") == Points(2))
        #expect(Points(text: "1000") == Points(1000))
        #expect(Points(text: "0.25") == Points(hundredths: 25))
    }

    @Test(arguments: ["2000000000000000000", "10000001", "0", "-5", "99999999999999999999999"])
    func labourForceOutsideTheSpecRangeIsAnError(_ value: String) throws {
        let raw = ["code": "630102001", "name": "八一路社区", "street": "八一路街道", "district": "城东区", "labour_force": value]
        let result = CommunityValidator.validate(raw, today: Day(year: 2024, month: 6, day: 1)!)
        #expect(result.value == nil)
        let finding = try #require(result.findings.first { $0.field == "labour_force" })
        #expect(finding.code == "range")
        #expect(finding.message.contains("1到10000000之间"))
    }

    @Test func labourForceAtTheBoundsIsAccepted() {
        for value in ["1", "10000000"] {
            let raw = ["code": "630102001", "name": "八一路社区", "street": "八一路街道", "district": "城东区", "labour_force": value]
            #expect(CommunityValidator.validate(raw, today: Day(year: 2024, month: 6, day: 1)!).value != nil)
        }
    }

    @Test(arguments: ["999999999.999999万", "999999999万", "3000000.01"])
    func loanAmountsTooLargeAreARangeErrorNotATrap(_ text: String) throws {
        var reader = FieldReader(FieldValues(["loan_amount": text], register: .survey))
        #expect(reader.money("loan_amount", maxYuan: 3_000_000) == nil)
        let finding = try #require(reader.findings.first)
        #expect(finding.code == "range")
        #expect(finding.message == "创业担保贷款(元)不能超过3000000元")
    }

    /// A database written elsewhere may hold any figure: every rubric scores extreme facts without trapping.
    @Test(arguments: ["xining-community", "xining-street", "shandong-city"])
    func extremeFactsScoreWithoutTrapping(_ id: String) throws {
        let rubric = try Rubric.load(from: try #require(LedgerResources.rubricsDirectory).appendingPathComponent("\(id).json"))
        for extreme in [Int.max, Int.max / 2, 2_000_000_000_000_000_000, Int.min, -1] {
            var f = ScoreFacts()
            for m in Measure.allCases { f[m] = m == .labourForce ? extreme : 7 }
            let card = ScoreEngine.evaluate(rubric, facts: f, checklist: [:])
            #expect(card.total <= card.max)
            var all = ScoreFacts()
            for m in Measure.allCases { all[m] = extreme }
            let card2 = ScoreEngine.evaluate(rubric, facts: all, checklist: [:])
            #expect(card2.total >= .zero && card2.total <= card2.max)
        }
    }

    @Test func factSumsSaturateInsteadOfTrapping() {
        var a = ScoreFacts(), b = ScoreFacts()
        a[.labourForce] = Int.max - 1
        b[.labourForce] = 10
        #expect((a + b)[.labourForce] == Int.max)
        a[.participants] = Int.min + 1
        b[.participants] = 10
        #expect((a - b)[.participants] == Int.min)
    }

    @Test func rationalComparisonIsExactBeyondIntRange() {
        // 7% of 2×10^18 overflowed the cross-multiplication.
        #expect(Rational(140_000_000_000_000_000, 2_000_000_000_000_000_000) >= Rational(7, 100))
        #expect(Rational(139_999_999_999_999_999, 2_000_000_000_000_000_000) < Rational(7, 100))
    }
}
