/// One person in the survey register (创业摸底统计台账), after validation and normalisation.
public struct Person: Sendable, Hashable {
    public var id: Int64?
    public var communityCode: String
    public var name: String
    public var idNumber: String
    public var gender: Gender
    public var birthDate: Day
    public var ethnicity: String?
    public var education: Education
    public var hukou: Hukou
    public var phone: String
    public var address: String?
    public var categories: [PersonCategory]
    public var status: BusinessStatus
    public var surveyDate: Day
    public var project: String?
    public var industry: Industry?
    public var needs: [Need]
    public var inTrainingScope: Bool
    public var trained: Bool
    public var trainingType: TrainingType?
    public var trainingEnd: Day?
    public var trainingPassed: Bool
    public var certificateNo: String?
    public var entityName: String?
    public var entityType: EntityType?
    public var creditCode: String?
    public var licenseDate: Day?
    public var jobsCreated: Int
    public var subsidies: Subsidies
    /// 创业担保贷款 in fen (1/100 yuan), so amounts stay exact.
    public var loanFen: Int64?
    public var remarks: String?

    public init(id: Int64? = nil, communityCode: String, name: String, idNumber: String, gender: Gender,
                birthDate: Day, ethnicity: String? = nil, education: Education, hukou: Hukou, phone: String,
                address: String? = nil, categories: [PersonCategory], status: BusinessStatus, surveyDate: Day,
                project: String? = nil, industry: Industry? = nil, needs: [Need] = [], inTrainingScope: Bool = true,
                trained: Bool = false, trainingType: TrainingType? = nil, trainingEnd: Day? = nil,
                trainingPassed: Bool = false, certificateNo: String? = nil, entityName: String? = nil,
                entityType: EntityType? = nil, creditCode: String? = nil, licenseDate: Day? = nil,
                jobsCreated: Int = 0, subsidies: Subsidies = Subsidies(), loanFen: Int64? = nil, remarks: String? = nil) {
        self.id = id
        self.communityCode = communityCode
        self.name = name
        self.idNumber = idNumber
        self.gender = gender
        self.birthDate = birthDate
        self.ethnicity = ethnicity
        self.education = education
        self.hukou = hukou
        self.phone = phone
        self.address = address
        self.categories = categories
        self.status = status
        self.surveyDate = surveyDate
        self.project = project
        self.industry = industry
        self.needs = needs
        self.inTrainingScope = inTrainingScope
        self.trained = trained
        self.trainingType = trainingType
        self.trainingEnd = trainingEnd
        self.trainingPassed = trainingPassed
        self.certificateNo = certificateNo
        self.entityName = entityName
        self.entityType = entityType
        self.creditCode = creditCode
        self.licenseDate = licenseDate
        self.jobsCreated = jobsCreated
        self.subsidies = subsidies
        self.loanFen = loanFen
        self.remarks = remarks
    }

    /// 初期创业者: started a business whose licence is within five years before `periodEnd`.
    /// A 网店 without a licence date counts from the survey date.
    public func isEarlyStage(periodEnd: Day) -> Bool {
        guard status == .started else { return false }
        let start = licenseDate ?? surveyDate
        return start <= periodEnd && start > periodEnd.adding(years: -5)
    }
}

/// The three subsidies of the scoring table, each with "eligible" and "received".
public struct Subsidies: Sendable, Hashable {
    public var firstEligible = false
    public var firstReceived = false
    public var rewardEligible = false
    public var rewardReceived = false
    public var jobsEligible = false
    public var jobsReceived = false
    public init(firstEligible: Bool = false, firstReceived: Bool = false, rewardEligible: Bool = false,
                rewardReceived: Bool = false, jobsEligible: Bool = false, jobsReceived: Bool = false) {
        self.firstEligible = firstEligible
        self.firstReceived = firstReceived
        self.rewardEligible = rewardEligible
        self.rewardReceived = rewardReceived
        self.jobsEligible = jobsEligible
        self.jobsReceived = jobsReceived
    }
}
