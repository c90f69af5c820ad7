/// A small, fully specified pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014).
///
/// Spot-check draws must be reproducible from their stored seed on any machine and any later version of this
/// program, so the generator and the way a bounded number is taken from it are written out here instead of
/// relying on the standard library's `random(in:using:)`, whose algorithm is not promised to stay the same.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `0..<bound` (bound > 0), without modulo bias: values in the short last cycle are
    /// rejected and drawn again.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return r % bound }
        }
    }
}
