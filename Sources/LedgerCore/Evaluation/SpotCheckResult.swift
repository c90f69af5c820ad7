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
}
