import Foundation
import LedgerCore

/// A register file read into raw records: headers matched to field keys (Chinese headers or keys, any order).
public struct RegisterFile: Sendable {
    public let encoding: TextEncoding
    public let records: [RawRecord]
    /// Columns that belong to no field of the register; they are ignored.
    public let ignoredColumns: [String]

    /// A problem with the file as a whole (encoding, headers, structure), in Chinese.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// Columns that spreadsheets add and that are safe to ignore.
    static let harmlessColumns: Set<String> = ["序号", "编号", "No", "NO", "no", ""]

    public static func read(_ data: Data, register: Register) throws -> RegisterFile {
        let decoded: (text: String, encoding: TextEncoding)
        do { decoded = try TextDecoding.decode(data) } catch let f as TextDecoding.Failure {
            throw Failure(messages: [f.message])
        }
        let table: [[String]]
        do { table = try CSVReader.parse(decoded.text) } catch let f as CSVReader.Failure {
            throw Failure(messages: [f.message])
        }
        guard let header = table.first else { throw Failure(messages: ["文件是空的，没有表头行"]) }
        var keys: [String?] = []
        var ignored: [String] = []
        var seen: [String: String] = [:]
        var problems: [String] = []
        for column in header {
            let name = Normalize.halfWidth(column).trimmingSpaces()
            guard let field = register.field(forHeader: name) else {
                if !harmlessColumns.contains(name) { ignored.append(name) }
                keys.append(nil)
                continue
            }
            if let earlier = seen[field.key] { problems.append("表头中“\(name)”与“\(earlier)”重复") }
            seen[field.key] = name
            keys.append(field.key)
        }
        let missing = register.fields.filter { $0.required && seen[$0.key] == nil && !derivable($0.key, register) }
        if !missing.isEmpty {
            problems.append("缺少必填列：\(missing.map(\.header).joined(separator: "、"))（\(register.title)）")
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        var records: [RawRecord] = []
        records.reserveCapacity(table.count - 1)
        for (index, row) in table.enumerated().dropFirst() {
            if row.count > header.count, row[header.count...].contains(where: { !$0.trimmingSpaces().isEmpty }) {
                throw Failure(messages: ["第\(index + 1)行有\(row.count)列，多于表头的\(header.count)列（可能有未加引号的逗号）"])
            }
            var fields: [String: String] = [:]
            for (i, value) in row.enumerated() where i < keys.count {
                if let key = keys[i], !value.isEmpty { fields[key] = value }
            }
            if fields.values.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            records.append(RawRecord(line: index + 1, fields: fields))
        }
        return RegisterFile(encoding: decoded.encoding, records: records, ignoredColumns: ignored)
    }

    /// 经办人 is filled from the operator when the column is absent.
    static func derivable(_ key: String, _ register: Register) -> Bool {
        register == .service && key == "staff"
    }
}
