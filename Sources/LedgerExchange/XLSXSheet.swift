/// A worksheet's `<sheetData>`, read piece by piece: rows of cells placed by reference, within the limits on
/// columns, rows, cell text and what the rows kept so far hold.
struct SheetParser {
    let strings: [String]
    let limits: XLSXLimits
    private(set) var rows: [XLSXReader.Row] = []
    /// Elements left open by the pieces read so far.
    private var open: [String] = []
    private var row: XLSXReader.Row?
    private var column = 0
    private var type = ""
    private var value = ""
    private var inValue = false
    /// Estimated bytes held by `rows` and `row`.
    private var kept = 0

    init(strings: [String], limits: XLSXLimits) {
        self.strings = strings
        self.limits = limits
    }

    mutating func consume(_ piece: [UInt8], last: Bool) throws {
        var scanner = XMLScanner(piece, open: open, partial: !last)
        do {
            while let event = try scanner.next() { try handle(event) }
        } catch let failure as XLSXReader.Failure {
            throw failure
        } catch {
            throw XLSXReader.Failure(message: "Excel工作表无法读取，文件可能已损坏")
        }
        open = scanner.openElements
    }

    private mutating func handle(_ event: XMLScanner.Event) throws {
        switch event {
        case .start("row", let attributes):
            let number: Int
            if let r = attributes.value(of: "r") {
                guard let n = Int(r), (1...limits.rows).contains(n) else {
                    throw XLSXReader.Failure(message: "Excel工作表的行号“\(r.prefix(20))”超出了1到\(limits.rows)的范围，文件可能已损坏")
                }
                number = n
            } else {
                number = (rows.last?.number ?? 0) + 1
            }
            guard rows.count < limits.rows else {
                throw XLSXReader.Failure(message: "Excel工作表超过\(limits.rows)行，超出可读取的范围，请分成几个文件导入")
            }
            try keep(XLSXLimits.costPerRow)
            row = XLSXReader.Row(number: number, cells: [])
        case .start("c", let attributes):
            column = attributes.value(of: "r").flatMap(XLSXReader.columnIndex) ?? (row?.cells.count ?? 0)
            type = attributes.value(of: "t") ?? ""
            value = ""
        case .start("v", _), .start("t", _): inValue = true
        case .text(let text) where inValue:
            value += text
            guard value.utf8.count <= limits.cellBytes else {
                throw XLSXReader.Failure(message: "Excel工作表第\(row?.number ?? rows.count + 1)行有一个单元格超过\(limits.cellBytes >> 10) KB，超出可读取的范围")
            }
        case .end("v"), .end("t"): inValue = false
        case .end("c"):
            guard let number = row?.number else { break }
            let cell = try self.cell(row: number)
            // Empty cells (formatting only) are left out: they mean nothing and may sit at any column.
            guard !cell.text.isEmpty else { break }
            guard column < limits.columns else {
                throw XLSXReader.Failure(message: "Excel工作表第\(number)行的\(XLSXReader.columnName(column))列有内容，超出了可读取的\(limits.columns)列；请删除表格右侧多余的内容后重试")
            }
            let added = max(1, column + 1 - (row?.cells.count ?? 0))
            try keep(added * XLSXLimits.costPerCell + (cell.text.utf8.count > 15 ? cell.text.utf8.count : 0))
            row?.place(cell, at: column)
        case .end("row"):
            if let row { rows.append(row) }
            row = nil
        default: break
        }
    }

    private func cell(row number: Int) throws -> XLSXReader.Cell {
        switch type {
        case "s":
            guard let index = Int(value), strings.indices.contains(index) else {
                throw XLSXReader.Failure(message: "Excel工作表第\(number)行引用了不存在的文本，文件可能已损坏")
            }
            return .init(text: strings[index], isNumber: false)
        case "b": return .init(text: value == "1" ? "是" : "否", isNumber: false)
        case "inlineStr", "str", "e": return .init(text: value, isNumber: false)
        default: return .init(text: value, isNumber: !value.isEmpty)
        }
    }

    private mutating func keep(_ bytes: Int) throws {
        kept += bytes
        guard kept <= limits.keptBytes else {
            throw XLSXReader.Failure(message: "Excel工作表内容过多（超过\(XLSXLimits.megabytes(limits.keptBytes))），超出可读取的范围；请分成几个文件导入或另存为CSV")
        }
    }
}
