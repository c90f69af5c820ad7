import LedgerCore

/// An RFC 4180 CSV parser over UTF-8 bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
/// It reads one record at a time, so a million-row file is never held as a million arrays.
public struct CSVReader: Sendable {
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
        var fields = FieldCollector()
        return try scan(into: &fields) ? fields.fields : nil
    }

    /// The shape of the next non-blank record without building its fields (a structural check of a whole file
    /// costs a tenth of parsing it): how many fields it has, and whether any field after the first `limit` holds
    /// more than spaces. Nil at the end.
    public mutating func nextShape(limit: Int) throws -> (fields: Int, textBeyondLimit: Bool)? {
        var shape = ShapeCollector(limit: limit)
        return try scan(into: &shape) ? (shape.count, shape.textBeyondLimit) : nil
    }

    /// Runs the state machine over one record, handing its bytes and field ends to `sink`; false at the end.
    private mutating func scan<Sink: FieldSink>(into sink: inout Sink) throws -> Bool {
        var inQuotes = false
        var quotedField = false
        var fieldEmpty = true
        let count = bytes.count
        return try bytes.withUnsafeBufferPointer { bytes in
            while position < count {
                let b = bytes[position]
                position += 1
                if inQuotes {
                    if b == 0x22 {
                        if position < count && bytes[position] == 0x22 {
                            sink.append(0x22)
                            fieldEmpty = false
                            position += 1
                        } else {
                            inQuotes = false
                        }
                    } else {
                        sink.append(b)
                        fieldEmpty = false
                    }
                    continue
                }
                switch b {
                case 0x22 where fieldEmpty && !quotedField:
                    inQuotes = true
                    quotedField = true
                case 0x22:
                    throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：字段中间出现了未成对的引号（\"），含引号的内容应整体用引号括起并把引号写两次")
                case 0x2C:
                    sink.endField()
                    quotedField = false
                    fieldEmpty = true
                case 0x0D where position < count && bytes[position] == 0x0A:
                    continue // CR of CRLF: the LF ends the record
                case 0x0A, 0x0D:
                    let blankLine = sink.isFirstField && fieldEmpty
                    sink.endField()
                    quotedField = false
                    fieldEmpty = true
                    if blankLine {
                        sink.reset()
                        continue
                    }
                    recordNumber += 1
                    return true
                default:
                    if quotedField {
                        throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号结束后还有其他字符，应紧跟逗号或换行")
                    }
                    fieldEmpty = false
                    sink.append(b)
                }
            }
            if inQuotes {
                throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号没有闭合，文件可能不完整")
            }
            return false
        }
    }
}

/// Receives a record's bytes from the CSV state machine.
private protocol FieldSink {
    /// True while the record's first field is being read.
    var isFirstField: Bool { get }
    mutating func append(_ byte: UInt8)
    mutating func endField()
    /// Forgets a blank line.
    mutating func reset()
}

/// Builds the record's fields as strings.
private struct FieldCollector: FieldSink {
    var fields: [String] = []
    var field: [UInt8] = []
    var isFirstField: Bool { fields.isEmpty }
    mutating func append(_ byte: UInt8) { field.append(byte) }
    mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }
    mutating func reset() { fields.removeAll(keepingCapacity: true) }
}

/// Counts fields and notes text beyond a column limit, keeping only the bytes of fields beyond it.
private struct ShapeCollector: FieldSink {
    let limit: Int
    var count = 0
    var textBeyondLimit = false
    var extra: [UInt8] = []
    var isFirstField: Bool { count == 0 }
    mutating func append(_ byte: UInt8) {
        if count >= limit { extra.append(byte) }
    }
    mutating func endField() {
        if !extra.isEmpty {
            if !String(decoding: extra, as: UTF8.self).trimmingSpaces().isEmpty { textBeyondLimit = true }
            extra.removeAll(keepingCapacity: true)
        }
        count += 1
    }
    mutating func reset() { count = 0 }
}
