import Foundation
import LedgerCore

/// A register file whose structure has been checked: headers matched to field keys (Chinese headers or keys, any
/// order), quoting and column counts valid. CSV records are parsed again on demand, one at a time; an Excel
/// workbook's rows are read once, its worksheet streamed through the zip within `XLSXLimits`.
public struct RegisterFile: Sendable {
    public let encoding: TextEncoding
    /// Columns that belong to no field of the register; they are ignored.
    public let ignoredColumns: [String]
    /// Number of data records (blank rows excluded).
    public let recordCount: Int
    private let source: Source
    private let register: Register
    /// Each column's position in the register's field list (nil: an ignored column).
    private let positions: [Int?]

    private init(encoding: TextEncoding, ignoredColumns: [String], recordCount: Int, source: Source, register: Register,
                 keys: [String?]) {
        self.encoding = encoding
        self.ignoredColumns = ignoredColumns
        self.recordCount = recordCount
        self.source = source
        self.register = register
        positions = keys.map { $0.flatMap(register.position(ofKey:)) }
    }

    enum Source: Sendable {
        /// UTF-8 bytes ending in a line break.
        case csv([UInt8])
        /// Workbook rows as text with their Excel row numbers (header excluded).
        case rows([(line: Int, cells: [String])])
    }

    /// A problem with the file as a whole (encoding, headers, structure), in Chinese.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// The widest header read, CSV or Excel: a register has about 40 columns.
    public static let maxColumns = XLSXLimits.standard.columns

    /// The largest file an import reads (it is held in memory whole): about 300,000 survey rows as CSV, far more
    /// than one community's register; a GB18030 file needs 1.5× this again while it is converted.
    public static let maxFileBytes = 64 << 20

    /// Columns that spreadsheets add and that are safe to ignore.
    static let harmlessColumns: Set<String> = ["序号", "编号", "No", "NO", "no", ""]

    public static func read(_ data: Data, register: Register) throws -> RegisterFile {
        try read(bytes: [UInt8](data), register: register)
    }

    /// Reads a file's bytes; a CSV file's text is kept as UTF-8 bytes, shared by every pass over its records (a
    /// UTF-8 file's bytes are used where they lie).
    public static func read(bytes: consuming [UInt8], register: Register) throws -> RegisterFile {
        // The file's bytes are consumed into the Data the zip reader needs, so they are not held twice.
        if bytes.starts(with: XLSXReader.signature) { return try readWorkbook(Data(consume bytes), register: register) }
        let encoding: TextEncoding
        do { encoding = try TextDecoding.toUTF8(&bytes) } catch let f as TextDecoding.Failure {
            throw Failure(messages: [f.message])
        }
        CSVReader.close(&bytes)
        let text = bytes
        var reader = CSVReader(utf8: text)
        let header: [String]
        do {
            guard let first = try reader.next(maxFields: maxColumns) else { throw Failure(messages: ["文件是空的，没有表头行"]) }
            header = first
        } catch let f as CSVReader.Failure {
            throw Failure(messages: [f.message])
        }
        let (keys, ignored) = try match(header, register: register)
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
        return RegisterFile(encoding: encoding, ignoredColumns: ignored, recordCount: count, source: .csv(text), register: register, keys: keys)
    }

    /// Labels of the entry form that are not a register column: what the file writes instead.
    static let formLabels = ["服务对象": "“服务对象”在文件中写成两列：“姓名”和“公民身份号码”（与摸底台账中的一致）"]

    /// Header cells matched to field keys; unknown columns are ignored, duplicates and missing required ones fail.
    static func match(_ header: [String], register: Register) throws -> (keys: [String?], ignored: [String]) {
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
            // Usually the columns are there under other names: say which were not understood, and where the
            // names the importer reads can be seen.
            if !ignored.isEmpty {
                problems.append("未识别的列：\(ignored.prefix(10).joined(separator: "、"))\(ignored.count > 10 ? "等\(ignored.count)列" : "")"
                                + "（列名应与台账表头一致，可先导出一份台账作为模板）")
            }
            // The form's name for what the file spells in other columns.
            for name in ignored { if let hint = formLabels[name] { problems.append(hint) } }
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        return (keys, ignored)
    }

    /// The first worksheet of an Excel workbook: its header is the first top row naming the register's fields. Numbers in date columns
    /// are Excel day serials and become dates; an ID number stored as a number has lost its last digits in Excel
    /// and is refused with the way to fix it.
    static func readWorkbook(_ data: Data, register: Register) throws -> RegisterFile {
        let rows: [XLSXReader.Row]
        do { rows = try XLSXReader.rows(data) } catch let f as XLSXReader.Failure { throw Failure(messages: [f.message]) }
        let nonBlank = rows.filter { $0.cells.contains { !$0.text.trimmingSpaces().isEmpty } }
        guard !nonBlank.isEmpty else { throw Failure(messages: ["工作表是空的，没有表头行"]) }
        // A printed register (the official layout this tool exports, or a clerk's own) has a title, a 填报 line
        // and group headings above the row of field names: the header is the first of the top rows that names
        // the register's fields; when none does, the first row's problems are reported.
        let headerIndex = nonBlank.prefix(8).firstIndex { (try? match($0.cells.map(\.text), register: register)) != nil } ?? 0
        let (keys, ignored) = try match(nonBlank[headerIndex].cells.map(\.text), register: register)
        var records: [(line: Int, cells: [String])] = []
        var problems: [String] = []
        for row in nonBlank[(headerIndex + 1)...] {
            if row.cells.count > keys.count, row.cells[keys.count...].contains(where: { !$0.text.trimmingSpaces().isEmpty }) {
                problems.append("第\(row.number)行有内容超出表头的\(keys.count)列")
                continue
            }
            // A row with text only in ignored columns (序号, a signature line under the table) is no record; it is
            // left out here so the record count stays exact.
            let hasField = row.cells.indices.contains { $0 < keys.count && keys[$0] != nil && !row.cells[$0].text.trimmingSpaces().isEmpty }
            if !hasField { continue }
            var cells: [String] = []
            for (i, cell) in row.cells.enumerated() where i < keys.count {
                guard cell.isNumber, let key = keys[i] else { cells.append(cell.text); continue }
                if isDateKey(key), let day = Self.day(fromSerial: cell.text) {
                    cells.append(day.description)
                } else if key == "id_number" || key == "person_id", cell.text.contains("E") || cell.text.count > 15 {
                    problems.append("第\(row.number)行 \(register.header(of: key)): Excel把身份证号存成了数字，后几位已丢失；请把该列设为“文本”格式后重新输入")
                    cells.append(cell.text)
                } else {
                    cells.append(cell.text.hasSuffix(".0") ? String(cell.text.dropLast(2)) : cell.text)
                }
            }
            records.append((row.number, cells))
        }
        if !problems.isEmpty { throw Failure(messages: problems) }
        return RegisterFile(encoding: .xlsx, ignoredColumns: ignored, recordCount: records.count, source: .rows(records), register: register, keys: keys)
    }

    static func isDateKey(_ key: String) -> Bool { key.hasSuffix("date") || key == "training_end" }

    /// Excel's 1900 date system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was, so
    /// serials from 61 on are one day ahead. Fractions (a time of day) are dropped.
    static func day(fromSerial text: String) -> Day? {
        guard let value = Double(text), value >= 1, value < 2_958_466 else { return nil }
        var serial = Int(value)
        if serial >= 61 { serial -= 1 }
        return Day(year: 1900, month: 1, day: 1)?.adding(days: serial - 1)
    }

    /// 经办人 is filled from the operator when the column is absent.
    static func derivable(_ key: String, _ register: Register) -> Bool {
        register == .service && key == "staff"
    }

    /// The data records, parsed one at a time; rows with no value at all are skipped.
    public var records: Records { Records(source: source, register: register, positions: positions, count: recordCount) }

    public struct Records: Sequence, Sendable {
        let source: Source
        let register: Register
        let positions: [Int?]
        let count: Int

        /// The number of records, known from the structural pass (lets an import size its tables once).
        public var underestimatedCount: Int { count }

        public func makeIterator() -> Iterator {
            switch source {
            case .csv(let bytes):
                var reader = CSVReader(utf8: bytes)
                _ = try? reader.next() // header
                return Iterator(reader: reader, rows: nil, register: register, positions: positions)
            case .rows(let rows):
                return Iterator(reader: nil, rows: rows[...], register: register, positions: positions)
            }
        }

        public struct Iterator: IteratorProtocol {
            var reader: CSVReader?
            var rows: ArraySlice<(line: Int, cells: [String])>?
            let register: Register
            let positions: [Int?]

            public mutating func next() -> RawRecord? {
                if reader != nil {
                    // The structural pass already parsed this text without error, so parsing cannot fail here.
                    while true {
                        var record = PositionedFields(register: register, positions: positions)
                        guard (try? reader!.scan(into: &record)) == true else { return nil }
                        if !record.blank { return RawRecord(line: reader!.recordNumber, values: record.values) }
                    }
                }
                while let (line, cells) = rows?.popFirst() {
                    var record = PositionedFields(register: register, positions: positions)
                    for (i, cell) in cells.enumerated() { record.add(i, cell) }
                    if !record.blank { return RawRecord(line: line, values: record.values) }
                }
                return nil
            }
        }
    }

    /// The fields of one record, placed by column: empty cells and cells of ignored columns are left out.
    struct PositionedFields: FieldSink {
        let positions: [Int?]
        var values: FieldValues
        /// True while every field seen holds nothing but spaces.
        var blank = true

        init(register: Register, positions: [Int?]) {
            self.positions = positions
            values = FieldValues(register: register)
        }

        mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            guard index < positions.count, positions[index] != nil, !bytes.isEmpty else { return }
            add(index, String(decoding: bytes, as: UTF8.self))
        }

        mutating func add(_ index: Int, _ value: String) {
            guard index < positions.count, let position = positions[index], !value.isEmpty else { return }
            values[position: position] = value
            if blank && !value.trimmingSpaces().isEmpty { blank = false }
        }
    }
}
