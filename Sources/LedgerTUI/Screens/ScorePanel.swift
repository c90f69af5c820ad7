import LedgerCore
import TerminalUI

/// The live score: total and every item; while a draft is open, the score as if it were saved, with changes
/// marked `14→16 (+2)`.
enum ScorePanel {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard let cards = state.scoreCards() else { return }
        let shown = cards.preview ?? cards.saved
        let inner = Panel.draw("评分预览", in: rect, into: &buffer)
        guard inner.height > 2 else { return }
        var total = "总分 \(shown.total)/\(shown.max)"
        if let preview = cards.preview, preview.total != cards.saved.total { total = "总分 \(cards.saved.total)→\(preview.total)" + delta(preview.total - cards.saved.total) }
        buffer.put(total, x: inner.x, y: inner.y, style: .title, maxWidth: inner.width)
        if case .form(let form) = state.screen, form.spec.kind != .profile, cards.preview == nil {
            buffer.put("（草稿尚不能保存，未计入）", x: inner.x, y: inner.y + 1, style: .muted, maxWidth: inner.width)
        }
        let rows = inner.height - 2
        for (i, item) in shown.items.prefix(rows).enumerated() {
            let y = inner.y + 2 + i
            let old = cards.saved.items[i]
            let mark = item.source == .inferred ? "※" : ""
            var points = "\(item.points)/\(item.max)"
            var style: Style = item.points == item.max ? .ok : item.points == .zero ? .plain : .warning
            if cards.preview != nil, old.points != item.points {
                points = "\(old.points)→\(item.points)" + delta(item.points - old.points)
                style = .title
            }
            let pointsWidth = DisplayWidth.of(points)
            buffer.put(DisplayWidth.fit(mark + item.title, max(1, inner.width - pointsWidth - 1)), x: inner.x, y: y, style: style)
            buffer.put(points, x: inner.maxX - pointsWidth, y: y, style: style)
        }
    }

    static func delta(_ d: Points) -> String { d.hundredths > 0 ? " (+\(d))" : " (\(d))" }
}
