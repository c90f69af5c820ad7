import LedgerCore
import TerminalUI

/// The live score: total and every item; while a draft is open, the score as if it were saved, with changes
/// marked `14→16 (+2)`. Where the items do not fit the height, the panel scrolls to the first changed item, so a
/// change is never out of sight; arrows on the border say more items lie above or below.
enum ScorePanel {
    /// Wide enough at 80 columns for every title of the bundled rubrics beside its points (the form beside it
    /// keeps 19 columns for values: an ID number fits).
    static func width(_ state: AppState) -> Int { min(40, max(33, state.width / 3)) }

    struct Line { let text: String; let points: String; let style: Style; let changed: Bool }

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard let cards = state.scoreCards else { return }
        var draftNotCounted = false
        if case .form(let form) = state.screen, form.spec.kind != .profile, cards.preview == nil { draftNotCounted = true }
        draw(cards, draftNotCounted: draftNotCounted, asciiGauges: state.asciiGauges, in: rect, into: &buffer)
    }

    /// Each item carries a gauge toward its next threshold beside its points: 5 cells where the panel is wide (120
    /// columns), 2 at 80 columns, where the titles need the room (two cells of eighth blocks still show 16 steps).
    static let wideGaugeFrom = 36
    static func gaugeWidth(_ panelWidth: Int) -> Int { panelWidth >= wideGaugeFrom ? 5 : 2 }

    static func draw(_ cards: (saved: ScoreCard, preview: ScoreCard?), draftNotCounted: Bool, asciiGauges: Bool = false, in rect: Rect,
                     into buffer: inout Buffer) {
        let shown = cards.preview ?? cards.saved
        // The total stands in the border, so that at 80×24 every item has a row of its own beside its gauge.
        var total = "评分 \(shown.total)/\(shown.max)"
        if let preview = cards.preview, preview.total != cards.saved.total { total = "评分 \(cards.saved.total)→\(preview.total)" + delta(preview.total - cards.saved.total) }
        // A record being typed that could not be saved yet is not in the figures: the panel says so.
        if draftNotCounted { total += "（草稿未计入）" }
        let inner = Panel.draw(total, in: rect, into: &buffer)
        guard inner.height > 1 else { return }
        let lines = self.lines(cards, width: inner.width, asciiGauges: asciiGauges)
        let rows = inner.height
        var start = 0
        if lines.count > rows {
            let firstChange = lines.firstIndex(where: \.changed) ?? 0
            start = max(0, min(firstChange - rows / 3, lines.count - rows))
        }
        for (i, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            let y = inner.y + i
            buffer.put(line.text, x: inner.x, y: y, style: line.style, maxWidth: inner.width)
            buffer.put(line.points, x: inner.maxX - DisplayWidth.of(line.points), y: y, style: line.style)
        }
        if start > 0 { buffer.put("↑", x: rect.maxX - 3, y: rect.y, style: .hint) }
        if start + rows < lines.count { buffer.put("↓", x: rect.maxX - 3, y: rect.maxY - 1, style: .hint) }
    }

    /// One line per item; a title too long to stand beside its points goes on as many lines as it needs, the
    /// points right-aligned below it.
    static func lines(_ cards: (saved: ScoreCard, preview: ScoreCard?), width: Int, asciiGauges: Bool = false) -> [Line] {
        let shown = cards.preview ?? cards.saved
        return shown.items.enumerated().flatMap { i, item -> [Line] in
            let old = cards.saved.items[i]
            let title = (item.source == .inferred ? "※" : "") + item.title
            var points = "\(item.points)/\(item.max)"
            var style: Style = item.points == item.max ? .ok : item.points == .zero ? .plain : .warning
            let changed = cards.preview != nil && old.points != item.points
            if changed {
                points = "\(old.points)→\(item.points)" + delta(item.points - old.points)
                style = .title
            }
            // Points right-aligned in at least 4 cells (`0/15`, ` 2/2`), so the gauges stand in one column.
            let padding = String(repeating: " ", count: max(0, 4 - DisplayWidth.of(points)))
            points = Gauge.text(earned: item.earnedFraction, progress: item.progress, width: gaugeWidth(width), ascii: asciiGauges)
                + " " + padding + points
            let room = width - DisplayWidth.of(points) - 1
            if DisplayWidth.of(title) <= room { return [Line(text: title, points: points, style: style, changed: changed)] }
            var parts = DisplayWidth.wrap(title, width, maxLines: Int.max)
            // The points go on a line of their own when the title's last line leaves no room for them.
            if let last = parts.last, DisplayWidth.of(last) > room { parts.append("") }
            return parts.enumerated().map { j, part in
                Line(text: part, points: j == parts.count - 1 ? points : "", style: style, changed: changed)
            }
        }
    }

    static func delta(_ d: Points) -> String { d.hundredths > 0 ? " (+\(d))" : " (\(d))" }
}
