import LedgerCore
import TerminalUI

enum HomeScreen {
    // F1 (help) is on the footer of every screen; the menu's lines go to what the clerk works with.
    static let menu = [("1", "新增摸底登记"), ("2", "新增服务记录"), ("3", "新增工作记录"), ("4", "浏览台账"),
                       ("5", "数据检查"), ("6", "社区档案与自评"), ("7", "评分计划"), ("s", "评分明细"), ("o", "督导总览"), ("q", "退出")]

    /// Text lines above the menu: each is a group of parts kept on one line when it fits, else one part per
    /// line (a part longer than the width wraps), so nothing is cut when the score panel narrows the screen.
    static func summary(_ state: AppState, width: Int) -> [(String, Style)] {
        guard let c = state.community else { return [] }
        let counts = state.counts
        var groups: [([String], Style, String)] = [
            (["\(c.name)", "\(c.street) · \(c.district)"], .title, "  "),
            (["考核期 \(c.period)", "城镇劳动者 \(c.labourForce) 人"], .plain, "    "),
            ([], .plain, ""),
            (["摸底登记 \(counts.persons) 人", "服务记录 \(counts.services) 条", "工作记录 \(counts.activities) 条"], .plain, "    "),
        ]
        if let cards = state.scoreCards {
            groups.append((["评分（\(cards.saved.rubricTitle)）：", "总分 \(cards.saved.total) / \(cards.saved.max)"], .title, ""))
        }
        let errors = state.facts[.errorRecords], warnings = state.facts[.warningRecords]
        let problems = errors + warnings == 0 ? "各台账没有发现问题" : "有错误的记录 \(errors) 条，有未确认警告的记录 \(warnings) 条"
        groups.append(([problems], errors > 0 ? .error : warnings > 0 ? .warning : .ok, ""))
        return groups.flatMap { parts, style, separator -> [(String, Style)] in
            if parts.isEmpty { return [("", style)] }
            var lines: [String] = []
            for part in parts {
                if let last = lines.last, DisplayWidth.of(last + separator + part) <= width {
                    lines[lines.count - 1] = last + separator + part
                } else {
                    lines += DisplayWidth.wrap(part, width, maxLines: Int.max)
                }
            }
            return lines.map { ($0, style) }
        }
    }

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard state.community != nil else { return }
        let width = rect.width - 4
        let lines = summary(state, width: width)
        let menuRows = menu.count + (state.communities.count > 1 ? 1 : 0)
        // A blank line above the text and one above the menu, where the height allows.
        let spare = rect.height - lines.count - menuRows
        var y = rect.y + (spare >= 2 ? 1 : 0)
        for (text, style) in lines {
            buffer.put(text, x: rect.x + 2, y: y, style: style, maxWidth: width)
            y += 1
        }
        if spare >= 1 { y += 1 }
        for (key, title) in menu where y < rect.maxY {
            buffer.put(DisplayWidth.fit(key, 4, ellipsis: false, alignRight: true), x: rect.x + 2, y: y, style: .hint)
            buffer.put(title, x: rect.x + 8, y: y)
            y += 1
        }
        if state.communities.count > 1, y < rect.maxY {
            buffer.put("   c", x: rect.x + 2, y: y, style: .hint)
            buffer.put("切换社区", x: rect.x + 8, y: y)
        }
    }
}
