import Testing
@testable import LedgerCore

struct StratifiedSampleTests {
    @Test func splitMix64GivesThePublishedSequence() {
        // The reference implementation (Vigna, splitmix64.c) seeded with 0 starts with these outputs.
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test(arguments: [1, 2, 3, 7, 10, 1_000])
    func boundedNumbersStayBelowTheirBound(bound: UInt64) {
        var g = SplitMix64(seed: 42)
        let values = (0..<500).map { _ in g.below(bound) }
        #expect(values.allSatisfy { $0 < bound })
        // Every value of a small bound turns up
        if bound <= 10 { #expect(Set(values).count == Int(bound)) }
    }

    @Test(arguments: [
        ([20, 10], 6, [4, 2]),
        ([7, 3], 5, [4, 1]),        // equal remainders: the earlier stratum
        ([1, 1, 98], 3, [0, 0, 3]),
        ([2, 8], 100, [2, 8]),      // more seats than members: everyone
        ([5, 0], 3, [3, 0]),
        ([0, 0], 3, [0, 0]),
        ([5, 3, 2], 4, [2, 1, 1]),  // shares 2, 1.2, 0.8: the last seat to the largest remainder
        ([6, 3, 1], 4, [3, 1, 0]),  // shares 2.4, 1.2, 0.4: tied remainders, the earlier stratum
    ])
    func seatsFollowTheStrataSizes(sizes: [Int], size: Int, expected: [Int]) {
        #expect(StratifiedSample.allocation(sizes: sizes, size: size) == expected)
    }

    static func population(_ intending: Int, _ started: Int) -> [StratifiedSample.Member] {
        (0..<intending).map { .init(id: Int64(100 + $0), stratum: "有创业意愿") } + (0..<started).map { .init(id: Int64(500 + $0), stratum: "已创业") }
    }

    @Test func theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        let order = ["有创业意愿", "已创业"]
        // The population's order does not matter: members are taken in id order
        let a = StratifiedSample.draw(Self.population(40, 20), size: 9, seed: 12345, order: order)
        let b = StratifiedSample.draw(Self.population(40, 20).reversed(), size: 9, seed: 12345, order: order)
        let c = StratifiedSample.draw(Self.population(40, 20), size: 9, seed: 12346, order: order)
        #expect(a == b)
        #expect(a != c)
        #expect(a.filter { $0.stratum == "有创业意愿" }.count == 6 && a.filter { $0.stratum == "已创业" }.count == 3)
        #expect(Set(a.map(\.id)).count == 9)
        // Listed stratum by stratum, each in id order
        #expect(a.map(\.stratum) == Array(repeating: "有创业意愿", count: 6) + Array(repeating: "已创业", count: 3))
        #expect(a.prefix(6).map(\.id) == a.prefix(6).map(\.id).sorted())
    }

    @Test func everyMemberCanBeDrawn() {
        // Over many seeds a 2-of-10 draw reaches all ten members of the stratum, roughly evenly
        var seen: [Int64: Int] = [:]
        for seed in 0..<2_000 {
            for m in StratifiedSample.draw(Self.population(10, 0), size: 2, seed: UInt64(seed), order: ["有创业意愿"]) { seen[m.id, default: 0] += 1 }
        }
        #expect(seen.count == 10)
        #expect(seen.values.allSatisfy { (320...480).contains($0) }, "\(seen)")
    }
}
