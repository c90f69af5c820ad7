import LedgerCore

/// The fields a sampled record's audit entries changed since its check, named as the registers name them: read by
/// both engines from the entries' `changes`, which their sample queries join as `table \u{1F} changes` separated by
/// `\u{1E}` (oldest first). A supervisor reads whether the community corrected what the finding was about, not only
/// that it changed something (an added 备注 had read as the correction of a wrong 创业状态).
public enum FieldsChangedSinceCheck {
    public static let entrySeparator = "\u{1E}", tableSeparator = "\u{1F}"

    public static func names(_ joined: String?) -> [String] {
        guard let joined, !joined.isEmpty else { return [] }
        var names: [String] = []
        for entry in joined.components(separatedBy: entrySeparator) {
            let parts = entry.components(separatedBy: tableSeparator)
            guard parts.count == 2, let register = Register(table: parts[0]) else { continue }
            for change in AuditLog.decode(parts[1], table: parts[0]) {
                let name = change.field.hasPrefix("accepted_warning.") ? "确认警告"
                    : change.field == "deleted_reason" ? "删除理由" : register.header(of: change.field)
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
