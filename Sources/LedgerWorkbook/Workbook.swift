import CXlsxWriter
import LedgerCore

/// A failure to write a workbook, with a Chinese message for the user.
public struct WorkbookError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    init(_ message: String) { self.message = message }

    init(_ error: lxw_error, while doing: String) {
        message = "写入Excel文件失败（\(doing)）：\(Self.reason(error))"
    }

    /// The library's error in Chinese with what to do (its own text, `lxw_strerror`, is English).
    static func reason(_ error: lxw_error) -> String {
        switch error {
        case LXW_ERROR_MEMORY_MALLOC_FAILED: "内存不足，请关闭其他程序后重试"
        case LXW_ERROR_CREATING_XLSX_FILE: "无法创建文件，请检查目标文件夹是否存在、是否有写权限"
        case LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE: "无法使用临时文件，请检查临时文件夹的空间和权限"
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            "写入文件时出错，磁盘可能已满或文件所在位置不可写，请检查后重试"
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, LXW_ERROR_32_STRING_LENGTH_EXCEEDED, LXW_ERROR_128_STRING_LENGTH_EXCEEDED,
             LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
            "有内容超过Excel单元格的长度上限，请缩短后重试"
        default: "Excel写入库错误（代码 \(error.rawValue)），请重试；若问题依旧，请导出为CSV"
        }
    }
}

/// A workbook being written by libxlsxwriter in constant-memory mode: rows must be written top to bottom, each
/// row's cells left to right, and a row is final once a later row is started (so memory does not grow with the
/// register). The file at `path` is complete only after `close()`.
final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    init(path: String) throws {
        guard let handle = cx_workbook_new_constant_memory(path) else {
            throw WorkbookError("无法创建Excel文件 \(path)")
        }
        self.handle = handle
    }

    deinit {
        // A workbook abandoned after an error is still closed, so its temporary files are removed.
        if let handle { _ = workbook_close(handle) }
    }

    func addSheet(_ name: String) throws -> Sheet {
        guard let handle, let sheet = workbook_add_worksheet(handle, name) else {
            throw WorkbookError("无法添加工作表“\(name)”")
        }
        return Sheet(handle: sheet, workbook: self)
    }

    /// The libxlsxwriter format for a style, created once per workbook.
    func format(_ style: CellStyle) -> Format {
        if let existing = formats[style] { return existing }
        guard let handle, let format = workbook_add_format(handle) else { return nil }
        style.apply(to: format)
        formats[style] = format
        return format
    }

    /// Writes the file; the workbook cannot be used afterwards.
    func close() throws {
        guard let handle else { return }
        self.handle = nil
        let error = workbook_close(handle)
        guard error == LXW_NO_ERROR else { throw WorkbookError(error, while: "保存") }
    }
}

/// A cell format of one workbook (owned by it).
typealias Format = UnsafeMutablePointer<lxw_format>?

/// One worksheet: cells, merged ranges, column widths and print setup.
struct Sheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: Workbook

    func string(_ row: Int, _ column: Int, _ text: String, _ style: CellStyle) throws {
        try string(row, column, text, workbook.format(style))
    }

    func number(_ row: Int, _ column: Int, _ value: Double, _ style: CellStyle) throws {
        try number(row, column, value, workbook.format(style))
    }

    /// A date as Excel's day serial (1900 system), shown by the style's number format.
    func date(_ row: Int, _ column: Int, _ day: Day, _ style: CellStyle) throws {
        try number(row, column, Double(ExcelDate.serial(of: day)), workbook.format(style))
    }

    func blank(_ row: Int, _ column: Int, _ style: CellStyle) throws {
        try blank(row, column, workbook.format(style))
    }

    // The same with a format looked up once: a register's rows write a million cells and more.

    func string(_ row: Int, _ column: Int, _ text: String, _ format: Format) throws {
        try check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format), "写入文本")
    }

    func number(_ row: Int, _ column: Int, _ value: Double, _ format: Format) throws {
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), value, format), "写入数字")
    }

    func blank(_ row: Int, _ column: Int, _ format: Format) throws {
        try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format), "写入空白格")
    }

    /// Registers a merged range. In constant-memory mode its cells must already have been written (the first
    /// with the text, the others blank in the same style) and its last row must not be finished yet: the library's
    /// own writes into rows already flushed are refused, which is harmless here, but the range itself is refused too.
    func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ text: String, _ style: CellStyle) throws {
        guard firstRow != lastRow || firstColumn != lastColumn else { return }
        try check(worksheet_merge_range(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                        lxw_col_t(lastColumn), text, workbook.format(style)), "合并单元格")
    }

    func rowHeight(_ row: Int, _ points: Double) throws {
        try check(worksheet_set_row(handle, lxw_row_t(row), points, nil), "设置行高")
    }

    /// Column width in Excel's character units.
    func columnWidth(_ column: Int, _ width: Double) throws {
        try check(worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, nil), "设置列宽")
    }

    func freeze(rows: Int, columns: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns))
    }

    func autofilter(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) throws {
        try check(worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                       lxw_col_t(lastColumn)), "设置筛选")
    }

    /// A4, with the given rows repeated at the top of every printed page, fitted to one page wide (any number of
    /// pages tall), and the footer `第 N 页 共 M 页`. With `pages` (ColumnPages), printed across several pages
    /// instead, cut before the columns `breaks`, at `scale`, with columns `0...repeatedColumn` left on every page.
    func printSetup(landscape: Bool, repeatRows: ClosedRange<Int>?, pages: (breaks: [Int], scale: Int)? = nil,
                    repeatedColumn: Int = 0) throws {
        if landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        worksheet_set_paper(handle, 9) // 9 = A4 in Excel's paper codes
        if let pages, !pages.breaks.isEmpty {
            // A scale, not "fit to": Excel ignores manual page breaks on a sheet fitted to pages.
            worksheet_set_print_scale(handle, UInt16(pages.scale))
            var breaks = pages.breaks.map { lxw_col_t($0) } + [0]
            try check(worksheet_set_v_pagebreaks(handle, &breaks), "设置分页")
            try check(worksheet_repeat_columns(handle, 0, lxw_col_t(repeatedColumn)), "设置打印标题列")
        } else {
            worksheet_fit_to_pages(handle, 1, 0)
        }
        worksheet_set_margins(handle, 0.4, 0.4, 0.6, 0.6)
        worksheet_center_horizontally(handle)
        if let repeatRows {
            try check(worksheet_repeat_rows(handle, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound)), "设置打印标题行")
        }
        try check(worksheet_set_footer(handle, "&C第 &P 页 共 &N 页"), "设置页脚")
    }

    private func check(_ error: lxw_error, _ doing: String) throws {
        guard error == LXW_NO_ERROR else { throw WorkbookError(error, while: doing) }
    }
}

/// Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was, so days
/// from 1900-03-01 on are one more than their distance from 1899-12-31 (the importer undoes the same shift).
enum ExcelDate {
    static func serial(of day: Day) -> Int {
        let days = day.ordinal + 25_568 // 1899-12-31 is 25,568 days before 1970-01-01
        return days >= 60 ? days + 1 : days
    }

    /// `2024-03-15` read straight from its bytes: the form every stored date has (other forms: `Day.parse`).
    static func day(isoText text: String) -> Day? {
        var fields = (year: 0, month: 0, day: 0)
        var index = 0
        for byte in text.utf8 {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= 48 && byte <= 57 else { return nil }
                let digit = Int(byte - 48)
                if index < 4 { fields.year = fields.year * 10 + digit } else if index < 7 { fields.month = fields.month * 10 + digit } else {
                    fields.day = fields.day * 10 + digit
                }
            }
            index += 1
        }
        guard index == 10 else { return nil }
        return Day(year: fields.year, month: fields.month, day: fields.day)
    }
}
