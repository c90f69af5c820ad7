import LedgerCore
import TerminalUI

/// Every problem of the registers, grouped by rule under the rule's Chinese name; the selected problem's whole
/// text shows below the list (a row may be cut, the detail is not).
enum ChecksScreen {
    static let detailLines = 2

    /// Rows the list shows: the body less the panel's borders and the detail lines.
    static func listRows(_ state: AppState) -> Int { max(1, bodyRect(state).height - 2 - detailLines) }

    /// A rule's Chinese name; one without a name is called after the field of its first problem.
    static func ruleName(_ code: String, in items: [CheckItem]) -> String {
        let label = items.first { $0.code == code }.map { fieldLabel($0) } ?? ""
        return RuleNames.name(code, fieldLabel: label)
    }

    static func fieldLabel(_ item: CheckItem) -> String {
        FormSpecs.spec(FormKind(item.register)).field(item.field)?.label ?? item.field
    }

    /// The item as one line, after its group's heading on the group's first row.
    static func text(_ item: CheckItem) -> String {
        let register = BrowserScreen.registerNames[item.register] ?? ""
        let mark = item.severity == .error ? "✗" : item.accepted != nil ? "✓" : "!"
        return "\(mark) \(register) 第\(item.id)号 \(fieldLabel(item))：\(item.message)" + (item.accepted.map { "（已确认：\($0)）" } ?? "")
    }

    static func draw(_ state: AppState, _ c: ChecksState, in rect: Rect, into buffer: inout Buffer) {
        let errors = c.items.filter { $0.severity == .error }.count
        let accepted = c.items.filter { $0.accepted != nil }.count
        let title = c.loaded ? "数据检查：错误\(errors)条，警告\(c.items.count - errors - accepted)条，已确认\(accepted)条（Enter 定位）" : "数据检查：正在检查…"
        let inner = Panel.draw(title, in: rect, into: &buffer)
        if c.loaded && c.items.isEmpty {
            buffer.put("各台账没有发现问题。", x: inner.x + 1, y: inner.y, style: .ok)
            return
        }
        var groupSizes: [String: Int] = [:]
        for item in c.items { groupSizes["\(item.severity)|\(item.code)", default: 0] += 1 }
        let rows = c.items.enumerated().map { index, item -> String in
            let newGroup = index == 0 || c.items[index - 1].code != item.code || c.items[index - 1].severity != item.severity
            let size = groupSizes["\(item.severity)|\(item.code)"] ?? 0
            let state = item.accepted != nil ? "已确认·" : ""
            let group = newGroup ? "【\(state)\(ruleName(item.code, in: c.items))：\(size)条】" : "  "
            return group + text(item)
        }
        let listRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: listRows(state))
        ListView.draw(rows, state: c.list, in: listRect, into: &buffer) {
            c.items[$0].severity == .error ? .error : c.items[$0].accepted != nil ? .muted : .warning
        }
        guard c.list.selected < c.items.count else { return }
        let item = c.items[c.list.selected]
        var detail = text(item)
        if c.selectedWarningGroup != nil { detail += "　（a：确认本组全部未确认的警告）" }
        for (i, line) in DisplayWidth.wrap(detail, inner.width, maxLines: detailLines).enumerated() {
            buffer.put(line, x: inner.x, y: listRect.maxY + i, style: .hint)
        }
    }
}
