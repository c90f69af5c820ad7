import LedgerCore

/// An RFC 4180 CSV parser over UTF-8 bytes: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
/// It reads one record at a time, so a million-row file is never held as a million arrays.
///
/// Fields are handed out as byte ranges of the text: an unquoted field (nearly all of them) is never copied,
/// only a quoted one is unescaped into a scratch buffer.
public struct CSVReader: Sendable {
    public struct Failure: Error, Sendable, Equatable {
        public let row: Int
        public let message: String
    }

    private let bytes: [UInt8]
    private var position = 0
    /// Records returned so far (the header is record 1, as Excel numbers rows).
    public private(set) var recordNumber = 0
    /// The unescaped bytes of the current quoted field.
    private var scratch: [UInt8] = []

    /// The longest field read, in bytes: the longest register field (事迹材料, 20,000 characters) is 60 KB, and a
    /// 60 MB field was copied three times over (unescaped, decoded, stored) on its way to being refused.
    public static let maxFieldBytes = 1 << 20

    public init(_ text: String) {
        self.init(utf8: Array(text.utf8))
    }

    /// A reader of UTF-8 bytes. Readers of one array share it: call `close` on the array before sharing it, or
    /// each reader adds the final line break to its own copy.
    public init(utf8: [UInt8]) {
        var utf8 = utf8
        Self.close(&utf8)
        bytes = utf8
    }

    /// Adds the final line break that closes the last record, when it is missing.
    public static func close(_ utf8: inout [UInt8]) {
        if utf8.last != 0x0A { utf8.append(0x0A) }
    }

    /// All records of a text at once; for small inputs and tests.
    public static func parse(_ text: String) throws -> [[String]] {
        var reader = CSVReader(text)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next non-blank record, or nil at the end; a record of more than `maxFields` fields is refused (a line
    /// of ten million commas would otherwise become ten million strings).
    public mutating func next(maxFields: Int = .max) throws -> [String]? {
        var fields = StringCollector(limit: maxFields)
        guard try scan(into: &fields) else { return nil }
        guard fields.count <= maxFields else {
            throw Failure(row: recordNumber, message: "第\(recordNumber)行有\(fields.count)列，超过可读取的\(maxFields)列；请删除多余的列后重试")
        }
        return fields.fields
    }

    /// The shape of the next non-blank record without building its fields (a structural check of a whole file
    /// costs a tenth of parsing it): how many fields it has, and whether any field after the first `limit` holds
    /// more than spaces. Nil at the end.
    public mutating func nextShape(limit: Int) throws -> (fields: Int, textBeyondLimit: Bool)? {
        var shape = ShapeCollector(limit: limit)
        return try scan(into: &shape) ? (shape.count, shape.textBeyondLimit) : nil
    }

    /// Hands the fields of the next non-blank record to `sink`; false at the end.
    mutating func scan<Sink: FieldSink>(into sink: inout Sink) throws -> Bool {
        let count = bytes.count
        var scratch = self.scratch
        defer { self.scratch = scratch }
        return try bytes.withUnsafeBufferPointer { bytes in
            var field = 0
            while position < count {
                let start = position
                let quoted = bytes[start] == 0x22
                let end: Int
                if quoted {
                    end = try readQuoted(bytes, into: &scratch)
                } else {
                    while position < count {
                        let b = bytes[position]
                        if b == 0x2C || b == 0x0A || b == 0x0D { break }
                        if b == 0x22 {
                            throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：字段中间出现了未成对的引号（\"），含引号的内容应整体用引号括起并把引号写两次")
                        }
                        position += 1
                    }
                    end = position
                    // Checked once per field, not per byte: an unquoted field is read where it lies.
                    if end - start > Self.maxFieldBytes { throw fieldTooLong() }
                }
                // A record whose only field is empty (`""` included) is a blank line: skipped, not counted.
                if field == 0 && bytes[end] != 0x2C && (quoted ? scratch.isEmpty : end == start) {
                    position = skipLineBreak(bytes, from: end)
                    continue
                }
                if quoted {
                    scratch.withUnsafeBufferPointer { sink.field(field, $0) }
                } else {
                    sink.field(field, UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
                field += 1
                if bytes[end] == 0x2C {
                    position = end + 1
                    continue
                }
                position = skipLineBreak(bytes, from: end)
                recordNumber += 1
                return true
            }
            return false
        }
    }

    /// Reads the quoted field at `position` into `scratch`; returns the index of the byte after its closing quote,
    /// which must be a comma or a line break.
    private mutating func readQuoted(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout [UInt8]) throws -> Int {
        scratch.removeAll(keepingCapacity: true)
        var i = position + 1
        var runStart = i
        while true {
            guard i < bytes.count else {
                throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号没有闭合，文件可能不完整")
            }
            guard bytes[i] == 0x22 else { i += 1; continue }
            // The unescaped copy grows only here, at a quote: checked once per run, not per byte.
            if i - position > Self.maxFieldBytes { throw fieldTooLong() }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            if i + 1 < bytes.count && bytes[i + 1] == 0x22 {
                // A doubled quote is one quote of the text.
                scratch.append(0x22)
                i += 2
                runStart = i
                continue
            }
            i += 1
            break
        }
        position = i
        // (A quote cannot follow: it would have made a doubled quote.)
        guard bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else {
            throw Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行：引号结束后还有其他字符，应紧跟逗号或换行")
        }
        return i
    }

    private func fieldTooLong() -> Failure {
        Failure(row: recordNumber + 1, message: "第\(recordNumber + 1)行有一个字段超过\(Self.maxFieldBytes >> 20) MB，超出可读取的范围，文件可能已损坏")
    }

    /// The index after the line break at `index` (CRLF counts as one).
    private func skipLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        if bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { return index + 2 }
        return index + 1
    }
}

/// Receives the fields of a record from the CSV scanner: field number `index` (from 0) and its unescaped bytes,
/// valid only during the call.
protocol FieldSink {
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>)
}

/// Builds the record's fields as strings.
private struct StringCollector: FieldSink {
    var limit = Int.max
    var fields: [String] = []
    /// Fields seen, those past the limit included (they are counted, not kept).
    var count = 0
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        count += 1
        if count <= limit { fields.append(String(decoding: bytes, as: UTF8.self)) }
    }
}

/// Counts fields and notes text beyond a column limit, decoding only fields beyond it.
private struct ShapeCollector: FieldSink {
    let limit: Int
    var count = 0
    var textBeyondLimit = false
    mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        if index >= limit, !textBeyondLimit, !bytes.isEmpty,
           !String(decoding: bytes, as: UTF8.self).trimmingSpaces().isEmpty {
            textBeyondLimit = true
        }
        count += 1
    }
}
