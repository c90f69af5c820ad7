import LedgerCore
import TerminalUI

/// Writes one register as the official print-layout workbook, a record at a time with memory that does not grow
/// with the register:
///
/// ```
/// 1  八一路社区创业摸底统计台账                                   (title, merged)
/// 2  填报单位：… 考核期：… 填表人：… 联系电话：… 填表日期：…        (merged)
/// 3  序号 | 基本信息 (merged over its columns) | 创业意愿与需求 | …
/// 4       | 姓名 | 公民身份号码 | …                               (the register's CSV headers)
/// 5… records; then a blank row and the signature line 填表人 / 审核人 / 日期
/// ```
public final class RegisterWorkbookWriter {
    public let layout: RegisterLayout
    private let workbook: Workbook
    private let sheet: Sheet
    private let mask: Bool
    private let kinds: [RegisterLayout.Kind]
    private var nextRow = RegisterWorkbookWriter.firstDataRow
    /// Each field column's format, looked up once.
    private let columnFormats: [Format]
    private let formats: (integer: Format, text: Format, centered: Format)
    /// The format a text value takes in each field column.
    private let textFormats: [Format]
    public private(set) var count = 0

    static let groupRow = 2
    static let fieldRow = 3
    static let firstDataRow = 4

    /// Starts the workbook at `path` (the caller's temporary file) with its title, 填报 line and header.
    public init(path: String, register: Register, community: Community, preparer: String, today: Day, mask: Bool) throws {
        layout = RegisterLayout.of(register)
        self.mask = mask
        kinds = layout.kinds
        workbook = try Workbook(path: path)
        sheet = try workbook.addSheet(register.title)
        columnFormats = kinds.map { [workbook] in workbook.format(Self.style($0)) }
        formats = (workbook.format(.integer), workbook.format(.text), workbook.format(.centeredText))
        textFormats = kinds.map { [workbook] kind in
            switch kind {
            case .text, .longText, .industry: workbook.format(.wrappedText)
            case .short: workbook.format(.centeredText)
            case .date, .integer, .money: workbook.format(.text)
            }
        }
        let headers = layout.keys.map(register.header(of:))
        columnWidths = ([Self.numberWidth] + layout.widths).map(Double.init)
        breaks = ColumnPages.breaks(widths: columnWidths, groupStarts: [0] + layout.groupStarts, repeated: Self.repeatedColumn)
        try writeHeading(register: register, community: community, preparer: preparer, today: today, headers: headers)
    }

    private var lastColumn: Int { layout.keys.count }
    /// 序号 and every field column's width (RegisterLayout.widths), in Excel's units.
    private let columnWidths: [Double]
    /// Where the printed pages are cut (ColumnPages); empty when the register fits one page wide.
    private let breaks: [Int]
    /// 序号 and the first field (姓名, or the date): repeated on every printed page, they say whose row it is.
    static let repeatedColumn = 1
    /// 序号's width: seven digits.
    static let numberWidth = 7

    private func writeHeading(register: Register, community: Community, preparer: String, today: Day, headers: [String]) throws {
        try sheet.rowHeight(0, 30)
        try mergedLine(0, community.name + register.title, .title)
        // Over a first page narrower than the whole table, the 填报 line takes two lines rather than lose its end.
        try sheet.rowHeight(1, breaks.isEmpty ? 20 : 32)
        try mergedLine(1, FormLines.filing(community: community, preparer: preparer, today: today),
                       breaks.isEmpty ? .subtitle : .wrappedSubtitle)

        // In constant-memory mode a row is final once a later one is started, and the library refuses a merged
        // range whose last row is final. So: the group row with its one-row merges, then the field row, then the
        // merge over both rows (序号), whose cells are all written by then. Every field keeps its header in the
        // field row (never merged away), which is the row the importer reads.
        let twoRowMerges: [(column: Int, text: String)] = [(0, "序号")]
        try sheet.string(Self.groupRow, 0, "序号", .header)
        var column = 1
        for group in layout.groups {
            // A group cut between printed pages is titled on each (基本信息, 基本信息（续）).
            for (i, part) in ColumnPages.parts(of: column ..< column + group.keys.count, breaks: breaks).enumerated() {
                let title = i == 0 ? group.title : group.title + "（续）"
                try sheet.string(Self.groupRow, part.lowerBound, title, .header)
                for c in part.dropFirst() { try sheet.blank(Self.groupRow, c, .header) }
                if part.count > 1 { try sheet.merge(Self.groupRow, part.lowerBound, Self.groupRow, part.upperBound - 1, title, .header) }
            }
            column += group.keys.count
        }
        let lines = zip(headers, layout.widths).map { header, width in (DisplayWidth.of(header) + width - 1) / width }
        try sheet.rowHeight(Self.fieldRow, Double(max(1, lines.max() ?? 1)) * 13 + 6)
        let spanning = Set(twoRowMerges.map(\.column))
        try sheet.blank(Self.fieldRow, 0, .header)
        for (i, header) in headers.enumerated() {
            if spanning.contains(i + 1) { try sheet.blank(Self.fieldRow, i + 1, .header) } else {
                try sheet.string(Self.fieldRow, i + 1, header, .header)
            }
        }
        for (column, text) in twoRowMerges {
            try sheet.merge(Self.groupRow, column, Self.fieldRow, column, text, .header)
        }
    }

    /// A line merged across the table's first printed page (title, 填报 line, signature): across the whole table
    /// it would be centred over pages the reader holds side by side, or cut between them.
    private func mergedLine(_ row: Int, _ text: String, _ style: CellStyle) throws {
        let end = max(1, (breaks.first ?? lastColumn + 1) - 1)
        try sheet.string(row, 0, text, style)
        for c in 1 ... end { try sheet.blank(row, c, style) }
        try sheet.merge(row, 0, row, end, text, style)
    }

    /// A record made ready to write: its cells in column order, each value's display width and the row's wrapped
    /// lines. Pure, so a reader thread prepares records while the writer writes earlier ones.
    public struct PreparedRow: Sendable {
        enum Cell: Sendable {
            case blank
            case text(String)
            case number(Double)
        }

        let cells: [Cell]
        /// Lines the longest wrapped text takes in its column.
        let lines: Int
    }

    /// Prepares a record (field key → text, as the store gives it) for `layout`, masking personal numbers (and
    /// the birth date) as `NumberPrivacy` does when asked.
    public static func prepare(_ fields: [String: String], layout: RegisterLayout, mask: Bool) -> PreparedRow {
        // What does not apply to the person stays blank, as in the form (a never-trained person's 培训合格 is not 否).
        let fields = SurveyApplicability.printable(layout.register, fields)
        var cells: [PreparedRow.Cell] = []
        cells.reserveCapacity(layout.keys.count)
        var lines = 1
        for (i, key) in layout.keys.enumerated() {
            guard var value = fields[key], !value.isEmpty else {
                cells.append(.blank)
                continue
            }
            if mask { value = NumberPrivacy.masked(field: key, value) }
            let (cell, width) = convert(value, layout.kinds[i])
            cells.append(cell)
            if layout.kinds[i].wraps { lines = max(lines, (width + layout.widths[i] - 1) / layout.widths[i]) }
        }
        return PreparedRow(cells: cells, lines: lines)
    }

    /// A value as its kind's cell (a value that does not read as its kind stays text, as typed) and its width.
    static func convert(_ value: String, _ kind: RegisterLayout.Kind) -> (PreparedRow.Cell, Int) {
        switch kind {
        case .date:
            if let day = ExcelDate.day(isoText: value) ?? Day.parse(value) { return (.number(Double(ExcelDate.serial(of: day))), 10) }
        case .integer:
            if let n = Int(value) { return (.number(Double(n)), value.utf8.count) }
        case .money:
            if let n = Double(value) { return (.number(n), value.utf8.count + 4) }
        case .industry:
            let name = Industry.written(value)
            return (.text(name), width(name))
        case .text, .short, .longText:
            break
        }
        return (.text(value), width(value))
    }

    /// Display width, with ASCII counted straight from the bytes.
    static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : DisplayWidth.of(text)
    }

    /// Appends one record (field key → text, as the store gives it).
    public func append(_ fields: [String: String]) throws {
        try append(Self.prepare(fields, layout: layout, mask: mask))
    }

    /// Appends a record prepared by `prepare` (with this writer's layout and mask).
    public func append(_ prepared: PreparedRow) throws {
        let row = nextRow
        count += 1
        if prepared.lines > 1 { try sheet.rowHeight(row, Double(min(prepared.lines, 30)) * 13 + 3) }
        try sheet.number(row, 0, Double(count), formats.integer)
        for (i, cell) in prepared.cells.enumerated() {
            let column = i + 1
            switch cell {
            case .blank:
                try sheet.blank(row, column, columnFormats[i])
            case .number(let value):
                try sheet.number(row, column, value, columnFormats[i])
            case .text(let text):
                // A value of a number or date kind that did not read as one is written as plain text.
                try sheet.string(row, column, text, textFormats[i])
            }
        }
        nextRow += 1
    }

    static func style(_ kind: RegisterLayout.Kind) -> CellStyle {
        switch kind {
        case .text, .longText, .industry: .wrappedText
        case .short: .centeredText
        case .date: .date
        case .integer: .integer
        case .money: .money
        }
    }

    /// The signature line, filter, widths and print setup; then the file is written. Returns the record count.
    @discardableResult
    public func finish() throws -> Int {
        let lastData = nextRow - 1
        // The filter first: the library refuses a range ending in a row already final.
        try sheet.autofilter(Self.fieldRow, 0, max(Self.fieldRow, lastData), lastColumn)
        try mergedLine(nextRow + 1, FormLines.signature, .signature)
        for (column, width) in columnWidths.enumerated() {
            try sheet.columnWidth(column, width)
        }
        sheet.freeze(rows: Self.firstDataRow, columns: 2)
        let pages = breaks.isEmpty ? nil : (breaks, ColumnPages.scale(widths: columnWidths, breaks: breaks, repeated: Self.repeatedColumn))
        try sheet.printSetup(landscape: true, repeatRows: Self.groupRow ... Self.fieldRow, pages: pages,
                             repeatedColumn: Self.repeatedColumn)
        try workbook.close()
        return count
    }
}
