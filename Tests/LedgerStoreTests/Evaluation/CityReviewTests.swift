import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The 市级考评: the district recommends a signed 初评; a city supervisor adjusts, draws its own sample, checks,
/// signs; the lock stays and only the city unlocks it afterwards.
struct CityReviewTests {
    /// The fixture with a city supervisor (市督导) and a signed 初评 (one difference, two persons checked).
    static func signed(_ engine: StoreEngine) async throws -> (EvaluationFixture, city: any EvaluatingStore) {
        let f = try await EvaluationFixture(engine, intending: 5, started: 3)
        try await f.supervisor.saveOperator("市督导", role: .city, communities: [])
        let city = try await f.session(as: "市督导")
        _ = try await f.submit()
        _ = try await f.supervisor.adjust(community: f.code, item: "survey_register", points: .zero, reason: "台账缺少签字", stage: .district)
        let drawn = try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 11, stage: .district)
        for check in drawn.sample?.checks ?? [] {
            _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .confirmed, note: "", stage: .district)
        }
        _ = try await f.supervisor.signOff(community: f.code, stage: .district)
        return (f, city)
    }

    @Test(arguments: StoreEngine.allCases)
    func aRecommendedCandidateIsReviewedByTheCityBesideTheSelfAssessmentAndThe初评(engine: StoreEngine) async throws {
        let (f, city) = try await Self.signed(engine)
        defer { f.cleanup() }
        // Not before the district recommends, and not by the clerk
        let early = await #expect(throws: StoreError.self) {
            _ = try await city.adjust(community: f.code, item: "jobs_index", points: Points(15), reason: "复核", stage: .city)
        }
        #expect(early?.message.hasPrefix("八一路社区（630102001）考核期 2024-01-01..2024-12-31 未经区县推荐，不能市级考评改分") == true, "\(early?.message ?? "")")
        let byClerk = await #expect(throws: StoreError.self) { _ = try await f.clerk.recommendToCity(community: f.code) }
        #expect(byClerk?.message == "只有区县督导可以推荐参加市级考评，王芳不是区县督导")
        #expect(try await city.cityCandidates().isEmpty)
        let recommended = try await f.supervisor.recommendToCity(community: f.code)
        #expect(recommended.recommendation?.by == "督导员")
        // The district supervisor is not the city's
        let byDistrict = await #expect(throws: StoreError.self) {
            _ = try await f.supervisor.adjust(community: f.code, item: "jobs_index", points: Points(15), reason: "复核", stage: .city)
        }
        #expect(byDistrict?.message == "只有市级督导可以市级考评改分，督导员不是市级督导")
        // The city's change is kept against the 初评's points, with its reason; the three scores side by side
        _ = try await city.adjust(community: f.code, item: "建立摸底台账", points: Points(2), reason: "现场补看签字台账", stage: .city)
        let review = try #require(try await city.cityReview(community: f.code))
        let item = try #require(review.district.items.first { $0.id == "survey_register" })
        #expect(review.selfPoints(item) == Points(2) && review.districtPoints(item) == .zero && review.cityPoints(item) == Points(2))
        #expect(review.cityAdjustment(item)?.reason == "现场补看签字台账" && review.cityAdjustment(item)?.by == "市督导")
        #expect(review.cityTotal == review.district.selfTotal && review.district.evaluatedTotal == review.district.selfTotal - Points(2))
        // The city's refusal of an unreachable value names the allowed ones
        let half = await #expect(throws: StoreError.self) {
            _ = try await city.adjust(community: f.code, item: "survey_register", points: Points(1), reason: "x", stage: .city)
        }
        #expect(half?.message == "建立摸底台账只能得2分或0分（全得或不得），不能给1分")
        // The candidates list has it with all three totals
        let listed = try #require(try await city.cityCandidates().first)
        #expect(listed.communityCode == f.code && listed.districtTotal == review.district.evaluatedTotal && listed.cityTotal == review.cityTotal)
        #expect(listed.cityStatus == "考评中")
        // The district's own 初评 is untouched
        #expect(try await f.clerk.evaluation(community: f.code)?.adjustments.keys.sorted() == ["survey_register"])
    }

    @Test(arguments: StoreEngine.allCases)
    func theCityDrawsItsOwnReproducibleSampleAndSigningKeepsTheLockWhichOnlyTheCityLifts(engine: StoreEngine) async throws {
        let (f, city) = try await Self.signed(engine)
        defer { f.cleanup() }
        _ = try await f.supervisor.recommendToCity(community: f.code)
        // The 市级考评 repeats the random spot check: not signed without its own draw
        let undrawn = await #expect(throws: StoreError.self) { _ = try await city.signOff(community: f.code, stage: .city) }
        #expect(undrawn?.message == "还没有随机抽样，不能签署市级考评：请先抽样（按 d，或 evaluate draw --city）")
        let drawn = try await city.drawSpotChecks(community: f.code, size: 4, services: 0, seed: 7, stage: .city)
        let sample = try #require(drawn.sample)
        #expect(drawn.stage == .city && sample.seed == 7 && sample.checks.count == 4 && sample.drawnBy == "市督导")
        // Its own seed: the district's sample stays as it was
        #expect(try await f.clerk.evaluation(community: f.code)?.sample?.seed == 11)
        // Reproducible: the same registers and seed elsewhere give the same list
        let (copy, copyCity) = try await Self.signed(engine)
        defer { copy.cleanup() }
        _ = try await copy.supervisor.recommendToCity(community: copy.code)
        let again = try #require(try await copyCity.drawSpotChecks(community: copy.code, size: 4, services: 0, seed: 7, stage: .city).sample)
        #expect(again.checks.map(\.name) == sample.checks.map(\.name))
        // One draw per review
        await #expect(throws: StoreError.self) { _ = try await city.drawSpotChecks(community: f.code, size: 2, services: 0, seed: 8, stage: .city) }
        // Signing needs every check
        let open = await #expect(throws: StoreError.self) { _ = try await city.signOff(community: f.code, stage: .city) }
        #expect(open?.message == "还有4条抽样未核实，不能签署市级考评：请先记录每条的核实结果")
        _ = try await city.recordSpotCheck(community: f.code, position: 1, result: .untrue, note: "本人称未参加培训", stage: .city)
        for position in 2...4 {
            _ = try await city.recordSpotCheck(community: f.code, position: position, result: .confirmed, note: "", stage: .city)
        }
        let signed = try await city.signOff(community: f.code, stage: .city)
        #expect(signed.signature?.by == "市督导" && signed.sample?.count(.untrue) == 1)
        // Its entry names the three totals: the 自评, the 初评 it reviewed (2 less), the city's
        let district = try #require(try await f.clerk.evaluation(community: f.code))
        let signEntry = try #require(try await f.clerk.recentHistory(community: f.code, limit: 5).first { $0.recordTable == "evaluation" })
        #expect(signEntry.action == "city_sign")
        #expect(signEntry.changes == [FieldChange(field: "city_total", old: nil, new: signed.evaluatedTotal.description),
                                      FieldChange(field: "evaluated_total", old: nil, new: district.evaluatedTotal.description),
                                      FieldChange(field: "self_total", old: nil, new: district.selfTotal.description)])
        #expect(district.evaluatedTotal == district.selfTotal - Points(2))
        // The lock stays, and a clerk's edit is refused naming both signatures
        let edit = await #expect(throws: StoreError.self) {
            _ = try await f.clerk.trySave(.survey, intending(id: validId(serial: 60), name: "新增"), community: f.code)
        }
        #expect(edit?.message.hasPrefix("台账已锁定，不能修改：八一路社区（630102001）考核期 2024-01-01..2024-12-31 的初评已由督导员于2024-12-31 09:00签署，市级考评已由市督导于2024-12-31 09:00签署。如需修改，请市级督导解锁") == true, "\(edit?.message ?? "")")
        // After the city signed nothing more in its review, and the district cannot unlock
        await #expect(throws: StoreError.self) { _ = try await city.adjust(community: f.code, item: "jobs_index", points: .zero, reason: "x", stage: .city) }
        let byDistrict = await #expect(throws: StoreError.self) { try await f.supervisor.unlock(community: f.code, reason: "更正") }
        #expect(byDistrict?.message.hasPrefix("只有市级督导可以解锁市级考评已签署的台账") == true, "\(byDistrict?.message ?? "")")
        try await city.unlock(community: f.code, reason: "市级抽查不属实，需更正")
        #expect(try await f.clerk.periodLock(community: f.code) == nil)
        let audit = try await f.clerk.recentHistory(community: f.code, limit: 3).filter { $0.recordTable == "evaluation" }
        #expect(audit.first?.action == "city_unlock" && audit.first?.operatorName == "市督导")
        #expect(audit.first?.changes == [FieldChange(field: "city_signed", old: "市督导 2024-12-31 09:00", new: nil),
                                          FieldChange(field: "reason", old: nil, new: "市级抽查不属实，需更正")])
        // The clerk's correction now goes through
        #expect(try await f.clerk.trySave(.survey, intending(id: validId(serial: 60), name: "新增"), community: f.code).saved != nil)
        // The city's review reopened: once the district signs again, the city signs anew
        #expect(try await city.cityReview(community: f.code)?.citySignature == nil)
        _ = try await f.supervisor.signOff(community: f.code, stage: .district)
        #expect(try await city.signOff(community: f.code, stage: .city).signature?.by == "市督导")
        #expect(try await f.clerk.periodLock(community: f.code) != nil)
    }

    @Test(arguments: StoreEngine.allCases)
    func aDistrictUnlockBeforeTheCitySignsStopsTheCityUntilSignedAgain(engine: StoreEngine) async throws {
        let (f, city) = try await Self.signed(engine)
        defer { f.cleanup() }
        _ = try await f.supervisor.recommendToCity(community: f.code)
        _ = try await city.drawSpotChecks(community: f.code, size: 1, services: 0, seed: 3, stage: .city)
        try await f.supervisor.unlock(community: f.code, reason: "补录")
        let error = await #expect(throws: StoreError.self) {
            _ = try await city.recordSpotCheck(community: f.code, position: 1, result: .confirmed, note: "", stage: .city)
        }
        #expect(error?.message == "八一路社区的初评已被区县解锁，须重新签署后才能记录市级抽查结果")
    }
}

/// Services drawn on their own (issue 23 item 3): stratified by service type, from the same seed, after the persons.
struct ServiceSampleTests {
    /// Eight persons; services of two types: 4 创业指导 and 2 创业培训 beyond the fixture's first.
    static func fixture(_ engine: StoreEngine) async throws -> EvaluationFixture {
        let f = try await EvaluationFixture(engine, intending: 6, started: 2)
        for (serial, type) in [(2, "创业指导"), (3, "创业指导"), (4, "创业指导"), (5, "创业培训"), (6, "创业培训")] {
            var fields = service(validId(serial: serial), date: "2024-06-0\(serial)")
            fields["service_type"] = type
            try await f.clerk.saveRecord(.service, fields, community: f.code)
        }
        return f
    }

    @Test(arguments: StoreEngine.allCases)
    func servicesAreDrawnByTypeInProportionReproduciblyAndListedAfterThePersons(engine: StoreEngine) async throws {
        let f = try await Self.fixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        let drawn = try await f.supervisor.drawSpotChecks(community: f.code, size: 2, services: 3, seed: 99, stage: .district)
        let sample = try #require(drawn.sample)
        #expect(sample.personCount == 2 && sample.serviceCount == 3 && sample.requestedServices == 3)
        // Positions go on after the persons; each service check names its service and its type as the stratum
        let services = sample.checks.filter(\.forService)
        #expect(services.map(\.position) == [3, 4, 5])
        #expect(services.allSatisfy { $0.service?.type == $0.stratum })
        // Not a service already drawn with a sampled person
        let withPersons = Set(sample.checks.filter { !$0.forService }.compactMap { $0.service?.id })
        #expect(services.allSatisfy { !withPersons.contains($0.service?.id ?? -1) })
        // Proportional: the types' populations as stored, and the seats by the largest remainder
        let population = sample.serviceStrata.reduce(0) { $0 + $1.population }
        for stratum in sample.serviceStrata {
            let exact = Double(stratum.population) * 3 / Double(population)
            #expect(abs(Double(stratum.drawn) - exact) < 1, "\(stratum)")
        }
        #expect(sample.strataText.contains("项抽"))
        // The persons are those a persons-only draw with the same seed takes
        let personsOnly = try await Self.fixture(engine)
        defer { personsOnly.cleanup() }
        _ = try await personsOnly.submit()
        let alone = try #require(try await personsOnly.supervisor.drawSpotChecks(community: personsOnly.code, size: 2, services: 0, seed: 99, stage: .district).sample)
        #expect(alone.checks.map(\.name) == sample.checks.filter { !$0.forService }.map(\.name))
        // The same seed elsewhere draws the same services
        let copy = try await Self.fixture(engine)
        defer { copy.cleanup() }
        _ = try await copy.submit()
        let again = try #require(try await copy.supervisor.drawSpotChecks(community: copy.code, size: 2, services: 3, seed: 99, stage: .district).sample)
        #expect(again.checks.map { $0.service?.date } == sample.checks.map { $0.service?.date })
        // A service found 不属实 is flagged to the clerk like a person
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: 3, result: .untrue, note: "服务日期不符", stage: .district)
        #expect(try await f.clerk.spotCheckFlags(community: f.code).map(\.position) == [3])
    }

    @Test(arguments: StoreEngine.allCases)
    func aDrawOfServicesOnlyAndItsBounds(engine: StoreEngine) async throws {
        let f = try await Self.fixture(engine)
        defer { f.cleanup() }
        _ = try await f.submit()
        let none = await #expect(throws: StoreError.self) { _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 0, services: 0, seed: 1, stage: .district) }
        #expect(none?.message == "抽样人数和单独抽查的服务数不能都是0")
        let tooMany = await #expect(throws: StoreError.self) { _ = try await f.supervisor.drawSpotChecks(community: f.code, size: 0, services: 1_001, seed: 1, stage: .district) }
        #expect(tooMany?.message == "单独抽查的服务数应在0到1000之间，1001超出范围")
        let only = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 0, services: 2, seed: 5, stage: .district).sample)
        #expect(only.personCount == 0 && only.serviceCount == 2 && only.requestedSize == 0)
    }
}
