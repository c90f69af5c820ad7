/// What a service is checked against in its person's survey record (`ValidationContext.surveyOfPerson`): a
/// service cannot come before the person was surveyed, and a 创业培训 service for a person the register says was
/// never trained leaves 创业培训率 short (the rate counts the survey record, not the services).
public struct SurveyFacts: Sendable, Hashable {
    public let surveyDate: Day
    public let trained: Bool

    public init(surveyDate: Day, trained: Bool) {
        self.surveyDate = surveyDate
        self.trained = trained
    }

    public init(_ person: Person) {
        self.init(surveyDate: person.surveyDate, trained: person.trained)
    }

    /// From a stored survey date: nil for a date no valid record holds, so no warning is made up from it.
    public init?(surveyDate: String, trained: Bool) {
        guard let day = Day.parse(surveyDate) else { return nil }
        self.init(surveyDate: day, trained: trained)
    }
}
