import Foundation
import ZIPFoundation

/// Reads the first worksheet of an Excel workbook (.xlsx: a zip of XML parts) as rows of cells.
///
/// Only what a register needs: shared and inline strings, numbers, booleans and formula results as text, placed by
/// their cell reference (Excel leaves empty cells out). Formatting is ignored; the caller decides what a number
/// means in its column (a date serial, a count, or an ID number Excel has already rounded).
public enum XLSXReader {
    public struct Failure: Error, Sendable, Equatable {
        public let message: String
    }

    public struct Cell: Sendable, Equatable {
        public var text: String
        /// Stored as a number (no string type): in a date column it is an Excel day serial.
        public var isNumber: Bool
    }

    public struct Row: Sendable, Equatable {
        /// Excel's row number, as the clerk sees it.
        public var number: Int
        public var cells: [Cell]
    }

    /// The first bytes of a zip archive (`PK\u{3}\u{4}`), which a workbook is.
    public static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// The rows of the first worksheet, within `limits`: every part is inflated as it comes and refused once past
    /// its limit (the sizes a zip declares can lie), and the worksheet is read piece by piece, never whole.
    public static func rows(_ data: Data, limits: XLSXLimits = .standard) throws -> [Row] {
        guard data.count <= limits.fileBytes else {
            throw Failure(message: "Excel文件过大（\(XLSXLimits.megabytes(data.count))，上限\(XLSXLimits.megabytes(limits.fileBytes))），请分成几个文件导入")
        }
        try ZipLayout.check(data)
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure(message: "文件不是有效的Excel（.xlsx）文件，可能已损坏；请在Excel中另存为后重试")
        }
        let parts = Parts(archive: archive)
        let sheetPath = try firstSheetPath { try parts.inflate($0, limit: limits.smallPartBytes) }
        guard let sheetPath, let sheet = try parts.entry(sheetPath) else {
            throw Failure(message: "Excel文件中没有工作表")
        }
        let strings = try parts.inflate("xl/sharedStrings.xml", limit: limits.sharedStringBytes)
            .map { try SharedStrings.parse($0, limit: limits.sharedStrings) } ?? []
        var parser = SheetParser(strings: strings, limits: limits)
        try parts.stream(sheet, limits: limits) { piece, last in try parser.consume(piece, last: last) }
        return parser.rows
    }

    /// The first sheet in the workbook's order (not necessarily `sheet1.xml`), through the workbook's relations.
    static func firstSheetPath(_ part: (String) throws -> [UInt8]?) throws -> String? {
        if let workbook = try part("xl/workbook.xml"), let rels = try part("xl/_rels/workbook.xml.rels") {
            let sheets = XMLAttributes.collect(workbook, element: "sheet")
            let relations = XMLAttributes.collect(rels, element: "Relationship")
            if let id = sheets.first?.value(of: "r:id"), let target = relations.first(where: { $0.value(of: "Id") == id })?.value(of: "Target") {
                return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        return "xl/worksheets/sheet1.xml"
    }

    /// Column index of a cell reference: `A1` → 0, `AB12` → 27.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= 0x41 && byte <= 0x5A else { break }
            letters += 1
            // Excel's columns have at most three letters; more would overflow the index.
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(byte - 0x40)
        }
        return letters == 0 ? nil : index - 1
    }

    /// The letters of a column index: 0 → `A`, 16383 → `XFD`.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var n = index + 1
        while n > 0 {
            let digit = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            n = (n - 1) / 26
        }
        return name
    }
}

extension XLSXReader.Row {
    /// Puts a cell at its column, after empty cells for any columns Excel left out.
    mutating func place(_ cell: XLSXReader.Cell, at column: Int) {
        while cells.count < column { cells.append(.init(text: "", isNumber: false)) }
        if cells.count == column { cells.append(cell) } else { cells[column] = cell }
    }
}

/// Attributes of every element with a given name (small parts: workbook and relations); those found before any
/// damage in the part.
private enum XMLAttributes {
    static func collect(_ bytes: [UInt8], element: String) -> [[XMLScanner.Attribute]] {
        var scanner = XMLScanner(bytes)
        var found: [[XMLScanner.Attribute]] = []
        while let event = try? scanner.next() {
            if case .start(element, let attributes) = event { found.append(attributes) }
        }
        return found
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` runs, phonetic guides (`<rPh>`) left out.
private enum SharedStrings {
    static func parse(_ bytes: [UInt8], limit: Int) throws -> [String] {
        var scanner = XMLScanner(bytes)
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        do {
            while let event = try scanner.next() {
                switch event {
                case .start("si", _): current = ""
                case .start("rPh", _): phonetic += 1
                case .start("t", _): inText = phonetic == 0
                case .text(let text) where inText: current += text
                case .end("si"):
                    guard strings.count < limit else {
                        throw XLSXReader.Failure(message: "Excel文件的共享文本超过\(limit)条，超出可读取的范围，请分成几个文件导入")
                    }
                    strings.append(current)
                case .end("rPh"): phonetic -= 1
                case .end("t"): inText = false
                default: break
                }
            }
        } catch let failure as XLSXReader.Failure {
            throw failure
        } catch {
            throw XLSXReader.Failure(message: "Excel文件的共享文本部分无法读取，文件可能已损坏")
        }
        return strings
    }
}
