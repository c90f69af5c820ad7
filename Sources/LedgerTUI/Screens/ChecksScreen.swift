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
        return "\(mark) \(register) 第\(item.id)号 \(fieldLabel(item))：\(shown(item.message))" + (item.accepted.map { "（已确认：\($0)）" } ?? "")
    }

    /// A finding's message as a list shows it: an ID or mobile number in it masked, as every list masks them
    /// (Enter opens the record, where the clerk sees it whole).
    static func shown(_ message: String) -> String { SensitiveNumbers.masked(message) }

    /// A line of the list: a group's heading (`item` nil) or one problem (its index in the items).
    struct Row { let text: String; let item: Int? }

    static let registerShortNames: [Register: String] = [.survey: "摸底", .service: "服务", .activity: "工作"]

    /// Each group under its own heading line; a problem's row leaves out what its heading and the detail line say,
    /// so it fits 80 columns.
    static func rows(_ items: [CheckItem]) -> [Row] {
        var sizes: [String: Int] = [:]
        for item in items { sizes["\(item.severity)|\(item.code)", default: 0] += 1 }
        var rows: [Row] = []
        for (index, item) in items.enumerated() {
            if index == 0 || items[index - 1].code != item.code || items[index - 1].severity != item.severity {
                let state = item.accepted != nil ? "已确认·" : item.severity == .error ? "错误·" : "警告·"
                rows.append(Row(text: "【\(state)\(ruleName(item.code, in: items))：\(sizes["\(item.severity)|\(item.code)"] ?? 0)条】", item: nil))
            }
            let mark = item.severity == .error ? "✗" : item.accepted != nil ? "✓" : "!"
            rows.append(Row(text: "  \(mark) \(registerShortNames[item.register] ?? "") 第\(item.id)号 \(shown(item.message))"
                                + (item.accepted.map { "（已确认：\($0)）" } ?? ""), item: index))
        }
        return rows
    }

    /// The first row shown so that the selected problem is in view, with its group's heading when it is the
    /// group's first problem.
    static func displayOffset(_ c: ChecksState, height: Int) -> Int {
        let rows = self.rows(c.items)
        guard let selected = rows.firstIndex(where: { $0.item == c.list.selected }) else { return 0 }
        var offset = c.list.offset
        let top = selected > 0 && rows[selected - 1].item == nil ? selected - 1 : selected
        if top < offset { offset = top }
        if selected >= offset + height { offset = selected - height + 1 }
        return max(0, min(offset, rows.count - height))
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
        let rows = self.rows(c.items)
        let listRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: listRows(state))
        let selected = rows.firstIndex { $0.item == c.list.selected } ?? 0
        ListView.draw(rows.map(\.text), state: ListState(selected: selected, offset: c.list.offset), in: listRect, into: &buffer) { i in
            guard let index = rows[i].item else { return .title }
            return c.items[index].severity == .error ? .error : c.items[index].accepted != nil ? .muted : .warning
        }
        let first = ListView.visibleOffset(ListState(selected: selected, offset: c.list.offset), count: rows.count, height: listRect.height)
        if first > 0 { buffer.put("↑", x: inner.maxX, y: inner.y - 1, style: .hint) }
        if first + listRect.height < rows.count { buffer.put("↓", x: inner.maxX, y: listRect.maxY - 1, style: .hint) }
        guard c.list.selected < c.items.count else { return }
        let item = c.items[c.list.selected]
        var detail = text(item)
        if c.selectedWarningGroup != nil { detail += "　（a：确认本组全部未确认的警告）" }
        for (i, line) in DisplayWidth.wrap(detail, inner.width, maxLines: detailLines).enumerated() {
            buffer.put(line, x: inner.x, y: listRect.maxY + i, style: .hint)
        }
    }
}
