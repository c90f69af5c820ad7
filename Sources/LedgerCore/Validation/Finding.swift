/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Comparable {
    /// Blocks saving.
    case error
    /// Saving needs the clerk to accept it with a reason.
    case warning
    /// A change the program made for the clerk (for example a 15-digit ID upgraded); never blocks.
    case notice

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var label: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        case .notice: "提示"
        }
    }
}

/// One problem (or notice) about one field of one record, as every front end presents it.
public struct Finding: Sendable, Hashable, Codable {
    /// The field key (`id_number`); empty for a record-wide finding.
    public var field: String
    public var severity: Severity
    /// A stable rule code (`id.checksum`) used to accept warnings and group checks.
    public var code: String
    /// What is wrong and what is expected, in Chinese.
    public var message: String

    public init(field: String, severity: Severity, code: String, message: String) {
        self.field = field
        self.severity = severity
        self.code = code
        self.message = message
    }

    public static func error(_ field: String, _ code: String, _ message: String) -> Finding {
        Finding(field: field, severity: .error, code: code, message: message)
    }

    public static func warning(_ field: String, _ code: String, _ message: String) -> Finding {
        Finding(field: field, severity: .warning, code: code, message: message)
    }

    public static func notice(_ field: String, _ code: String, _ message: String) -> Finding {
        Finding(field: field, severity: .notice, code: code, message: message)
    }
}

extension Array where Element == Finding {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Finding] { filter { $0.severity == .error } }
    public var warnings: [Finding] { filter { $0.severity == .warning } }
}
