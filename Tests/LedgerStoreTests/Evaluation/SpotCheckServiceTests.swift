import GRDB
import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerStore

/// The draw also samples the sampled persons' services (issue 23 item 3): one service of the period per person.
struct SpotCheckServiceTests {
    /// Three persons; the first has three services in the period (ids in order), the others none.
    static func fixture() throws -> (EvaluationFixture, [Int64]) {
        let f = try EvaluationFixture(intending: 3, started: 0)
        for date in ["2024-05-02", "2024-06-03"] {
            _ = try #require(try f.clerk.recordService(service(validId(serial: 1), date: date), community: f.code).saved)
        }
        let personId = try f.personId(serial: 1)
        let services = try f.clerk.writer.read {
            try Int64.fetchAll($0, sql: "SELECT id FROM service WHERE person_id = ? ORDER BY id", arguments: [personId])
        }
        #expect(services.count == 3)
        return (f, services)
    }

    @Test func eachSampledPersonBringsOneOfTheirServicesChosenFromTheSeed() throws {
        let (f, services) = try Self.fixture()
        let personId = try f.personId(serial: 1)
        _ = try f.submit()
        let sample = try #require(try f.supervisor.drawSpotChecks(community: f.code, size: 3, seed: 42).sample)
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
        let (copy, _) = try Self.fixture()
        _ = try copy.submit()
        let again = try #require(try copy.supervisor.drawSpotChecks(community: copy.code, size: 3, seed: 42).sample)
        #expect(again.checks.map { $0.service?.id } == sample.checks.map { $0.service?.id })
    }

    @Test func correctingTheSampledServiceAfterAnUntrueCheckShowsAsTheCommunitysCorrection() throws {
        let (f, _) = try Self.fixture()
        let personId = try f.personId(serial: 1)
        _ = try f.submit()
        let sample = try #require(try f.supervisor.drawSpotChecks(community: f.code, size: 3, seed: 42).sample)
        let check = try #require(sample.checks.first { $0.personId == personId })
        let sampled = try #require(check.service)
        _ = try f.supervisor.recordSpotCheck(community: f.code, position: check.position, result: .untrue, note: "服务日期不符")
        let opened = try #require(try f.clerk.open(RecordRef(.service, id: sampled.id)))
        var fields = opened.fields
        fields["content"] = "电话回访，讲解贷款申请材料"
        _ = try #require(try f.clerk.recordService(fields, community: f.code, editing: opened.token).saved)
        let after = try #require(try f.clerk.evaluation(community: f.code)?.sample?.checks.first { $0.position == check.position })
        #expect(after.changesSinceCheck == 1 && after.service == sampled)
    }
}

struct ServicePickTests {
    @Test func noServicesPickNothingAndEveryPickIsInRangeAndRepeatable() {
        #expect(ServicePick.index(count: 0, seed: 7, position: 1) == nil)
        let picks = (1 ... 40).map { ServicePick.index(count: 5, seed: 7, position: $0) }
        #expect(picks.allSatisfy { ($0 ?? -1) >= 0 && ($0 ?? 5) < 5 })
        #expect(picks == (1 ... 40).map { ServicePick.index(count: 5, seed: 7, position: $0) })
        // Forty persons with five services each do not all get the same one
        #expect(Set(picks.compactMap { $0 }).count == 5)
    }
}
