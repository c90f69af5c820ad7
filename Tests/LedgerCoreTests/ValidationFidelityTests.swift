import Testing
@testable import LedgerCore

/// A valid-checksum number with the given first six digits (born 1990-03-07, serial 011).
func numberWithAddress(_ address: String) -> String {
    let body = address + "19900307011"
    return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
}

/// Issue 17.10: the address code at the head of an ID number.
struct AddressCodeTests {
    @Test(arguments: ["00", "20", "39", "99", "72", "83"])
    func unknownProvinceIsAnError(_ province: String) {
        let number = numberWithAddress(province + "0102")
        #expect(ResidentID.parse(number, today: Fixture.today).failure == .badProvince(province))
        let findings = PersonValidator.validate(Fixture.intending(["id_number": number]), context: Fixture.context()).findings
        #expect(findings.map(\.code) == ["id.province"])
        #expect(findings.first?.message.contains("“\(province)”不是省级行政区划代码") == true)
    }

    @Test func fifteenDigitNumbersAreCheckedToo() {
        #expect(ResidentID.parse("990102900307011", today: Fixture.today).failure == .badProvince("99"))
    }

    @Test(arguments: ["110105", "630102", "440524", "810000", "542621"])
    func knownCountiesPassQuietly(_ county: String) {
        let findings = PersonValidator.validate(Fixture.intending(["id_number": numberWithAddress(county)]), context: Fixture.context()).findings
        #expect(findings.isEmpty)
    }

    /// 630121 was 大通回族土族自治县's code before it moved into 西宁市 as a district; historic codes still head numbers.
    @Test func historicCountyCodesAreKnown() {
        #expect(CountyCodes.isKnown(630121))
        #expect(CountyCodes.isKnown(110102))
        #expect(CountyCodes.isKnown(710000))
        #expect(!CountyCodes.isKnown(630199))
    }

    @Test func unknownCountyIsAWarning() {
        let number = numberWithAddress("630199")
        let validated = PersonValidator.validate(Fixture.intending(["id_number": number]), context: Fixture.context())
        #expect(validated.findings.map(\.code) == ["id.county"])
        #expect(validated.findings.map(\.severity) == [.warning])
        #expect(validated.findings.first?.message.contains("630199") == true)
    }
}

/// Issue 17.12: 社区代码 is the 12-digit statistical division code or its 9-digit street + community part.
struct CommunityCodeTests {
    func problems(_ code: String) -> [Finding] {
        let raw = ["code": code, "name": "八一路社区", "street": "八一路街道", "district": "城东区", "labour_force": "1000"]
        return CommunityValidator.validate(raw, today: Fixture.today).findings.filter { $0.field == "code" }
    }

    @Test(arguments: ["630102001", "630102001001"])
    func acceptsTwelveAndNineDigits(_ code: String) {
        #expect(problems(code).isEmpty)
    }

    @Test func lettersAreRefusedByName() {
        #expect(problems("abc").map(\.message) == ["社区代码只能由数字组成，“abc”中含有“a”"])
    }

    @Test(arguments: [("6301020010011", 13), ("63010200", 8), ("6301020010", 10)])
    func wrongLengthSaysWhichLengthsAreRight(_ code: String, _ length: Int) {
        #expect(problems(code).map(\.message) == ["社区代码应为12位统计用区划代码（区县6位+街道3位+社区3位）或9位简码（区县6位+社区3位），现为\(length)位"])
    }

    @Test func twelveDigitsMustStartWithAProvince() {
        #expect(problems("990102001001").map(\.code) == ["code.format"])
    }
}

/// Issue 17.13: yes/no fields take 是/否, y/n, Y/N and 1/0, nothing else.
struct YesNoTests {
    @Test(arguments: [("是", true), ("否", false), ("y", true), ("N", false), ("1", true), ("0", false), ("Ｙ", true), (" n ", false)])
    func acceptedSpellings(_ text: String, _ answer: Bool) {
        #expect(YesNo.parse(text) == answer)
    }

    @Test(arguments: ["有", "√", "yes", "true", "合格", "x", "2", "是的"])
    func otherTextIsAnError(_ text: String) {
        let findings = PersonValidator.validate(Fixture.intending(["trained": text]), context: Fixture.context()).findings
        #expect(findings.map(\.code).contains("bool"))
        #expect(findings.first { $0.code == "bool" }?.message == "参加创业培训“\(text)”应为“是”或“否”（也可输入 y/n 或 1/0）")
    }
}
