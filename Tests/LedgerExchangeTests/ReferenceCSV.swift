@testable import LedgerExchange

/// The byte-at-a-time CSV state machine the reader used before it handed out byte ranges: a reference the faster
/// reader must agree with, record for record and error for error.
enum ReferenceCSV {
    static func parse(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8) + [0x0A]
        var records: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quotedField = false, fieldEmpty = true
        var position = 0
        func fail(_ message: String) -> CSVReader.Failure {
            CSVReader.Failure(row: records.count + 1, message: "第\(records.count + 1)行：\(message)")
        }
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if inQuotes {
                if b == 0x22 {
                    if position < bytes.count && bytes[position] == 0x22 {
                        field.append(0x22); fieldEmpty = false; position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b); fieldEmpty = false
                }
                continue
            }
            switch b {
            case 0x22 where fieldEmpty && !quotedField:
                inQuotes = true; quotedField = true
            case 0x22:
                throw fail("字段中间出现了未成对的引号（\"），含引号的内容应整体用引号括起并把引号写两次")
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self)); field = []
                quotedField = false; fieldEmpty = true
            case 0x0D where position < bytes.count && bytes[position] == 0x0A:
                continue
            case 0x0A, 0x0D:
                let blankLine = fields.isEmpty && fieldEmpty
                fields.append(String(decoding: field, as: UTF8.self)); field = []
                quotedField = false; fieldEmpty = true
                if !blankLine { records.append(fields) }
                fields = []
            default:
                if quotedField { throw fail("引号结束后还有其他字符，应紧跟逗号或换行") }
                fieldEmpty = false
                field.append(b)
            }
        }
        if inQuotes { throw fail("引号没有闭合，文件可能不完整") }
        return records
    }
}
