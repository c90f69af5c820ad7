import LedgerCore
import TerminalUI

/// A record of a community the operator may not change, shown from the district register: its fields read-only,
/// numbers masked as in the lists (the operator sees what a list shows, not what only its clerks may).
public struct RecordView: Sendable, Hashable {
    /// The footer while a record is shown read-only.
    public static let footer = "↑↓滚动  Esc返回（只读：您无权修改本社区的记录）"

    public let register: Register
    public let id: Int64
    public let communityName: String
    public let fields: [String: String]
    public var offset = 0
    public init(register: Register, id: Int64, communityName: String, fields: [String: String]) {
        self.register = register
        self.id = id
        self.communityName = communityName
        self.fields = fields
    }

    /// `label：value` for every field that has a value, in the form's order; ID and phone numbers masked, and
    /// numbers typed into free text too.
    var lines: [String] {
        FormSpecs.spec(FormKind(register)).fields.compactMap { field -> String? in
            guard let value = fields[field.key], !value.isEmpty else { return nil }
            let shown = ["id_number", "person_id"].contains(field.key) ? ResidentID.masked(value)
                : field.key == "phone" ? Phone.masked(value) : SensitiveNumbers.masked(value)
            return "\(field.label)：\(shown)"
        }
    }

    static func draw(_ v: RecordView, in rect: Rect, into buffer: inout Buffer) {
        let title = "\(v.communityName) \(BrowserScreen.registerNames[v.register] ?? "") 第\(v.id)号记录（只读）"
        let inner = Panel.draw(title, in: rect, into: &buffer)
        let lines = v.lines
        let start = max(0, min(v.offset, lines.count - inner.height))
        for (i, line) in lines.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2)
        }
    }
}
