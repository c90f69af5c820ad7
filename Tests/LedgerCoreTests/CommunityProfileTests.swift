import LedgerCore
import Testing

/// 负责人 and 联系电话 of the profile: optional, printed on the 评分表; a phone must be a phone.
struct CommunityProfileTests {
    let base = ["code": "630102001", "name": "八一路社区", "street": "八一路街道", "district": "城东区", "labour_force": "3200"]
    let today = Day(year: 2024, month: 6, day: 1)!

    @Test func leaderAndPhoneAreKeptNormalised() throws {
        var raw = base
        raw["leader"] = " 马主任 "
        raw["phone"] = "0971 6123456"
        let c = try #require(CommunityValidator.validate(raw, today: today).value)
        #expect(c.leader == "马主任" && c.phone == "0971-6123456")
    }

    @Test func theyAreOptional() throws {
        let c = try #require(CommunityValidator.validate(base, today: today).value)
        #expect(c.leader == nil && c.phone == nil)
    }

    @Test func aBadPhoneIsAnErrorSayingWhatIsExpected() {
        var raw = base
        raw["phone"] = "12345"
        let v = CommunityValidator.validate(raw, today: today)
        #expect(v.value == nil)
        #expect(v.findings.map(\.field) == ["phone"])
        #expect(v.findings.first?.message.contains("联系电话应为手机号或固定电话") == true)
    }
}
