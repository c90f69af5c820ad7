import Foundation
import ZIPFoundation

/// A small deterministic generator (SplitMix64): a failing case is reproduced from the seed and its number.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int.random(in: 0..<max(1, n), using: &self) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Workbook parts as the tests write them: `xl/workbook.xml` and its relations point at sheet1.
enum WorkbookFile {
    static let workbook = """
        <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        <sheet name="摸底" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let relations = """
        <Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """

    /// A zip with the given parts (path → bytes), deflated. A part may be given as a repeated piece to make an
    /// entry that inflates far beyond its compressed size.
    static func zip(_ parts: [(path: String, bytes: [UInt8], repeats: Int)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let piece = Data(part.bytes)
            let size = piece.count * part.repeats
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                                 bufferSize: max(1, min(size, 1 << 20))) { position, length in
                var out = Data(capacity: length)
                var at = Int(position)
                while out.count < length {
                    let offset = at % piece.count
                    let take = min(piece.count - offset, length - out.count)
                    out.append(piece[offset..<(offset + take)])
                    at += take
                }
                return out
            }
        }
        guard let data = archive.data else { throw TmuxTerminal.Failure(description: "the test workbook was not written") }
        return data
    }

    static func parts(sheet: String, strings: String? = nil) -> [(path: String, bytes: [UInt8], repeats: Int)] {
        var parts: [(path: String, bytes: [UInt8], repeats: Int)] = [
            ("xl/workbook.xml", Array(workbook.utf8), 1), ("xl/_rels/workbook.xml.rels", Array(relations.utf8), 1),
            ("xl/worksheets/sheet1.xml", Array(sheet.utf8), 1),
        ]
        if let strings { parts.append(("xl/sharedStrings.xml", Array(strings.utf8), 1)) }
        return parts
    }
}

/// Seeded mutations of a valid survey register, as CSV and as a workbook.
enum FuzzFiles {
    static let header = ["姓名", "公民身份号码", "文化程度", "户籍性质", "联系电话", "人员类别", "创业状态", "摸底日期", "带动就业人数", "创业担保贷款(元)", "备注"]
    static let rows = [
        ["张三", "630102199003070116", "大专", "城镇", "13912345678", "登记失业人员", "有创业意愿", "2024-03-15", "0", "", ""],
        ["李四", "63010219880412022x", "本科", "农村", "0971-6123456", "返乡入乡创业人员、退役军人", "有创业意愿", "2024年3月1日", "0", "5万", "开餐馆"],
        ["王梅", "630102197506150047", "高中", "城镇", "+8613800001111", "其他", "有创业意愿", "20240401", "0", "", "备注13912345678"],
    ]
    static let extremes = ["999999999999999999", "-1", "1e400", "9999999999.999999万", "NaN", "", "　", "\u{0}", "=1+1",
                           "0x7fffffffffffffff", String(repeating: "9", count: 400), "2024-02-30", "99999999"]

    /// Size of the extra data a case may add: small in the brief run, larger in the long one.
    static func scale(long: Bool) -> Int { long ? 200_000 : 20_000 }

    /// The rows with fresh valid ID numbers, so that a file left intact imports instead of duplicating the last.
    static func freshRows(_ r: inout FuzzRandom) -> [[String]] {
        rows.map { row in
            var row = row
            let body = "630102" + String(1950 + r.below(50)) + String(format: "%02d%02d", 1 + r.below(12), 1 + r.below(28))
                + String(format: "%03d", r.below(1_000))
            let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
            let sum = zip(body.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
            row[1] = body + String(Array("10X98765432")[sum % 11])
            return row
        }
    }

    static func csv(_ r: inout FuzzRandom, long: Bool) -> [UInt8] {
        var table = [header] + freshRows(&r)
        for _ in 0..<r.below(4) {
            let row = r.below(table.count), column = r.below(header.count)
            if row > 0 { table[row][column] = r.pick(extremes) }
        }
        var text = table.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: r.chance(20) ? "\r\n" : "\n") + "\n"
        if r.chance(15) { text += String(repeating: text.split(separator: "\n").last.map { $0 + "\n" } ?? "", count: r.below(scale(long: long) / 50)) }
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + r.below(4)) {
            switch r.below(9) {
            case 0 where !bytes.isEmpty: bytes[r.below(bytes.count)] = UInt8(truncatingIfNeeded: r.next())
            case 1: bytes.insert(contentsOf: (0..<r.below(40)).map { _ in UInt8(truncatingIfNeeded: r.next()) }, at: r.below(bytes.count + 1))
            case 2: bytes.insert(r.pick([0x22, 0x2C, 0x0D, 0x0A, 0x00, 0xFF, 0xEF]), at: r.below(bytes.count + 1))
            case 3: bytes.insert(contentsOf: Array(String(repeating: "创", count: r.below(scale(long: long))).utf8), at: r.below(bytes.count + 1))
            case 4: bytes += Array((String(repeating: ",", count: r.below(5_000)) + "\n").utf8)
            case 5: bytes = Array(bytes.prefix(r.below(bytes.count + 1)))
            case 6: bytes = r.pick([[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], []]) + bytes
            case 7: bytes += Array(String(repeating: "\"", count: r.below(1_000)).utf8)
            default: bytes.insert(contentsOf: Array("\n\n,,,\n".utf8), at: r.below(bytes.count + 1))
            }
        }
        return bytes
    }

    static func workbook(_ r: inout FuzzRandom, long: Bool) throws -> [UInt8] {
        var strings: [String] = []
        func reference(_ column: Int, _ row: Int) -> String {
            // Rare, so that some files stay whole: a register has 33 cells here.
            switch r.below(300) {
            case 0: return r.pick(["XFD", "ZZZZ", "AAAAAAAAAAAAAAAAAAAAAA", "", "A0", "a"]) + "\(row)"
            case 1: return "A\(r.pick(["0", "-1", "99999999999", "1048577"]))"
            default: return "\(columnName(column))\(row)"
            }
        }
        func cell(_ text: String, _ column: Int, _ row: Int) -> String {
            let r1 = reference(column, row)
            switch r.chance(90) ? r.pick([0, 5]) : r.below(8) {
            case 0, 1:
                strings.append(text)
                let index = r.chance(5) ? r.pick([-1, 99_999_999, Int.max]) : strings.count - 1
                return "<c r=\"\(r1)\" t=\"s\"><v>\(index)</v></c>"
            case 2: return "<c r=\"\(r1)\"><v>\(r.pick(["45366", "1e308", "-0", "6.30102199003071E+17", text]))</v></c>"
            case 3: return "<c r=\"\(r1)\" t=\"b\"><v>1</v></c>"
            case 4: return "<c r=\"\(r1)\" s=\"3\"/>"
            default: return "<c r=\"\(r1)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
            }
        }
        var table = [header] + freshRows(&r)
        for _ in 0..<r.below(4) { table[1 + r.below(rows.count)][r.below(header.count)] = r.pick(extremes) }
        var sheetRows = table.enumerated().map { n, values in
            "<row r=\"\(n + 1)\">" + values.enumerated().map { cell($1, $0, n + 1) }.joined() + "</row>"
        }
        if r.chance(20) {
            let last = sheetRows.last ?? ""
            sheetRows += Array(repeating: last, count: r.below(scale(long: long) / 100))
        }
        var sheet = "<worksheet><sheetData>" + sheetRows.joined() + "</sheetData></worksheet>"
        for _ in 0..<r.below(3) {
            let inserts = ["&#0;", "&#xFFFFFFFF;", "&foo;", "<![CDATA[x</row>y]]>", "<!-- -->", "<row>", "</c>", "<", "&", "\u{FFFF}"]
            let index = sheet.index(sheet.startIndex, offsetBy: r.below(sheet.count))
            sheet.insert(contentsOf: r.pick(inserts), at: index)
        }
        let sst = "<sst>" + strings.map { "<si><t>\(escape($0))</t></si>" }.joined() + "</sst>"
        var parts = WorkbookFile.parts(sheet: sheet, strings: r.chance(90) ? sst : nil)
        if r.chance(10) { // a bomb-like sheet: one row repeated far beyond the file's size
            parts[2].bytes = Array(("<worksheet><sheetData>" + (sheetRows.last ?? "")).utf8)
            parts[2].repeats = long ? 20_000 : 2_000
        }
        var bytes = [UInt8](try WorkbookFile.zip(parts))
        if r.chance(15) { for _ in 0..<(1 + r.below(8)) { bytes[r.below(bytes.count)] = UInt8(truncatingIfNeeded: r.next()) } }
        if r.chance(5) { bytes = Array(bytes.prefix(r.below(bytes.count))) }
        return bytes
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    static func columnName(_ index: Int) -> String {
        var name = ""
        var n = index + 1
        while n > 0 {
            name = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + name
            n = (n - 1) / 26
        }
        return name
    }
}
