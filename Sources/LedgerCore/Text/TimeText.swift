/// How a stored time reads to a person: `2026-12-06 21:09` for the stored `2026-12-06T21:09:33`. The stored text
/// stays as it is wherever a program reads it (JSON, the database).
public enum TimeText {
    public static func shown(_ stored: String) -> String {
        let parts = stored.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 10, parts[1].count >= 5 else { return stored }
        return "\(parts[0]) \(parts[1].prefix(5))"
    }

    public static func shown(_ stored: String?) -> String { stored.map { shown($0) } ?? "" }
}
