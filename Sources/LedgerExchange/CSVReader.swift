/// An RFC 4180 CSV parser over UTF-8 bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
/// It reads one record at a time, so a million-row file is never held as a million arrays.
public struct CSVReader {
    public struct Failure: Error, Sendable, Equatable {
        public let row: Int
        public let message: String
    }

    private let bytes: [UInt8]
    private var position = 0
    /// Records returned so far (the header is record 1, as Excel numbers rows).
    public private(set) var recordNumber = 0

    public init(_ text: String) {
        var utf8 = Array(text.utf8)
        utf8.append(0x0A) // a final line break closes the last record
        bytes = utf8
    }

    /// All records of a text at once; for small inputs and tests.
    public static func parse(_ text: String) throws -> [[String]] {
        var reader = CSVReader(text)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next non-blank record, or nil at the end.
    public mutating func next() throws -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quotedField = false
        let count = bytes.count
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        while position < count {
            let b = bytes[position]
            position += 1
            if inQuotes {
                if b == 0x22 {
                    if position < count && bytes[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where field.isEmpty && !quotedField:
                inQuotes = true
                quotedField = true
            case 0x22:
                throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：字段中间出现了未成对的引号（\"），含引号的内容应整体用引号括起并把引号写两次")
            case 0x2C:
                endField()
            case 0x0D where position < count && bytes[position] == 0x0A:
                continue // CR of CRLF: the LF ends the record
            case 0x0A, 0x0D:
                endField()
                if fields.count == 1 && fields[0].isEmpty {
                    fields.removeAll(keepingCapacity: true)
                    continue // blank line
                }
                recordNumber += 1
                return fields
            default:
                if quotedField {
                    throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号结束后还有其他字符，应紧跟逗号或换行")
                }
                field.append(b)
            }
        }
        if inQuotes {
            throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号没有闭合，文件可能不完整")
        }
        return nil
    }
}
