import LedgerCore
import TerminalUI

enum HomeScreen {
    static let menu = [("1", "新增摸底登记"), ("2", "新增服务记录"), ("3", "新增工作记录"), ("4", "浏览台账"),
                       ("5", "数据检查"), ("6", "社区档案与自评"), ("s", "评分明细"), ("o", "督导总览"), ("F1", "帮助"), ("q", "退出")]

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard let c = state.community else { return }
        var y = rect.y + 1
        buffer.put("\(c.name)  \(c.street) · \(c.district)", x: rect.x + 2, y: y, style: .title, maxWidth: rect.width - 4)
        y += 1
        buffer.put("考核期 \(c.period)    城镇劳动者 \(c.labourForce) 人", x: rect.x + 2, y: y, maxWidth: rect.width - 4)
        y += 2
        let counts = state.counts
        buffer.put("摸底登记 \(counts.persons) 人    服务记录 \(counts.services) 条    工作记录 \(counts.activities) 条",
                   x: rect.x + 2, y: y, maxWidth: rect.width - 4)
        y += 1
        if let cards = state.scoreCards() {
            buffer.put("评分（\(cards.saved.rubricTitle)）：总分 \(cards.saved.total) / \(cards.saved.max)", x: rect.x + 2, y: y,
                       style: .title, maxWidth: rect.width - 4)
        }
        y += 1
        let errors = state.facts[.errorRecords], warnings = state.facts[.warningRecords]
        let problems = errors + warnings == 0 ? "各台账没有发现问题" : "有错误的记录 \(errors) 条，有未确认警告的记录 \(warnings) 条"
        buffer.put(problems, x: rect.x + 2, y: y, style: errors > 0 ? .error : warnings > 0 ? .warning : .ok, maxWidth: rect.width - 4)
        y += 2
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
