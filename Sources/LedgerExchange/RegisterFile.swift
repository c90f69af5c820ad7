import Foundation
import LedgerCore

/// A register file whose structure has been checked: headers matched to field keys (Chinese headers or keys, any
/// order), quoting and column counts valid. Records are parsed again on demand, one at a time.
public struct RegisterFile: Sendable {
    public let encoding: TextEncoding
    /// Columns that belong to no field of the register; they are ignored.
    public let ignoredColumns: [String]
    /// Number of data records (blank rows excluded).
    public let recordCount: Int
    private let text: String
    private let keys: [String?]

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
        var reader = CSVReader(decoded.text)
        let header: [String]
        do {
            guard let first = try reader.next() else { throw Failure(messages: ["文件是空的，没有表头行"]) }
            header = first
        } catch let f as CSVReader.Failure {
            throw Failure(messages: [f.message])
        }
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
        // Structural pass: every quote closed, no row wider than the header. Nothing is kept.
        var count = 0
        do {
            while let shape = try reader.nextShape(limit: header.count) {
                if shape.textBeyondLimit {
                    throw Failure(messages: ["第\(reader.recordNumber)行有\(shape.fields)列，多于表头的\(header.count)列（可能有未加引号的逗号）"])
                }
                count += 1
            }
        } catch let f as CSVReader.Failure {
            throw Failure(messages: [f.message])
        }
        return RegisterFile(encoding: decoded.encoding, ignoredColumns: ignored, recordCount: count, text: decoded.text, keys: keys)
    }

    /// 经办人 is filled from the operator when the column is absent.
    static func derivable(_ key: String, _ register: Register) -> Bool {
        register == .service && key == "staff"
    }

    /// The data records, parsed one at a time; rows with no value at all are skipped.
    public var records: Records { Records(text: text, keys: keys) }

    public struct Records: Sequence {
        let text: String
        let keys: [String?]

        public func makeIterator() -> Iterator {
            var reader = CSVReader(text)
            _ = try? reader.next() // header
            return Iterator(reader: reader, keys: keys)
        }

        public struct Iterator: IteratorProtocol {
            var reader: CSVReader
            let keys: [String?]

            public mutating func next() -> RawRecord? {
                // The structural pass already parsed this text without error, so parsing cannot fail here.
                while let row = (try? reader.next()) ?? nil {
                    var fields: [String: String] = [:]
                    for (i, value) in row.enumerated() where i < keys.count {
                        if let key = keys[i], !value.isEmpty { fields[key] = value }
                    }
                    if fields.values.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
                    return RawRecord(line: reader.recordNumber, fields: fields)
                }
                return nil
            }
        }
    }
}
