/// A small bar for a fraction: eighths of a cell (▏▎▍▌▋▊▉█) where the terminal draws Unicode, `[###---]` where it
/// does not (no UTF-8 locale, or NO_COLOR asked for the plainest output).
///
/// A bar may show two fractions: what is `earned` (solid) and how far the work has come beyond it (`progress`,
/// light shade ░, or `+` in ASCII). A score item at 0 points whose figure is three quarters of the way to its
/// threshold then reads as work under way, not as points earned.
public enum Gauge {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// Exactly `width` cells wide: one fraction, all of it solid.
    public static func text(_ fraction: Double, width: Int, ascii: Bool) -> String {
        text(earned: fraction, progress: fraction, width: width, ascii: ascii)
    }

    /// Exactly `width` cells wide: `earned` solid, the rest of `progress` (when larger) shaded, in whole cells.
    public static func text(earned: Double, progress: Double, width: Int, ascii: Bool) -> String {
        guard width > 0 else { return "" }
        let e = clamped(earned), p = max(e, clamped(progress))
        if ascii {
            // Brackets only where they leave room for a few steps inside.
            let inner = width >= 4 ? width - 2 : width
            let solid = Int((e * Double(inner)).rounded(.down))
            let shaded = max(0, Int((p * Double(inner)).rounded(.down)) - solid)
            let bar = String(repeating: "#", count: solid) + String(repeating: "+", count: shaded)
                + String(repeating: "-", count: inner - solid - shaded)
            return width >= 4 ? "[" + bar + "]" : bar
        }
        let total = Int((e * Double(width * 8)).rounded(.down))
        let full = total / 8, rest = total % 8
        var text = String(repeating: "█", count: full)
        if rest > 0 { text.append(eighths[rest - 1]) }
        let used = full + (rest > 0 ? 1 : 0)
        let shaded = max(0, Int((p * Double(width)).rounded(.down)) - used)
        return text + String(repeating: "░", count: shaded) + String(repeating: " ", count: width - used - shaded)
    }

    private static func clamped(_ f: Double) -> Double { f.isFinite ? min(1, max(0, f)) : 0 }
}
