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

    public static func rows(_ data: Data) throws -> [Row] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure(message: "文件不是有效的Excel（.xlsx）文件，可能已损坏；请在Excel中另存为后重试")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var content = Data()
            do { _ = try archive.extract(entry) { content.append($0) } } catch {
                throw Failure(message: "Excel文件中的“\(path)”无法解压，文件可能已损坏")
            }
            return content
        }
        guard let sheetPath = try firstSheetPath(part), let sheet = try part(sheetPath) else {
            throw Failure(message: "Excel文件中没有工作表")
        }
        let strings = try part("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        return try SheetParser.parse(sheet, strings: strings)
    }

    /// The first sheet in the workbook's order (not necessarily `sheet1.xml`), through the workbook's relations.
    static func firstSheetPath(_ part: (String) throws -> Data?) throws -> String? {
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
            index = index * 26 + Int(byte - 0x40)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : index - 1
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
    static func collect(_ data: Data, element: String) -> [[XMLScanner.Attribute]] {
        var scanner = XMLScanner([UInt8](data))
        var found: [[XMLScanner.Attribute]] = []
        while let event = try? scanner.next() {
            if case .start(element, let attributes) = event { found.append(attributes) }
        }
        return found
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` runs, phonetic guides (`<rPh>`) left out.
private enum SharedStrings {
    static func parse(_ data: Data) throws -> [String] {
        var scanner = XMLScanner([UInt8](data))
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
                case .end("si"): strings.append(current)
                case .end("rPh"): phonetic -= 1
                case .end("t"): inText = false
                default: break
                }
            }
        } catch {
            throw XLSXReader.Failure(message: "Excel文件的共享文本部分无法读取，文件可能已损坏")
        }
        return strings
    }
}

/// A worksheet's `<sheetData>`: rows of cells placed by reference.
private enum SheetParser {
    static func parse(_ data: Data, strings: [String]) throws -> [XLSXReader.Row] {
        var scanner = XMLScanner([UInt8](data))
        var rows: [XLSXReader.Row] = []
        var row: XLSXReader.Row?
        var column = 0
        var type = ""
        var value = ""
        var inValue = false
        do {
            while let event = try scanner.next() {
                switch event {
                case .start("row", let attributes):
                    let number = attributes.value(of: "r").flatMap { Int($0) } ?? ((rows.last?.number ?? 0) + 1)
                    row = XLSXReader.Row(number: number, cells: [])
                case .start("c", let attributes):
                    column = attributes.value(of: "r").flatMap(XLSXReader.columnIndex) ?? (row?.cells.count ?? 0)
                    type = attributes.value(of: "t") ?? ""
                    value = ""
                case .start("v", _), .start("t", _): inValue = true
                case .text(let text) where inValue: value += text
                case .end("v"), .end("t"): inValue = false
                case .end("c"):
                    guard let number = row?.number, column < 16_384 else { break }
                    let cell: XLSXReader.Cell
                    switch type {
                    case "s":
                        guard let index = Int(value), strings.indices.contains(index) else {
                            throw XLSXReader.Failure(message: "Excel工作表第\(number)行引用了不存在的文本，文件可能已损坏")
                        }
                        cell = .init(text: strings[index], isNumber: false)
                    case "b": cell = .init(text: value == "1" ? "是" : "否", isNumber: false)
                    case "inlineStr", "str", "e": cell = .init(text: value, isNumber: false)
                    default: cell = .init(text: value, isNumber: !value.isEmpty)
                    }
                    row?.place(cell, at: column)
                case .end("row"):
                    if let row { rows.append(row) }
                    row = nil
                default: break
                }
            }
        } catch let failure as XLSXReader.Failure {
            throw failure
        } catch {
            throw XLSXReader.Failure(message: "Excel工作表无法读取，文件可能已损坏")
        }
        return rows
    }
}
