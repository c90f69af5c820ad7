import LedgerCore
import TerminalUI

/// A record the operator may not change, shown read-only: of a community whose records the signed 初评 locked
/// (the lock said above the fields), or of one the operator has no rights to (numbers masked as in the lists: the
/// operator sees what a list shows, not what only its clerks may). Both may hold: a reader's view of a locked
/// community is masked too.
public struct RecordView: Sendable, Hashable {
    public let register: Register
    public let id: Int64
    public let communityName: String
    public let fields: [String: String]
    /// The lock that makes the record read-only, if any.
    public let lock: Signature?
    /// The operator has no rights to the community: its numbers are masked (`NumberPrivacy`).
    public let masked: Bool
    public var offset = 0
    public init(register: Register, id: Int64, communityName: String, fields: [String: String], lock: Signature? = nil,
                masked: Bool) {
        self.register = register
        self.id = id
        self.communityName = communityName
        self.fields = fields
        self.lock = lock
        self.masked = masked
    }

    /// The footer while the record is shown: why it is read-only (no rights says more than a lock that may lift).
    public var footer: String {
        masked ? "↑↓滚动  Esc返回（只读：您无权修改本社区的记录）" : "↑↓滚动  Esc返回（只读：台账已锁定）"
    }

    /// `label：value` for every field that has a value, in the form's order, each read as the form shows it (a
    /// code with its name). Without rights, numbers are masked as `NumberPrivacy` says.
    var lines: [String] {
        FormSpecs.spec(FormKind(register)).fields.compactMap { field -> String? in
            guard let value = fields[field.key], !value.isEmpty else { return nil }
            return "\(field.label)：\(field.shown(masked ? NumberPrivacy.masked(field: field.key, value) : value))"
        }
    }

    static func draw(_ v: RecordView, in rect: Rect, into buffer: inout Buffer) {
        let title = "\(v.communityName) \(BrowserScreen.registerNames[v.register] ?? "") 第\(v.id)号记录（只读）"
        var inner = Panel.draw(title, in: rect, into: &buffer)
        if let lock = v.lock {
            buffer.put(LockWording.viewing(lock), x: inner.x + 1, y: inner.y, style: .warning, maxWidth: inner.width - 2)
            inner = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        let lines = v.lines
        let start = max(0, min(v.offset, lines.count - inner.height))
        for (i, line) in lines.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 2)
        }
    }
}
