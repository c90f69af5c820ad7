import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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
            if let id = sheets.first?["r:id"], let target = relations.first(where: { $0["Id"] == id })?["Target"] {
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

/// Attributes of every element with a given name (small parts: workbook and relations).
private final class XMLAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []
    init(element: String) { self.element = element }

    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let delegate = XMLAttributes(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is the text of its `<t>` runs, phonetic guides (`<rPh>`) left out.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { throw XLSXReader.Failure(message: "Excel文件的共享文本部分无法读取，文件可能已损坏") }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// A worksheet's `<sheetData>`, streamed: rows of cells placed by reference.
private final class SheetParser: NSObject, XMLParserDelegate {
    let strings: [String]
    var rows: [XLSXReader.Row] = []
    var row: XLSXReader.Row?
    var column = 0
    var type = ""
    var value = ""
    var inValue = false
    var problem: String?

    init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) throws -> [XLSXReader.Row] {
        let delegate = SheetParser(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let ok = parser.parse()
        if let problem = delegate.problem { throw XLSXReader.Failure(message: problem) }
        guard ok else { throw XLSXReader.Failure(message: "Excel工作表无法读取，文件可能已损坏") }
        return delegate.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? ((rows.last?.number ?? 0) + 1)
            row = XLSXReader.Row(number: number, cells: [])
        case "c":
            column = attributes["r"].flatMap(XLSXReader.columnIndex) ?? (row?.cells.count ?? 0)
            type = attributes["t"] ?? ""
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            guard var current = row, column < 16_384 else { return }
            let cell: XLSXReader.Cell
            switch type {
            case "s":
                guard let index = Int(value), strings.indices.contains(index) else {
                    problem = "Excel工作表第\(current.number)行引用了不存在的文本，文件可能已损坏"
                    parser.abortParsing()
                    return
                }
                cell = .init(text: strings[index], isNumber: false)
            case "b": cell = .init(text: value == "1" ? "是" : "否", isNumber: false)
            case "inlineStr", "str", "e": cell = .init(text: value, isNumber: false)
            default: cell = .init(text: value, isNumber: !value.isEmpty)
            }
            while current.cells.count < column { current.cells.append(.init(text: "", isNumber: false)) }
            if current.cells.count == column { current.cells.append(cell) } else { current.cells[column] = cell }
            row = current
        case "row":
            if let row { rows.append(row) }
            row = nil
        default: break
        }
    }
}
