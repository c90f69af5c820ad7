/// What a spot check found about a sampled record (随机抽样核实结果).
public enum SpotCheckResult: String, Sendable, CaseIterable, Codable {
    case confirmed = "属实"
    case untrue = "不属实"
    case unreachable = "联系不上"

    /// Accepts the Chinese name, or a short form a supervisor types at a command line.
    public init?(text: String) {
        switch text.trimmingSpaces() {
        case "属实", "confirmed", "ss": self = .confirmed
        case "不属实", "untrue", "bss": self = .untrue
        case "联系不上", "unreachable", "lxbs": self = .unreachable
        default: return nil
        }
    }

    /// The discrepancy rate (不符率): 不属实 among the records whose truth the check established (属实 or 不属实).
    /// A 联系不上 record was neither confirmed nor refuted, so it is not in the denominator (counting it there would
    /// lower the rate exactly when the checker could not reach people); it is reported on its own. Nil before any
    /// record was established. The one definition for the evaluation, its export and the operator statistics.
    public static func discrepancyRate(confirmed: Int, untrue: Int) -> Rational? {
        confirmed + untrue == 0 ? nil : Rational(untrue, confirmed + untrue)
    }
}
