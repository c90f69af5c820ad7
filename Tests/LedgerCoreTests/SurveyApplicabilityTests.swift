import Testing
import LedgerCore

/// The one rule of which survey fields apply: the form shows them, exports print only them.
struct SurveyApplicabilityTests {
    @Test func aPersonNotTrainedAndNotStartedHasNoTrainingDetailsBusinessOrSubsidies() {
        let fields = ["name": "王秀英", "status": "有创业意愿", "trained": "否", "training_passed": "否", "jobs_created": "0",
                      "subsidy_first_eligible": "否", "in_training_scope": "是"]
        #expect(SurveyApplicability.printable(.survey, fields) == ["name": "王秀英", "status": "有创业意愿", "trained": "否",
                                                                  "in_training_scope": "是"])
    }

    @Test func aStartedTrainedPersonKeepsWhatAppliesAndEachReceivedFollowsItsEligibility() {
        let fields = ["status": "已创业", "trained": "是", "training_passed": "否", "certificate_no": "X1", "jobs_created": "3",
                      "subsidy_first_eligible": "是", "subsidy_first_received": "否", "subsidy_jobs_eligible": "否",
                      "subsidy_jobs_received": "否"]
        let printed = SurveyApplicability.printable(.survey, fields)
        #expect(printed["training_passed"] == "否" && printed["certificate_no"] == nil)
        #expect(printed["jobs_created"] == "3" && printed["subsidy_first_received"] == "否")
        #expect(printed["subsidy_jobs_eligible"] == "否" && printed["subsidy_jobs_received"] == nil)
    }

    @Test func otherRegistersAreAsStored() {
        let fields = ["name": "张三", "trained": "否"]
        #expect(SurveyApplicability.printable(.service, fields) == fields)
    }
}
