import CXlsxWriter

/// The look of a cell, as a value: the workbook turns each distinct style into one libxlsxwriter format.
struct CellStyle: Hashable {
    enum Align: Hashable { case general, left, center, right }

    var bold = false
    var size: Double = 10
    var align: Align = .general
    var wrap = false
    var border = false
    /// Excel number format: `@` keeps typed-over values text; `yyyy-mm-dd` shows a date serial as a date.
    var numberFormat: String?
    /// Background fill, RGB.
    var fill: UInt32?
    /// Font colour, RGB.
    var colour: UInt32?

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        // A CJK font every office suite on a Chinese desktop has; LibreOffice substitutes its own where missing.
        format_set_font_name(format, "宋体")
        format_set_font_size(format, size)
        if bold { format_set_bold(format) }
        switch align {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        if wrap { format_set_text_wrap(format) }
        if border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill)
        }
        if let colour { format_set_font_color(format, colour) }
    }

    // The styles the official layouts use.
    static let title = CellStyle(bold: true, size: 16, align: .center)
    static let subtitle = CellStyle(size: 10, align: .left)
    static let wrappedSubtitle = CellStyle(size: 10, align: .left, wrap: true)
    static let header = CellStyle(bold: true, align: .center, wrap: true, border: true, fill: 0xE7E6E6)
    static let text = CellStyle(border: true, numberFormat: "@")
    static let wrappedText = CellStyle(wrap: true, border: true, numberFormat: "@")
    static let centeredText = CellStyle(align: .center, border: true, numberFormat: "@")
    static let integer = CellStyle(align: .right, border: true, numberFormat: "0")
    static let money = CellStyle(align: .right, border: true, numberFormat: "#,##0.00")
    static let points = CellStyle(align: .center, border: true, numberFormat: "0.##")
    static let date = CellStyle(align: .center, border: true, numberFormat: "yyyy-mm-dd")
    static let signature = CellStyle(size: 11, align: .left)
    static let note = CellStyle(size: 9, align: .left, wrap: true)
}
