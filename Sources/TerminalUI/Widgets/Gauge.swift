/// A small bar for a fraction: eighths of a cell (▏▎▍▌▋▊▉█) where the terminal draws Unicode, `[###---]` where it
/// does not (no UTF-8 locale, or NO_COLOR asked for the plainest output).
public enum Gauge {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Exactly `width` cells wide.
    public static func text(_ fraction: Double, width: Int, ascii: Bool) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        if ascii {
            // Brackets only where they leave room for a few steps inside.
            guard width >= 4 else {
                let filled = Int((f * Double(width)).rounded(.down))
                return String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            }
            let inner = width - 2
            let filled = Int((f * Double(inner)).rounded(.down))
            return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: inner - filled) + "]"
        }
        let total = Int((f * Double(width * 8)).rounded(.down))
        let full = total / 8, rest = total % 8
        var text = String(repeating: "█", count: full)
        if rest > 0 { text.append(eighths[rest - 1]) }
        return text + String(repeating: " ", count: width - full - (rest > 0 ? 1 : 0))
    }
}
