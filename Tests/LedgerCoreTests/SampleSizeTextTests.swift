import Testing
@testable import LedgerCore

/// What a draw says of its size: what was drawn, and when fewer than asked, that there were no more to draw.
struct SampleSizeTextTests {
    static func check(_ position: Int, forService: Bool = false) -> SpotCheck {
        SpotCheck(position: position, personId: Int64(position), name: "张三", idNumber: "630102199003070116", stratum: "有创业意愿",
                  result: nil, note: nil, checkedBy: nil, checkedAt: nil, changesSinceCheck: 0, forService: forService)
    }

    static func sample(asked: Int, services: Int, persons drawn: Int, servicesDrawn: Int) -> SpotCheckSample {
        let checks = (0..<drawn).map { check($0 + 1) } + (0..<servicesDrawn).map { check(drawn + $0 + 1, forService: true) }
        return SpotCheckSample(seed: 1, requestedSize: asked, strata: [], drawnBy: "督导", drawnAt: "2024-12-31T10:00:00",
                               checks: checks, requestedServices: services)
    }

    @Test func fewerThanAskedIsSaid() {
        #expect(Self.sample(asked: 2, services: 0, persons: 2, servicesDrawn: 0).sizeText == "抽2人")
        #expect(Self.sample(asked: 8, services: 2, persons: 8, servicesDrawn: 2).sizeText == "抽8人、2项服务")
        #expect(Self.sample(asked: 100, services: 0, persons: 48, servicesDrawn: 0).sizeText == "抽48人（要求100人，只有48人可抽）")
        #expect(Self.sample(asked: 5, services: 3, persons: 5, servicesDrawn: 1).sizeText == "抽5人、1项服务（要求3项服务，只有1项服务可抽）")
    }
}
