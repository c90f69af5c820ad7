import Foundation
import Testing
import ZIPFoundation
@testable import LedgerCore
@testable import LedgerExchange

/// A workbook whose sheet (and shared strings) are produced piece by piece, so a test can build an entry that
/// inflates to hundreds of megabytes without holding it: `piece(i)` gives the i-th piece, nil after the last.
func streamedWorkbook(sheet piece: @escaping (Int) -> [UInt8]?, strings: ((Int) -> [UInt8]?)? = nil) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    func add(_ path: String, _ next: @escaping (Int) -> [UInt8]?) throws {
        // Sizes are known only at the end, so the pieces are gathered lazily into a flat view of one length.
        var pieces: [[UInt8]] = []
        var total = 0
        while let p = next(pieces.count) { pieces.append(p); total += p.count; if pieces.count > 100_000 { break } }
        let size = total
        var starts: [Int] = []
        var at = 0
        for p in pieces { starts.append(at); at += p.count }
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, length in
            var out = Data(capacity: length)
            var pos = Int(position)
            var index = (starts.lastIndex { $0 <= pos }) ?? 0
            while out.count < length {
                let piece = pieces[index]
                let offset = pos - starts[index]
                let take = min(piece.count - offset, length - out.count)
                out.append(contentsOf: piece[offset..<(offset + take)])
                pos += take
                index += 1
            }
            return out
        }
    }
    func text(_ s: String) -> (Int) -> [UInt8]? { { $0 == 0 ? Array(s.utf8) : nil } }
    try add("xl/workbook.xml", text("""
        <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        <sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>
        """))
    try add("xl/_rels/workbook.xml.rels", text("""
        <Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """))
    try add("xl/worksheets/sheet1.xml", piece)
    if let strings { try add("xl/sharedStrings.xml", strings) }
    return try #require(archive.data)
}

/// The header row of a survey register as inline strings, and the sheet's opening and closing.
enum Sheets {
    static let head = "<worksheet><sheetData>" + (["姓名", "公民身份号码", "文化程度", "户籍性质", "联系电话", "人员类别", "创业状态", "摸底日期"]
        .enumerated().map { i, h in "<c r=\"\(XLSXReader.columnName(i))1\" t=\"inlineStr\"><is><t>\(h)</t></is></c>" }
        .joined()).wrappedInRow(1)
    static let tail = "</sheetData></worksheet>"

    /// `head`, then `count` pieces of `body(i)`, then `tail`.
    static func pieces(_ count: Int, _ body: @escaping (Int) -> String) -> (Int) -> [UInt8]? {
        { i in
            if i == 0 { return Array(head.utf8) }
            if i <= count { return Array(body(i).utf8) }
            return i == count + 1 ? Array(tail.utf8) : nil
        }
    }
}

extension String {
    func wrappedInRow(_ r: Int) -> String { "<row r=\"\(r)\">\(self)</row>" }
}

/// Issue 18 item 6: what a workbook can make the reader expand and keep is bounded, and refused in Chinese.
struct XLSXLimitsTests {
    func failure(_ data: Data, limits: XLSXLimits = .standard) -> String? {
        do { _ = try XLSXReader.rows(data, limits: limits); return nil } catch let f as XLSXReader.Failure { return f.message } catch {
            return "\(error)"
        }
    }

    /// 100 KB whose rows each place one cell at XFD took 7.8 GB and 25 s: each row was padded to 16,384 cells.
    @Test func aCellWithAValueAtColumnXFDIsRefusedAtOnce() throws {
        let data = try streamedWorkbook(sheet: Sheets.pieces(3_000) { i in "<c r=\"XFD\(i + 1)\"><v>1</v></c>".wrappedInRow(i + 1) })
        let started = Date()
        #expect(failure(data) == "Excel工作表第2行的XFD列有内容，超出了可读取的1000列；请删除表格右侧多余的内容后重试")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// Formatting alone (a styled empty cell) at XFD means nothing and costs nothing.
    @Test func emptyCellsFarRightAreIgnored() throws {
        let data = try streamedWorkbook(sheet: Sheets.pieces(3_000) { i in
            "<c r=\"A\(i + 1)\" t=\"inlineStr\"><is><t>张三</t></is></c><c r=\"XFD\(i + 1)\" s=\"3\"/>".wrappedInRow(i + 1)
        })
        let rows = try XLSXReader.rows(data)
        #expect(rows.count == 3_001)
        #expect(rows.dropFirst().allSatisfy { $0.cells.count == 1 && $0.cells[0].text == "张三" })
    }

    /// A shared string part inflating to 64 MB (twice the limit; the long run's bombs are bigger) stops at its limit.
    @Test func aSharedStringBombStopsAtItsLimit() throws {
        let megabyte = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 20)
        let data = try streamedWorkbook(sheet: Sheets.pieces(0) { _ in "" }, strings: { i in
            i == 0 ? Array("<sst><si><t>".utf8) : i <= 64 ? megabyte : i == 65 ? Array("</t></si></sst>".utf8) : nil
        })
        #expect(data.count < 1 << 20)
        #expect(failure(data) == "Excel文件中的“xl/sharedStrings.xml”解压后超过32 MB，超出可读取的范围；请分成几个文件导入或另存为CSV")
    }

    @Test func tooManySharedStringsAreRefused() throws {
        var limits = XLSXLimits()
        limits.sharedStrings = 10
        let data = try streamedWorkbook(sheet: Sheets.pieces(0) { _ in "" }, strings: { i in
            i == 0 ? Array(("<sst>" + String(repeating: "<si><t>x</t></si>", count: 11) + "</sst>").utf8) : nil
        })
        #expect(failure(data, limits: limits) == "Excel文件的共享文本超过10条，超出可读取的范围，请分成几个文件导入")
    }

    /// A sheet that never ends a row (32 MB of one row) is refused once one piece passes its limit.
    @Test func aRowThatNeverEndsIsRefusedAtThePieceLimit() throws {
        let megabyte = String(repeating: "<c><v>1</v></c>", count: (1 << 20) / 15)
        let data = try streamedWorkbook(sheet: { i in
            i == 0 ? Array((Sheets.head + "<row r=\"2\">").utf8) : i <= 32 ? Array(megabyte.utf8) : nil
        })
        #expect(failure(data) == "Excel工作表中有一行超过8 MB，超出可读取的范围，文件可能已损坏")
    }

    /// Rows that keep coming are refused once what they hold passes the limit (here 2 MB to keep the test short;
    /// the standard limit is 96 MB).
    @Test func rowsPastTheKeptLimitAreRefused() throws {
        var limits = XLSXLimits()
        limits.keptBytes = 2 << 20
        let long = String(repeating: "创", count: 300)
        let data = try streamedWorkbook(sheet: Sheets.pieces(50_000) { i in
            "<c r=\"A\(i + 1)\" t=\"inlineStr\"><is><t>\(long)</t></is></c>".wrappedInRow(i + 1)
        })
        #expect(failure(data, limits: limits) == "Excel工作表内容过多（超过2 MB），超出可读取的范围；请分成几个文件导入或另存为CSV")
    }

    @Test func aCellPastItsLimitAndARowNumberPastExcelsAreRefused() throws {
        let huge = try streamedWorkbook(sheet: Sheets.pieces(1) { _ in
            "<c r=\"A2\" t=\"inlineStr\"><is><t>\(String(repeating: "x", count: 300 << 10))</t></is></c>".wrappedInRow(2)
        })
        #expect(failure(huge) == "Excel工作表第2行有一个单元格超过256 KB，超出可读取的范围")
        let far = try streamedWorkbook(sheet: Sheets.pieces(1) { _ in "<c r=\"A2\"><v>1</v></c>".wrappedInRow(99_999_999_999) })
        #expect(failure(far) == "Excel工作表的行号“99999999999”超出了1到1048576的范围，文件可能已损坏")
    }

    /// The sheet is read in pieces cut after row ends: rows that straddle the inflater's chunks, with a namespace
    /// prefix, come out exactly as written.
    @Test func aSheetReadInPiecesGivesEveryRow() throws {
        let data = try streamedWorkbook(sheet: { i in
            if i == 0 { return Array("<x:worksheet><x:sheetData>".utf8) }
            if i <= 20_000 {
                return Array("<x:row r=\"\(i)\"><x:c r=\"A\(i)\" t=\"inlineStr\"><x:is><x:t>第\(i)行 &amp; row&gt;</x:t></x:is></x:c><x:c r=\"C\(i)\"><x:v>\(i)</x:v></x:c></x:row>".utf8)
            }
            return i == 20_001 ? Array("</x:sheetData></x:worksheet>".utf8) : nil
        })
        let rows = try XLSXReader.rows(data)
        #expect(rows.count == 20_000)
        #expect(rows.enumerated().allSatisfy { n, row in
            row.number == n + 1 && row.cells.map(\.text) == ["第\(n + 1)行 & row>", "", "\(n + 1)"]
        })
    }

    @Test func columnNamesAndIndexesAgree() {
        for index in [0, 25, 26, 701, 702, 16_383] {
            #expect(XLSXReader.columnIndex(XLSXReader.columnName(index) + "1") == index)
        }
        #expect(XLSXReader.columnName(16_383) == "XFD")
        #expect(XLSXReader.columnIndex("AAAAAAAAAAAAAAAAAAAAAAA1") == nil) // overflowed before
    }
}

/// Found by the fuzz test: a damaged header that points past the end of the file trapped ZIPFoundation's
/// in-memory reader (a negative length); it is refused as a damaged file.
struct ZipLayoutTests {
    @Test(arguments: [0x7FFF_0000, 0xFFFF_FFF0, 0x10])
    func anOffsetPastTheEndIsADamagedFileNotACrash(_ offset: Int) throws {
        var bytes = [UInt8](try workbook(sheet: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", strings: []))
        // The first central directory entry's local header offset (field at +42).
        let endMarker: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        let found = (0..<(bytes.count - 4)).last { Array(bytes[$0..<($0 + 4)]) == endMarker }
        let directory = try #require(found)
        var first = 0
        for i in 0..<4 { first |= Int(bytes[directory + 16 + i]) << (8 * i) }
        for i in 0..<4 { bytes[first + 42 + i] = UInt8((offset >> (8 * i)) & 0xFF) }
        #expect { try XLSXReader.rows(Data(bytes)) } throws: {
            ($0 as? XLSXReader.Failure)?.message == "文件不是有效的Excel（.xlsx）文件，可能已损坏；请在Excel中另存为后重试"
        }
    }
}
