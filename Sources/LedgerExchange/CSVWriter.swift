import Foundation
import LedgerCore

/// Formats a register as CSV that Excel opens correctly: UTF-8 with BOM, CRLF, SPEC headers.
public struct CSVWriter: Sendable {
    public let register: Register
    public let mask: Bool

    /// Fields Excel would turn into numbers (losing digits of an 18-digit ID) or formulas: written with a
    /// leading tab, which Excel keeps as text and the importer trims away.
    static let protectedKeys: Set<String> = ["id_number", "phone", "credit_code", "certificate_no", "person_id"]

    public init(register: Register, mask: Bool) {
        self.register = register
        self.mask = mask
    }

    /// The byte-order mark and header line.
    public var header: String {
        "\u{FEFF}" + register.fields.map { CSVWriter.quote($0.header) }.joined(separator: ",") + "\r\n"
    }

    /// One record as a CSV line (with CRLF).
    public func line(_ fields: [String: String]) -> String {
        let cells = register.fields.map { field -> String in
            var value = fields[field.key] ?? ""
            // The store keeps a section's letter; the register's readers (and the workbook) read its name.
            if field.key == "industry" { value = Industry.written(value) }
            if mask { value = NumberPrivacy.masked(field: field.key, value) }
            if !value.isEmpty && (CSVWriter.protectedKeys.contains(field.key) || "=+-@".contains(value.first ?? " ")) {
                value = "\t" + value
            }
            return CSVWriter.quote(value)
        }
        return cells.joined(separator: ",") + "\r\n"
    }

    public static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
