import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The draw also samples the sampled persons' services (issue 23 item 3): one service of the period per person.
struct SpotCheckServiceTests {
    /// Three persons; the first has three services in the period (ids in order), the others none.
    static func fixture(_ engine: StoreEngine) async throws -> (EvaluationFixture, [Int64]) {
        let f = try await EvaluationFixture(engine, intending: 3, started: 0)
        for date in ["2024-05-02", "2024-06-03"] {
            try await f.clerk.saveRecord(.service, service(validId(serial: 1), date: date), community: f.code)
        }
        let services = try await f.clerk.records(.service, community: f.code, after: nil, limit: 10)
            .filter { $0.fields["id_number"] == validId(serial: 1) }.map(\.ref.id).sorted()
        #expect(services.count == 3)
        return (f, services)
    }

    /// The fixture submitted and three persons drawn with seed 42: the first person's place, with one of their services.
    static func drawnFirstPerson(_ f: EvaluationFixture) async throws -> SpotCheck {
        let personId = try await f.personId(serial: 1)
        _ = try await f.submit()
        let sample = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 3, services: 0, seed: 42, stage: .district).sample)
        return try #require(sample.checks.first { $0.personId == personId })
    }

    /// The clerk corrects one field of a service, as the 评选 screen's Enter lets them.
    static func clerkCorrects(_ f: EvaluationFixture, service id: Int64, _ key: String, to value: String) async throws {
        let opened = try #require(try await f.clerk.open(RecordRef(.service, id: id)))
        var fields = opened.fields
        fields[key] = value
        try await f.clerk.saveRecord(.service, fields, community: f.code, editing: opened.token)
    }

    @Test(arguments: StoreEngine.allCases)
    func eachSampledPersonBringsOneOfTheirServicesChosenFromTheSeed(engine: StoreEngine) async throws {
        let (f, services) = try await Self.fixture(engine)
        defer { f.cleanup() }
        let personId = try await f.personId(serial: 1)
        _ = try await f.submit()
        let sample = try #require(try await f.supervisor.drawSpotChecks(community: f.code, size: 3, services: 0, seed: 42, stage: .district).sample)
        #expect(sample.checks.count == 3)
        for check in sample.checks {
            if check.personId == personId {
                let index = try #require(ServicePick.index(count: 3, seed: 42, position: check.position))
                #expect(check.service?.id == services[index])
                #expect(check.service?.type == "创业指导" && check.service?.text.hasPrefix("服务 2024-") == true)
            } else {
                #expect(check.service == nil)
            }
        }
        // The same registers and seed elsewhere pick the same services
        let (copy, _) = try await Self.fixture(engine)
        defer { copy.cleanup() }
        _ = try await copy.submit()
        let again = try #require(try await copy.supervisor.drawSpotChecks(community: copy.code, size: 3, services: 0, seed: 42, stage: .district).sample)
        #expect(again.checks.map { $0.service?.id } == sample.checks.map { $0.service?.id })
    }

    @Test(arguments: StoreEngine.allCases)
    func correctingTheSampledServiceAfterAnUntrueCheckShowsAsTheCommunitysCorrection(engine: StoreEngine) async throws {
        let (f, _) = try await Self.fixture(engine)
        defer { f.cleanup() }
        let check = try await Self.drawnFirstPerson(f)
        let sampled = try #require(check.service)
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .untrue, note: "服务日期不符", stage: .district)
        try await Self.clerkCorrects(f, service: sampled.id, "content", to: "电话回访，讲解贷款申请材料")
        let after = try #require(try await f.clerk.evaluation(community: f.code)?.sample?.checks.first { $0.position == check.position })
        #expect(after.changesSinceCheck == 1 && after.service == sampled)
        // What the community changed is named, for the supervisor to judge whether it is what the finding said
        #expect(after.fieldsChangedSinceCheck == ["服务内容"])
        #expect(after.correctionLongText(signed: false) == "社区已更正1处：服务内容")
    }

    /// The list keeps the service as the supervisor checked it: the signed report must not contradict its own note
    /// once the community corrects the record. A new check records the service as it is then.
    @Test(arguments: StoreEngine.allCases)
    func theSampleShowsTheServiceAsCheckedBesideTheCommunitysCorrection(engine: StoreEngine) async throws {
        let (f, _) = try await Self.fixture(engine)
        defer { f.cleanup() }
        let check = try await Self.drawnFirstPerson(f)
        let drawn = try #require(check.service)
        #expect(drawn.seenDate == drawn.date && drawn.seenType == "创业指导")
        #expect(drawn.text == "服务 \(drawn.date) 创业指导")
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .untrue,
                                                   note: "服务日期应为2024-09-21", stage: .district)
        try await Self.clerkCorrects(f, service: drawn.id, "service_date", to: "2024-09-21")
        // (The supervisor reads it: a clerk sees only the records found 不属实 before the signature.)
        func service() async throws -> SampledService {
            try #require(try await f.supervisor.evaluation(community: f.code)?.sample?.checks.first { $0.position == check.position }?.service)
        }
        let corrected = try await service()
        #expect(corrected.date == "2024-09-21" && corrected.seenDate == drawn.date)
        #expect(corrected.text == "服务 \(drawn.date) 创业指导（现为 2024-09-21）")
        // Checked again after the correction: the list now says what this check saw
        _ = try await f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .confirmed, note: "", stage: .district)
        #expect(try await service().text == "服务 2024-09-21 创业指导")
    }

    /// A sampled service deleted after the draw says so wherever the sample is shown (it had read as if still there).
    @Test(arguments: StoreEngine.allCases)
    func aSampledServiceDeletedSinceTheDrawSaysSo(engine: StoreEngine) async throws {
        let (f, _) = try await Self.fixture(engine)
        defer { f.cleanup() }
        let check = try await Self.drawnFirstPerson(f)
        let drawn = try #require(check.service)
        #expect(!drawn.deleted)
        try await f.clerk.delete(RecordRef(.service, id: drawn.id), reason: "重复登记", confirmingServices: 0)
        let after = try #require(try await f.supervisor.evaluation(community: f.code)?.sample?.checks.first { $0.position == check.position }?.service)
        #expect(after.deleted && after.text == "服务 \(drawn.date) 创业指导（已删除）")
    }
}

struct ServicePickTests {
    @Test func aServiceReadsAsSeenWithWhatChangedSince() {
        #expect(SampledService(id: 1, date: "2024-05-02", type: "创业指导").text == "服务 2024-05-02 创业指导")
        #expect(SampledService(id: 1, date: "2024-05-02", type: "创业指导", seenDate: "2024-05-02", seenType: "创业指导").text
                    == "服务 2024-05-02 创业指导")
        #expect(SampledService(id: 1, date: "2024-05-03", type: "政策咨询", seenDate: "2024-05-02", seenType: "创业指导").text
                    == "服务 2024-05-02 创业指导（现为 2024-05-03 政策咨询）")
        #expect(SampledService(id: 1, date: "2024-05-02", type: "政策咨询", seenDate: "2024-05-02", seenType: "创业指导").text
                    == "服务 2024-05-02 创业指导（现为 政策咨询）")
        #expect(SampledService(id: 1, date: "2024-05-03", type: "创业指导", seenDate: "2024-05-02", seenType: "创业指导", deleted: true).text
                    == "服务 2024-05-02 创业指导（现为 2024-05-03，已删除）")
    }

    @Test func noServicesPickNothingAndEveryPickIsInRangeAndRepeatable() {
        #expect(ServicePick.index(count: 0, seed: 7, position: 1) == nil)
        let picks = (1 ... 40).map { ServicePick.index(count: 5, seed: 7, position: $0) }
        #expect(picks.allSatisfy { ($0 ?? -1) >= 0 && ($0 ?? 5) < 5 })
        #expect(picks == (1 ... 40).map { ServicePick.index(count: 5, seed: 7, position: $0) })
        // Forty persons with five services each do not all get the same one
        #expect(Set(picks.compactMap { $0 }).count == 5)
    }
}
