import Foundation
import Testing
import ZIPFoundation
@testable import LedgerCore
@testable import LedgerExchange

/// Builds a small workbook the way Excel lays one out: the first sheet in workbook order is `sheet2.xml` here, so
/// the reader must follow the relations rather than guess the file name.
func workbook(sheet rows: String, strings: [String]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    try add("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        <sheet name="摸底" sheetId="2" r:id="rId7"/><sheet name="旧" sheetId="1" r:id="rId1"/></sheets></workbook>
        """)
    try add("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId7" Type="worksheet" Target="worksheets/sheet2.xml"/></Relationships>
        """)
    try add("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>错的表</t></is></c></row></sheetData></worksheet>")
    try add("xl/worksheets/sheet2.xml", "<worksheet><sheetData>\(rows)</sheetData></worksheet>")
    let shared = strings.map { "<si><t>\($0)</t><rPh sb=\"0\" eb=\"1\"><t>ピンイン</t></rPh></si>" }.joined()
    try add("xl/sharedStrings.xml", "<sst count=\"\(strings.count)\">\(shared)</sst>")
    return try #require(archive.data)
}

struct XLSXTests {
    static let headers = ["姓名", "公民身份号码", "文化程度", "户籍性质", "联系电话", "人员类别", "创业状态", "摸底日期"]

    /// Header from shared strings (phonetic guides dropped), a date as an Excel serial, a phone stored as a number,
    /// a skipped empty cell and an empty row before the data.
    @Test func firstSheetRowsBecomeRecordsWithExcelRowNumbers() throws {
        let header = Self.headers.enumerated().map { i, _ in "<c r=\"\(Character(UnicodeScalar(65 + i)!))1\" t=\"s\"><v>\(i)</v></c>" }.joined()
        let data = try workbook(sheet: """
            <row r="1">\(header)</row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>张三</t></is></c><c r="B3" t="str"><v>630102199003070116</v></c>\
            <c r="C3" t="s"><v>8</v></c><c r="D3" t="inlineStr"><is><t>城镇</t></is></c><c r="E3"><v>13912345678</v></c>\
            <c r="F3" t="inlineStr"><is><t>其他</t></is></c><c r="G3" t="inlineStr"><is><t>有创业意愿</t></is></c><c r="H3"><v>45366</v></c></row>
            """, strings: Self.headers + ["大专"])
        let file = try RegisterFile.read(data, register: .survey)
        #expect(file.encoding == .xlsx && file.recordCount == 1)
        let record = try #require(Array(file.records).first)
        #expect(record.line == 3)
        #expect(record.fields == ["name": "张三", "id_number": "630102199003070116", "education": "大专", "hukou": "城镇",
                                  "phone": "13912345678", "categories": "其他", "status": "有创业意愿", "survey_date": "2024-03-15"])
    }

    @Test func anIdNumberExcelTurnedIntoANumberIsRefusedWithTheFix() throws {
        let header = Self.headers.enumerated().map { i, _ in "<c r=\"\(Character(UnicodeScalar(65 + i)!))1\" t=\"s\"><v>\(i)</v></c>" }.joined()
        let data = try workbook(sheet: """
            <row r="1">\(header)</row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>6.30102199003071E+17</v></c></row>
            """, strings: Self.headers)
        #expect { try RegisterFile.read(data, register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["第2行 公民身份号码: Excel把身份证号存成了数字，后几位已丢失；请把该列设为“文本”格式后重新输入"]
        }
    }

    @Test func excelDateSerials() {
        #expect(RegisterFile.day(fromSerial: "1")?.description == "1900-01-01")
        #expect(RegisterFile.day(fromSerial: "59")?.description == "1900-02-28")
        #expect(RegisterFile.day(fromSerial: "61")?.description == "1900-03-01") // after Excel's phantom 29 February
        #expect(RegisterFile.day(fromSerial: "45292")?.description == "2024-01-01")
        #expect(RegisterFile.day(fromSerial: "45366.75")?.description == "2024-03-15")
        #expect(RegisterFile.day(fromSerial: "0") == nil && RegisterFile.day(fromSerial: "abc") == nil)
    }

    /// A zip that opens but holds damaged XML: the clerk is told which part, nothing half-read is imported.
    @Test func damagedXMLInsideAWorkbookGivesAChineseMessage() throws {
        let header = Self.headers.enumerated().map { i, _ in "<c r=\"\(Character(UnicodeScalar(65 + i)!))1\" t=\"s\"><v>\(i)</v></c>" }.joined()
        let cutSheet = try workbook(sheet: "<row r=\"1\">\(header)</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is>", strings: Self.headers)
        #expect { try RegisterFile.read(cutSheet, register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["Excel工作表无法读取，文件可能已损坏"]
        }
        let badStrings = try workbook(sheet: "<row r=\"1\">\(header)</row>", strings: Self.headers + ["&bogus;"])
        #expect { try RegisterFile.read(badStrings, register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["Excel文件的共享文本部分无法读取，文件可能已损坏"]
        }
        let missingString = try workbook(sheet: "<row r=\"1\">\(header)</row><row r=\"4\"><c r=\"A4\" t=\"s\"><v>99</v></c></row>", strings: Self.headers)
        #expect { try RegisterFile.read(missingString, register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["Excel工作表第4行引用了不存在的文本，文件可能已损坏"]
        }
    }

    @Test func aDamagedWorkbookGivesAChineseMessage() {
        var data = Data([0x50, 0x4B, 0x03, 0x04])
        data.append(Data(repeating: 0x41, count: 200))
        #expect { try RegisterFile.read(data, register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages.first?.contains("不是有效的Excel") == true
        }
    }
}
