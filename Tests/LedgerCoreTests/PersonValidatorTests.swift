import Testing
@testable import LedgerCore

struct PersonValidatorTests {
    func findings(_ raw: [String: String], existing: [ValidationContext.ExistingPerson] = []) -> [Finding] {
        PersonValidator.validate(raw, context: Fixture.context(existing: existing)).findings
    }

    func codes(_ raw: [String: String]) -> [String] { findings(raw).map(\.code) }

    @Test func validIntendingPersonHasNoFindings() throws {
        let result = PersonValidator.validate(Fixture.intending(), context: Fixture.context())
        #expect(result.findings.isEmpty)
        let p = try #require(result.saveable)
        #expect(p.gender == .male && p.birthDate == Day(year: 1990, month: 3, day: 7))
        #expect(p.education == .juniorCollege && p.inTrainingScope)
    }

    /// `takeSaveable` hands over what `saveable` gives, and leaves nothing behind.
    @Test func takingTheSaveableRecordMovesItOut() throws {
        var good = PersonValidator.validate(Fixture.intending(), context: Fixture.context())
        let expected = try #require(good.saveable)
        #expect(good.takeSaveable() == expected)
        #expect(good.value == nil && good.takeSaveable() == nil)
        var bad = PersonValidator.validate(Fixture.intending(["ethnicity": "火星族"]), context: Fixture.context())
        #expect(bad.value != nil && bad.findings.hasErrors)
        #expect(bad.takeSaveable() == nil)
    }

    /// A survey date before the person was born (1899 typed for 2019) is an error, not the under-16 warning any
    /// reason waives: saved, the person would count in the period's figures.
    @Test func aSurveyDateBeforeBirthIsAnError() {
        let found = findings(Fixture.intending(["survey_date": "1899-01-01"]))
        #expect(found.map(\.code) == ["date.before_birth"] && found.first?.field == "survey_date" && found.hasErrors)
        #expect(found.first?.message == "摸底日期1899-01-01早于出生日期1990-03-07，请核对摸底日期")
        #expect(codes(Fixture.intending(["survey_date": "2000-01-01"])) == ["age.under16"])
    }

    /// A valid number whose century is mistyped (1880 for 1980) names a person older than anyone living.
    @Test func anImpossibleAgeIsAnError() {
        func born(_ date: String) -> String {
            let body = "630102" + date + "001"
            return body + String(ResidentID.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
        }
        let found = findings(Fixture.intending(["id_number": born("18800101"), "survey_date": "2024-03-15"]))
        #expect(found.map(\.code) == ["age.impossible"] && found.first?.field == "id_number" && found.hasErrors)
        #expect(found.first?.message == "出生日期1880-01-01不可能（已满120周岁），请核对号码")
        // One day short of 120 is only unusual
        #expect(codes(Fixture.intending(["id_number": born("19040316"), "survey_date": "2024-03-15"])).isEmpty)
    }

    @Test func everyMissingRequiredFieldIsReportedAtOnce() {
        let found = findings([:])
        let fields = Set(found.filter { $0.code == "required" }.map(\.field))
        #expect(fields == ["name", "id_number", "education", "hukou", "phone", "categories", "status", "survey_date"])
    }

    @Test func freeTextLengthAndControlCharacters() {
        #expect(codes(Fixture.intending(["address": String(repeating: "路", count: 100)])).isEmpty)
        #expect(codes(Fixture.intending(["address": String(repeating: "路", count: 101)])) == ["too_long"])
        #expect(codes(Fixture.intending(["address": String(repeating: "a", count: 101)])) == ["too_long"])
        #expect(codes(Fixture.intending(["address": "八一路\n12号"])).isEmpty)
        for control in ["\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}"] {
            #expect(codes(Fixture.intending(["address": "八一路\(control)12号"])) == ["control_char"], "\(control.unicodeScalars.first!.value)")
        }
        #expect(codes(Fixture.intending(["address": "八一路\u{A0}12号·é"])).isEmpty)
    }

    @Test func nameRules() {
        #expect(Fixture.person(Fixture.intending(["name": "买买提•艾力"]))?.name == "买买提·艾力")
        #expect(Fixture.person(Fixture.intending(["name": "　张 三　"]))?.name == "张三")
        #expect(codes(Fixture.intending(["name": "张三1"])) == ["name.chars"])
        #expect(codes(Fixture.intending(["name": String(repeating: "张", count: 31)])) == ["too_long"])
        #expect(codes(Fixture.intending(["name": String(repeating: "张", count: 30)])).isEmpty)
        #expect(Fixture.person(Fixture.intending(["name": "Anna Li"]))?.name == "Anna Li")
        #expect(Fixture.person(Fixture.intending(["name": "阿依古丽．买买提"]))?.name == "阿依古丽·买买提")
        #expect(codes(Fixture.intending(["name": "·张三"])) == ["name.chars"])
        #expect(codes(Fixture.intending(["name": "张三e\u{301}"])) == ["name.chars"])
    }

    @Test func genderMustAgreeWithTheId() {
        #expect(codes(Fixture.intending(["gender": "女"])) == ["gender.mismatch"])
        #expect(findings(Fixture.intending(["gender": "男"])).isEmpty)
    }

    @Test func duplicateInCommunityIsAnErrorNamingTheRecord() {
        let found = findings(Fixture.intending(), existing: [.init(id: 7, name: "张三", communityCode: "630102001")])
        #expect(found.map(\.code) == ["id.duplicate"])
        #expect(found[0].message.contains("第7号记录") && found[0].message.contains("张三"))
    }

    @Test func sameIdInAnotherCommunityIsOnlyAWarning() {
        let found = findings(Fixture.intending(), existing: [.init(id: 9, name: "张三", communityCode: "630102002", communityName: "南关社区")])
        #expect(found.map(\.severity) == [.warning])
        #expect(found[0].code == "id.other_community")
        #expect(found[0].message == "此人已在南关社区（630102002）登记（张三），请确认是否重复")
    }

    @Test func editingARecordDoesNotCollideWithItself() {
        let context = Fixture.context(existing: [.init(id: 7, name: "张三", communityCode: "630102001")], editingId: 7)
        #expect(PersonValidator.validate(Fixture.intending(), context: context).findings.isEmpty)
    }

    @Test func fifteenDigitIdIsUpgradedWithANotice() {
        let found = findings(Fixture.intending(["id_number": "630102900307011"]))
        #expect(found.map(\.severity) == [.notice])
        #expect(Fixture.person(Fixture.intending(["id_number": "630102900307011"]))?.idNumber == Fixture.maleId)
    }

    @Test func surveyDateMayNotBeInTheFuture() {
        #expect(codes(Fixture.intending(["survey_date": "2025-01-01"])) == ["date.future"])
    }

    @Test func categoriesAcceptEverySeparator() {
        let p = Fixture.person(Fixture.intending(["categories": "退役军人；残疾人,低保、退役军人"]))
        #expect(p?.categories == [.veteran, .disabled, .lowIncome])
        #expect(codes(Fixture.intending(["categories": "外星人"])) == ["enum"])
    }

    @Test func trainingFieldsAreRequiredWhenTrained() {
        #expect(Set(codes(Fixture.intending(["trained": "是"]))) == ["required"])
        #expect(Set(findings(Fixture.intending(["trained": "是"])).map(\.field)) == ["training_type", "training_end"])
        let trained = Fixture.intending(["trained": "是", "training_type": "SYB", "training_end": "2024-05-20"])
        #expect(findings(trained).isEmpty)
        var passed = trained
        passed["training_passed"] = "是"
        #expect(codes(passed) == ["required"])
        passed["certificate_no"] = "SYB2024001"
        #expect(findings(passed).isEmpty)
    }

    @Test func trainingFieldsAreRefusedWhenNotTrained() {
        #expect(codes(Fixture.intending(["training_type": "SYB"])) == ["not_applicable"])
        #expect(codes(Fixture.intending(["training_passed": "是"])) == ["not_applicable"])
    }

    @Test func startedBusinessNeedsItsFields() {
        #expect(findings(Fixture.started()).isEmpty)
        let missing = Fixture.intending(["status": "已创业"])
        #expect(Set(findings(missing).map(\.field)) == ["entity_name", "entity_type", "license_date"])
        // An online shop may leave the licence date empty.
        #expect(findings(Fixture.started(["entity_type": "网店", "license_date": ""])).isEmpty)
    }

    @Test func businessFieldsAndJobsAreRefusedWhenOnlyIntending() {
        #expect(codes(Fixture.intending(["entity_name": "某店"])) == ["not_applicable"])
        #expect(codes(Fixture.intending(["jobs_created": "2"])) == ["jobs.not_started"])
    }

    @Test func licenceBeforeTheSixteenthBirthdayIsAnError() {
        #expect(findings(Fixture.started(["license_date": "2006-03-06"])).errors.map(\.code) == ["license.under16"])
        #expect(findings(Fixture.started(["license_date": "2006-03-07"])).map(\.code) == ["business.not_early_stage"])
    }

    @Test func businessOlderThanFiveYearsIsAWarning() {
        // Period end 2024-12-31: a licence of 2019-12-31 is exactly five years old and no longer early-stage.
        #expect(codes(Fixture.started(["license_date": "2019-12-31"])) == ["business.not_early_stage"])
        #expect(findings(Fixture.started(["license_date": "2020-01-01"])).isEmpty)
    }

    @Test func jobsAbove200AreAWarning() {
        #expect(findings(Fixture.started(["jobs_created": "200"])).isEmpty)
        #expect(codes(Fixture.started(["jobs_created": "201"])) == ["jobs.large"])
        #expect(codes(Fixture.started(["jobs_created": "-1"])) == ["range"])
        #expect(findings(Fixture.started(["jobs_created": "-1"])).first?.message == "带动就业人数应不小于0，现为-1")
    }

    /// A clerk's typo (99999 for 9) made 创业带动就业指数 50002 and, its warning accepted, earned full marks.
    @Test func jobsAboveTheLimitAreAnErrorSayingWhy() throws {
        #expect(codes(Fixture.started(["jobs_created": "1000"])) == ["jobs.large"])
        let found = findings(Fixture.started(["jobs_created": "1001"]))
        #expect(found.map(\.code) == ["jobs.impossible"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message == "带动就业人数1001人不可能（社区初期创业者至多带动1000人），请核对")
        let typo = PersonValidator.validate(Fixture.started(["jobs_created": "99999"]), context: Fixture.context())
        #expect(typo.saveable == nil)
        #expect(typo.findings.map(\.code) == ["jobs.impossible"])
        // Only one error when the person has not started either: the figure itself is what is wrong.
        #expect(codes(Fixture.intending(["jobs_created": "5000"])) == ["jobs.impossible"])
    }

    @Test func subsidyRules() {
        #expect(codes(Fixture.started(["subsidy_first_received": "是"])) == ["subsidy.not_eligible"])
        #expect(findings(Fixture.started(["subsidy_first_eligible": "是", "subsidy_first_received": "是"])).isEmpty)
        #expect(codes(Fixture.started(["jobs_created": "0", "subsidy_jobs_eligible": "是"])) == ["subsidy.jobs"])
    }

    @Test func creditCodeChecksumIsAnOverridableWarning() {
        let found = findings(Fixture.started(["credit_code": "91350100M000100Y44"]))
        #expect(found.map(\.severity) == [.warning])
        #expect(found[0].message.contains("校验位应为3"))
        #expect(findings(Fixture.started(["credit_code": "91350100M000100Y43"])).isEmpty)
        #expect(codes(Fixture.started(["credit_code": "123"])) == ["credit.format"])
    }

    @Test func loanAmountsAreExactAndBounded() {
        #expect(Fixture.person(Fixture.started(["loan_amount": "5万"]))?.loanFen == 5_000_000)
        #expect(Fixture.person(Fixture.started(["loan_amount": "1,234.5"]))?.loanFen == 123_450)
        #expect(codes(Fixture.started(["loan_amount": "3000000.01"])) == ["range"])
        #expect(codes(Fixture.started(["loan_amount": "1.001"])) == ["money"])
    }

    @Test func textFormRoundTripsThroughTheValidator() throws {
        let p = try #require(Fixture.person(Fixture.started(["ethnicity": "回", "loan_amount": "1234.5", "needs": "资金、场地",
                                                             "industry": "餐饮", "trained": "是", "training_type": "SYB",
                                                             "training_end": "2024-05-20", "training_passed": "是",
                                                             "certificate_no": "SYB1"])))
        let again = try #require(Fixture.person(PersonFields.text(of: p)))
        #expect(again == p)
    }
}

struct ServiceAndActivityValidatorTests {
    let person = ValidationContext.ExistingPerson(id: 1, name: "张三", communityCode: "630102001")

    func service(_ overrides: [String: String]) -> Validated<Service> {
        var raw = ["service_date": "2024-04-01", "id_number": Fixture.maleId, "service_type": "政策咨询", "method": "窗口",
                   "content": "咨询首次创业补贴申请"]
        for (k, v) in overrides { raw[k] = v }
        return ServiceValidator.validate(raw, context: Fixture.context(existing: [person]), defaultStaff: "王芳")
    }

    @Test func validServiceTakesNameAndStaffFromTheRegisterAndOperator() throws {
        let s = try #require(service([:]).saveable)
        #expect(s.name == "张三" && s.staff == "王芳" && s.personId == 1)
    }

    @Test func serviceRules() {
        #expect(service(["id_number": Fixture.womanId]).findings.map(\.code) == ["service.unknown_person"])
        #expect(service(["name": "李四"]).findings.map(\.code) == ["service.name_mismatch"])
        #expect(service(["content": "咨询"]).findings.map(\.code) == ["too_short"])
        #expect(service(["service_date": "2023-12-31"]).findings.map(\.code) == ["date.outside_period"])
        #expect(service(["method": "飞鸽"]).findings.map(\.code) == ["enum"])
    }

    @Test func roleModelStoryLengthDecidesWhetherItCounts() throws {
        var raw = ["date": "2024-06-01", "kind": "创业典型", "title": "张三返乡创业", "person_id": Fixture.maleId,
                   "story": String(repeating: "创", count: 499)]
        let short = ActivityValidator.validate(raw, context: Fixture.context(existing: [person]))
        #expect(short.findings.map(\.code) == ["activity.story_short"])
        #expect(short.value?.isQualifyingRoleModel == false)
        raw["story"] = String(repeating: "创", count: 500)
        let long = ActivityValidator.validate(raw, context: Fixture.context(existing: [person]))
        #expect(long.findings.isEmpty)
        #expect(try #require(long.value).isQualifyingRoleModel)
    }

    /// SPEC §2.3 does not require 入园基地, so its absence is a warning and the record can be saved (issue 17.11).
    @Test func incubationReferralWithoutATargetIsAWarning() {
        let result = ActivityValidator.validate(["date": "2024-06-01", "kind": "推荐入园", "title": "小吃项目"], context: Fixture.context())
        #expect(result.findings.map(\.code) == ["activity.target_missing"])
        #expect(result.findings.map(\.severity) == [.warning])
        #expect(result.saveable != nil)
    }
}
