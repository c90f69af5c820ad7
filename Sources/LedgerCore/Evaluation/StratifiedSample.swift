/// A stratified random sample for spot checks (随机抽样): strata get seats in proportion to their size, and
/// within each stratum the records are chosen uniformly from a seeded generator, so the same population and seed
/// always give the same sample (the supervisor can show the community how the draw came about).
public enum StratifiedSample {
    /// One member of the population: a record id and the stratum it belongs to.
    public struct Member: Sendable, Hashable {
        public let id: Int64
        public let stratum: String

        public init(id: Int64, stratum: String) {
            self.id = id
            self.stratum = stratum
        }
    }

    /// Seats per stratum, in `order`, by the largest-remainder (Hamilton) method: each stratum gets the whole
    /// part of its exact share `size × N_h ÷ N`, and the seats left go to the largest fractional parts (ties to
    /// the stratum earlier in `order`). The sum is exactly `min(size, N)`, and no stratum gets more seats than
    /// it has members.
    public static func allocation(sizes: [Int], size: Int) -> [Int] {
        let total = sizes.reduce(0, +)
        let wanted = min(max(size, 0), total)
        guard total > 0, wanted > 0 else { return sizes.map { _ in 0 } }
        var seats = sizes.map { $0 * wanted / total }
        let remainders = sizes.map { $0 * wanted % total }
        var left = wanted - seats.reduce(0, +)
        // Stable by position: larger remainder first, then the earlier stratum.
        let byRemainder = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for i in byRemainder where left > 0 && seats[i] < sizes[i] {
            seats[i] += 1
            left -= 1
        }
        return seats
    }

    /// Draws `size` members (all of them when there are fewer), strata in `order` (strata not named there come
    /// after, by name). Members of a stratum are taken in id order and chosen by a partial Fisher–Yates shuffle
    /// driven by one `SplitMix64` seeded with `seed`, stratum after stratum. The result lists the chosen members
    /// stratum by stratum, each stratum in id order.
    public static func draw(_ population: [Member], size: Int, seed: UInt64, order: [String]) -> [Member] {
        let named = Set(order)
        let strata = order + Set(population.map(\.stratum)).subtracting(named).sorted()
        let groups = strata.map { stratum in population.filter { $0.stratum == stratum }.sorted { $0.id < $1.id } }
        let seats = allocation(sizes: groups.map(\.count), size: size)
        var generator = SplitMix64(seed: seed)
        var chosen: [Member] = []
        for (group, count) in zip(groups, seats) {
            var pool = group
            for i in 0..<count {
                let j = i + Int(generator.below(UInt64(pool.count - i)))
                pool.swapAt(i, j)
            }
            chosen += pool.prefix(count).sorted { $0.id < $1.id }
        }
        return chosen
    }
}
