import Testing
@testable import LedgerCore

struct ResidentIDTests {
    /// The two examples printed in GB 11643-1999 itself, and made-up numbers checked with an independent script.
    @Test(arguments: ["11010519491231002X", "440524188001010014", Fixture.maleId, Fixture.womanId, Fixture.xId, Fixture.leapId])
    func acceptsValidNumbers(_ number: String) throws {
        let parsed = try ResidentID.parse(number, today: Fixture.today).get()
        #expect(parsed.id.value == number)
        #expect(parsed.upgradedFrom == nil)
    }

    @Test func derivesBirthDateAndGender() throws {
        let man = try ResidentID.parse(Fixture.maleId, today: Fixture.today).get().id
        #expect(man.birthDate == Day(year: 1990, month: 3, day: 7))
        #expect(man.gender == .male)
        #expect(try ResidentID.parse(Fixture.womanId, today: Fixture.today).get().id.gender == .female)
    }

    @Test func wrongCheckDigitNamesTheExpectedOne() {
        let result = ResidentID.parse("630102199003070117", today: Fixture.today)
        #expect(result.failure == .checksum(expected: "6"))
        #expect(ResidentID.message(for: .checksum(expected: "6")) == "公民身份号码校验不符，请对照证件逐位核对")
    }

    @Test func normalisesLowerCaseXFullWidthDigitsAndSpaces() throws {
        #expect(try ResidentID.parse("63010219880412022x", today: Fixture.today).get().id.value == Fixture.xId)
        #expect(try ResidentID.parse("６３０１０２１９９００３０７０１１６", today: Fixture.today).get().id.value == Fixture.maleId)
        #expect(try ResidentID.parse("630102 19900307 0116", today: Fixture.today).get().id.value == Fixture.maleId)
    }

    @Test func upgradesFifteenDigitNumbers() throws {
        // 15-digit 630102900307011 → insert 19, compute the check digit.
        let parsed = try ResidentID.parse("630102900307011", today: Fixture.today).get()
        #expect(parsed.id.value == Fixture.maleId)
        #expect(parsed.upgradedFrom == "630102900307011")
    }

    @Test(arguments: [("63010219900307011", ResidentID.Problem.badLength(17)), ("63010219901307011X", .badBirthDate),
                      ("63010220300101011X", .futureBirthDate), ("6301021990030701A6", .badCharacter), ("", .empty)])
    func rejectsMalformedNumbers(_ number: String, _ problem: ResidentID.Problem) {
        #expect(ResidentID.parse(number, today: Fixture.today).failure == problem)
    }

    @Test func masksAllButTheEnds() {
        #expect(ResidentID.masked("63010219880412022X") == "630102********022X")
        #expect(Phone.masked("13912345678") == "139****5678")
    }
}

struct CreditCodeTests {
    @Test(arguments: ["91350100M000100Y43", "91630100MA752XYW01", "92630102MA7ABCDE1N"])
    func acceptsValidCodes(_ code: String) {
        #expect(CreditCode.check(code) == .valid(code))
    }

    @Test func checksumMismatchIsReportedWithTheExpectedCharacter() {
        #expect(CreditCode.check("91350100M000100Y44") == .checksumMismatch("91350100M000100Y44", expected: "3"))
    }

    @Test(arguments: ["91350100M000100Y4", "91350100M000100I43", "abc"])
    func malformedCodesAreErrors(_ code: String) {
        guard case .malformed = CreditCode.check(code) else {
            Issue.record("expected malformed for \(code)")
            return
        }
    }

    @Test func lowerCaseIsNormalised() {
        #expect(CreditCode.check("91350100m000100y43") == .valid("91350100M000100Y43"))
    }
}

struct PhoneTests {
    @Test(arguments: [("13912345678", "13912345678"), ("+8613912345678", "13912345678"), ("8613912345678", "13912345678"),
                      ("139 1234 5678", "13912345678"), ("0971-6123456", "0971-6123456"), ("09716123456", "0971-6123456"),
                      ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"), ("１３９１２３４５６７８", "13912345678")])
    func normalises(_ raw: String, _ expected: String) {
        #expect(Phone.normalise(raw) == expected)
    }

    @Test(arguments: ["12912345678", "1391234567", "139123456789", "971-6123456", "0971-612345", "电话", "0971-61234567-1"])
    func rejects(_ raw: String) {
        #expect(Phone.normalise(raw) == nil)
    }

    /// How mobiles are written on forms and in spreadsheets: with the country code, in 3-4-4 groups, or both.
    @Test(arguments: ["+86 139-1234-5678", "+8613912345678", "139 1234 5678", "0086 13912345678", "139-1234-5678",
                      "86 139 1234 5678", "(+86) 139 1234 5678", "＋８６ １３９－１２３４－５６７８"])
    func writtenMobilesAreStoredAsTheirElevenDigits(_ raw: String) {
        #expect(Phone.normalise(raw) == "13912345678")
    }

    /// The country code goes only when a mobile number remains; a wrong number stays wrong however it is written.
    @Test(arguments: ["+86 129-1234-5678", "0086 1391234567", "86 0971-6123456", "+86 0971 6123456", "0086139123456789",
                      "+87 139 1234 5678", "139-1234-567", "+86", "0086"])
    func aWrongNumberIsStillRefused(_ raw: String) {
        #expect(Phone.normalise(raw) == nil)
    }

    /// Landlines keep their rules: the hyphen that separates the area code is what is stored.
    @Test(arguments: [("0971-6123456", "0971-6123456"), ("0971 6123456", "0971-6123456"), ("010-86123456", "010-86123456"),
                      ("02086123456", "020-86123456")])
    func landlinesAreUnchanged(_ raw: String, _ expected: String) {
        #expect(Phone.normalise(raw) == expected)
    }

    /// The survey register stores the normalised number, and says so while it is typed or beside an imported row.
    @Test func theSurveyRecordHoldsTheNormalisedNumberAndSaysSo() throws {
        let validated = PersonValidator.validate(Fixture.intending(["phone": "+86 139-1234-5678"]), context: Fixture.context())
        #expect(try #require(validated.saveable).phone == "13912345678")
        #expect(validated.findings == [.notice("phone", "phone.normalised", "按规范格式保存为13912345678")])
        #expect(PersonValidator.validate(Fixture.intending(), context: Fixture.context()).findings.isEmpty)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}
