import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerExchange

/// Issue 18 item 6 for text files: what a CSV file can make the reader allocate is bounded too.
struct CSVBoundsTests {
    /// A header of two million commas was two million strings (and their array grown by doubling).
    @Test func aHeaderWiderThanTheLimitIsRefused() {
        let header = String(repeating: ",", count: 2_000_000) + "\n张三\n"
        #expect { try RegisterFile.read(Data(header.utf8), register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["第1行有2000001列，超过可读取的1000列；请删除多余的列后重试"]
        }
    }

    /// A 60 MB field was copied three times (224 MB peak) before being refused as too long.
    @Test(arguments: [true, false])
    func aFieldPastOneMegabyteIsRefused(_ quoted: Bool) {
        let field = String(repeating: "备", count: 400_000)
        let text = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,备注\n张三,1,大专,城镇,1,其他,有创业意愿,2024-03-15,"
            + (quoted ? "\"\(field)\"" : field) + "\n"
        #expect { try RegisterFile.read(Data(text.utf8), register: .survey) } throws: {
            ($0 as? RegisterFile.Failure)?.messages == ["第2行有一个字段超过1 MB，超出可读取的范围，文件可能已损坏"]
        }
    }

    @Test func aFileOverTheImportLimitIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cy-big-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(count: 3 << 20).write(to: URL(fileURLWithPath: path))
        #expect { try FileBytes.read(path, limit: 2 << 20) } throws: {
            ($0 as? FileBytes.Failure)?.message == "文件 \(path) 过大（超过2 MB），超出一次导入的上限；请分成几个文件导入"
        }
        #expect(try FileBytes.read(path, limit: 3 << 20).count == 3 << 20)
    }

    /// A GB18030 file is converted in 1.5× its size first (2× only when that is not enough), so a 64 MB file
    /// stays well under the import's memory bound.
    @Test func conversionNeedingMoreRoomStillSucceeds() throws {
        // U+0080 is two bytes in UTF-8 and four in GB18030: UTF-8 → GB18030 needs the 2× retry.
        let text = String(repeating: "\u{80}", count: 1_000)
        let gb = try #require(TextDecoding.convert(Array(text.utf8), from: "UTF-8", to: "GB18030"))
        #expect(gb.count == 4_000)
        let back = try #require(TextDecoding.convert(gb, from: "GB18030", to: "UTF-8"))
        #expect(String(decoding: back, as: UTF8.self) == text)
    }
}

/// Issue 18 item 15: `--mask` reaches numbers typed into free text.
struct MaskedExportTests {
    @Test func maskHidesNumbersInFreeTextToo() {
        let writer = CSVWriter(register: .survey, mask: true)
        let line = writer.line(["name": "张三", "id_number": "630102199003070116", "phone": "13912345678",
                                "address": "八一路1号，妻13800001111", "remarks": "其母630102196501010012"])
        #expect(!line.contains("13800001111") && !line.contains("630102196501010012") && !line.contains("630102199003070116"))
        #expect(line.contains("八一路1号，妻138****1111") && line.contains("其母630102********0012"))
        let plain = CSVWriter(register: .survey, mask: false).line(["remarks": "其母630102196501010012"])
        #expect(plain.contains("630102196501010012"))
    }
}
