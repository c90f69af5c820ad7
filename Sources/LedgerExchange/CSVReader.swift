/// An RFC 4180 CSV parser over UTF-8 bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
public enum CSVReader {
    public struct Failure: Error, Sendable, Equatable {
        public let row: Int
        public let message: String
    }

    /// The records of a text, each a list of fields; `row` numbers count records from 1 (the header), as Excel does.
    public static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var utf8 = Array(text.utf8)
        utf8.append(0x0A) // a final line break closes the last record
        var fields: [String] = []
        var field: [UInt8] = []
        var i = 0
        var inQuotes = false
        var quotedField = false
        let count = utf8.count
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        while i < count {
            let b = utf8[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < count && utf8[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22 where field.isEmpty && !quotedField:
                inQuotes = true
                quotedField = true
            case 0x22:
                throw Failure(row: records.count + 1, message: "第\(records.count + 1)行：字段中间出现了未成对的引号（\"），含引号的内容应整体用引号括起并把引号写两次")
            case 0x2C:
                endField()
            case 0x0D where i + 1 < count && utf8[i + 1] == 0x0A:
                break // CR of CRLF: the LF ends the record
            case 0x0A, 0x0D:
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(fields) }
                fields.removeAll(keepingCapacity: true)
            default:
                if quotedField {
                    throw Failure(row: records.count + 1, message: "第\(records.count + 1)行：引号结束后还有其他字符，应紧跟逗号或换行")
                }
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw Failure(row: records.count + 1, message: "第\(records.count + 1)行：引号没有闭合，文件可能不完整")
        }
        return records
    }
}
