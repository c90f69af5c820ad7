import Testing
@testable import LedgerTUI

/// A field's hint says what its validation accepts: a fresh-eyes clerk read `最多30个字` under 社区代码 (which
/// takes 9 or 12 digits) and `最多20个字` under 创业担保贷款 (which takes 50000 or 5万).
@Suite struct FieldHintTests {
    private func hint(_ spec: FormSpec, _ key: String) throws -> String {
        FormScreen.hint(try #require(spec.fields.first { $0.key == key }))
    }

    @Test func fieldsWithAFormSayTheFormOthersTheirLength() throws {
        #expect(try hint(FormSpecs.profile, "code") == "12位统计用区划代码，或9位简码（区县6位+社区3位）")
        #expect(try hint(FormSpecs.survey, "loan_amount") == "金额（元），如 50000 或 5万")
        #expect(try hint(FormSpecs.profile, "name").hasPrefix("最多"))
    }
}
