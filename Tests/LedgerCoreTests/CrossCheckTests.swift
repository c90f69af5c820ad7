import Testing
@testable import LedgerCore

/// A service against its person's survey record: a 创业培训 the record does not show, a service before the survey.
struct ServiceSurveyCrossCheckTests {
    let person = ValidationContext.ExistingPerson(id: 1, name: "张三", communityCode: "630102001")

    func findings(_ overrides: [String: String], survey: SurveyFacts?) -> [Finding] {
        var raw = ["service_date": "2024-04-01", "id_number": Fixture.maleId, "service_type": "政策咨询", "method": "窗口",
                   "content": "咨询首次创业补贴申请"]
        for (k, v) in overrides { raw[k] = v }
        var context = Fixture.context(existing: [person])
        context.surveyOfPerson = { $0 == 1 ? survey : nil }
        return ServiceValidator.validate(raw, context: context, defaultStaff: "王芳").findings
    }

    let untrained = SurveyFacts(surveyDate: Day(year: 2024, month: 3, day: 15)!, trained: false)
    let trained = SurveyFacts(surveyDate: Day(year: 2024, month: 3, day: 15)!, trained: true)

    @Test func aTrainingServiceForAPersonNotRecordedAsTrainedIsAWarning() {
        let found = findings(["service_type": "创业培训"], survey: untrained)
        #expect(found.map(\.code) == ["service.training_not_in_survey"])
        #expect(found.map(\.severity) == [.warning] && found.first?.field == "service_type")
        #expect(found.first?.message == "此人摸底台账中“参加创业培训”为“否”：如已培训，请在摸底台账补填培训情况（否则不计入创业培训率）")
        // Recorded as trained, or another type of service: nothing to say
        #expect(findings(["service_type": "创业培训"], survey: trained).isEmpty)
        #expect(findings(["service_type": "创业指导"], survey: untrained).isEmpty)
    }

    @Test func aServiceBeforeThePersonsSurveyDateIsAWarning() {
        let found = findings(["service_date": "2024-03-14"], survey: trained)
        #expect(found.map(\.code) == ["service.before_survey"])
        #expect(found.first?.message == "服务日期2024-03-14早于此人的摸底日期2024-03-15，请核对服务日期或摸底日期")
        // On the survey day itself it is fine
        #expect(findings(["service_date": "2024-03-15"], survey: trained).isEmpty)
        // Both at once, each on its own field
        #expect(findings(["service_date": "2024-03-01", "service_type": "创业培训"], survey: untrained).map(\.field) == ["service_date", "service_type"])
    }

    /// A service cannot come before its person was born (the ID number says when): an error, not a question.
    @Test func aServiceBeforeThePersonWasBornIsAnError() {
        // Fixture.maleId: born 1990-03-07.
        let found = findings(["service_date": "1990-03-06"], survey: nil)
        // Before the period's warning on the same field: a form says the error when the date is left.
        #expect(found.filter { $0.field == "service_date" }.map(\.code) == ["service.before_birth", "date.outside_period"])
        #expect(found.first { $0.code == "service.before_birth" }?.message == "服务日期1990-03-06早于此人的出生日期1990-03-07，请核对服务日期")
        #expect(!findings(["service_date": "1990-03-07"], survey: nil).contains { $0.code == "service.before_birth" })
    }

    /// A form shows each warning on the field just left: the date's before 服务类型 is typed, the type's before
    /// 服务方式 and 服务内容 (they waited for every required field before).
    @Test func eachWarningComesAsSoonAsWhatItComparesIsTyped() {
        let onlyDate = findings(["service_date": "2024-03-01", "service_type": "", "method": "", "content": ""], survey: trained)
        #expect(onlyDate.filter { $0.severity == .warning }.map(\.code) == ["service.before_survey"])
        let noContent = findings(["service_type": "创业培训", "method": "", "content": ""], survey: untrained)
        #expect(noContent.filter { $0.severity == .warning }.map(\.code) == ["service.training_not_in_survey"])
    }

    /// While the survey record is not known (a form's look-up on its way), nothing is made up.
    @Test func anUnknownSurveyRecordWarnsOfNothing() {
        #expect(findings(["service_date": "2024-03-01", "service_type": "创业培训"], survey: nil).isEmpty)
    }

    @Test func surveyFactsFromStoredText() {
        #expect(SurveyFacts(surveyDate: "2024-03-15", trained: true) == trained)
        #expect(SurveyFacts(surveyDate: "not a date", trained: true) == nil)
    }
}

/// The labour force (参与率's denominator) against what the community's registers hold and what was saved.
struct LabourForceCheckTests {
    func codes(_ labour: Int, registered: Int, saved: Int?) -> [String] {
        LabourForceCheck.warnings(labour, .init(registered: registered, saved: saved)).map(\.code)
    }

    @Test func fewerThanThePersonsRegisteredIsAWarning() {
        let found = LabourForceCheck.warnings(6, .init(registered: 7, saved: nil))
        #expect(found.map(\.code) == ["labour_force.below_registered"] && found.map(\.severity) == [.warning])
        #expect(found.first?.message == "城镇劳动者总数6少于本社区摸底登记的7人，参与率可能超过100%，请核对")
        #expect(codes(7, registered: 7, saved: nil).isEmpty)
    }

    /// 3200 typed as 32: the participation rate 4/32 gave 15 points the community had not earned.
    @Test func aChangeByTenTimesOrMoreIsAWarning() {
        let found = LabourForceCheck.warnings(32, .init(registered: 7, saved: 3200))
        #expect(found.map(\.code) == ["labour_force.tenfold"])
        #expect(found.first?.message == "城镇劳动者总数由3200改为32，相差10倍以上，请核对是否多输或少输了数字")
        #expect(codes(32000, registered: 7, saved: 3200) == ["labour_force.tenfold"])
        #expect(codes(320, registered: 7, saved: 3200) == ["labour_force.tenfold"])
        // Just under ten times either way, unchanged, or nothing saved yet: no warning
        #expect(codes(321, registered: 7, saved: 3200).isEmpty)
        #expect(codes(31_999, registered: 7, saved: 3200).isEmpty)
        #expect(codes(3200, registered: 7, saved: 3200).isEmpty)
        #expect(codes(32, registered: 7, saved: nil).isEmpty)
        // Extremes do not overflow
        #expect(codes(10_000_000, registered: 0, saved: 1) == ["labour_force.tenfold"])
    }

    @Test func theProfileValidatorAddsThemWhenGivenTheFigures() {
        let raw = ["code": "630102001", "name": "八一路社区", "street": "八一路街道", "district": "城东区", "labour_force": "32"]
        let today = Day(year: 2024, month: 6, day: 1)!
        let checked = CommunityValidator.validate(raw, today: today, figures: .init(registered: 40, saved: 3200))
        #expect(checked.findings.map(\.code) == ["labour_force.below_registered", "labour_force.tenfold"])
        #expect(checked.value?.labourForce == 32)
        // A profile file (no figures given) is judged as before
        #expect(CommunityValidator.validate(raw, today: today).findings.isEmpty)
    }
}
