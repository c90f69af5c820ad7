/// What validation needs to know beyond the record itself: today, the period, and other records.
public struct ValidationContext {
    /// A survey-register row another record may collide with.
    public struct ExistingPerson: Sendable, Hashable {
        public let id: Int64
        public let name: String
        public let communityCode: String
        /// The community's name, where the look-up read it (warnings name the community by it).
        public let communityName: String?
        public init(id: Int64, name: String, communityCode: String, communityName: String? = nil) {
            self.id = id
            self.name = name
            self.communityCode = communityCode
            self.communityName = communityName
        }
    }

    public var today: Day
    public var communityCode: String
    public var period: Period
    /// The id of the record being edited, so it does not collide with itself.
    public var editingId: Int64?
    /// Active persons with this ID number, in any community.
    public var personsWithIdNumber: (String) -> [ExistingPerson]
    /// Ids of the active services of a person (by row id) on a day with a type: a second one is likely entered twice.
    public var sameDayServices: (_ personId: Int64, _ date: Day, _ type: ServiceType) -> [Int64] = { _, _, _ in [] }
    /// A person's (by row id) 摸底日期 and 参加创业培训, which a service of theirs is checked against; nil while not
    /// known (a form's look-up still on its way: its answer validates the draft again).
    public var surveyOfPerson: (_ personId: Int64) -> SurveyFacts? = { _ in nil }

    public init(today: Day, communityCode: String, period: Period, editingId: Int64? = nil,
                personsWithIdNumber: @escaping (String) -> [ExistingPerson] = { _ in [] }) {
        self.today = today
        self.communityCode = communityCode
        self.period = period
        self.editingId = editingId
        self.personsWithIdNumber = personsWithIdNumber
    }
}

/// A validated record (nil when errors prevented building it) and every finding about it.
public struct Validated<Value: Sendable>: Sendable {
    public var value: Value?
    public var findings: [Finding]

    public init(value: Value?, findings: [Finding]) {
        self.value = value
        self.findings = findings
    }

    /// The record, if it may be saved (no errors).
    public var saveable: Value? { findings.hasErrors ? nil : value }

    /// Moves the record out, if it may be saved, leaving nil: unlike `saveable`, no copy of it is made (a copy of a
    /// record retains each of its texts, and an import does this for every row).
    public mutating func takeSaveable() -> Value? { findings.hasErrors ? nil : value.take() }
}
