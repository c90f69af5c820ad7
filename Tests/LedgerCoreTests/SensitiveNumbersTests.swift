import Testing
@testable import LedgerCore

/// Issue 18 item 15: ID and mobile numbers inside free text are found, masked, and warned about at entry.
struct SensitiveNumbersTests {
    @Test(arguments: [
        ("身份证630102199003070116，住八一路", "身份证630102********0116，住八一路"),
        ("老身份证630102900307011在档", "老身份证630102*****7011在档"),
        ("妻子身份证63010219880412022x", "妻子身份证630102********022x"),
        ("电话13912345678找王", "电话139****5678找王"),
        ("手机+8613912345678", "手机+86139****5678"),
        ("手机 139-1234-5678。", "手机 139-****-5678。"),
        ("全角１３９１２３４５６７８", "全角１３９****５６７８"),
        ("两个：13912345678、13800001111", "两个：139****5678、138****1111"),
    ])
    func numbersInTextAreMasked(_ text: String, _ expected: String) {
        #expect(SensitiveNumbers.contains(text))
        #expect(SensitiveNumbers.masked(text) == expected)
    }

    @Test(arguments: ["2024年3月15日摸底", "账号6222020200112233445566", "固话0971-6123456", "编号12345678901", "贷款50000元", ""])
    func otherNumbersAreLeftAlone(_ text: String) {
        #expect(!SensitiveNumbers.contains(text))
        #expect(SensitiveNumbers.masked(text) == text)
    }

    @Test func entryWarnsWhenAFreeTextFieldHoldsANumber() {
        var reader = FieldReader(FieldValues(["remarks": "其母身份证630102196501010012", "address": "八一路12号 电话13912345678"],
                                             register: .survey))
        #expect(reader.text("remarks", max: 200) != nil)
        #expect(reader.text("address", max: 100) != nil)
        #expect(reader.findings.map(\.code) == ["privacy.number_in_text", "privacy.number_in_text"])
        #expect(reader.findings.allSatisfy { $0.severity == .warning })
        #expect(reader.findings.first?.message == "备注中含有身份证号或手机号；个人号码请只填在“公民身份号码”“联系电话”栏，不要写在自由文本中")
    }
}
