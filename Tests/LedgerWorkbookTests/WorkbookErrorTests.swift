import CXlsxWriter
@testable import LedgerWorkbook
import Testing

/// Issue 18 item 12: the writer's errors reach the clerk in Chinese, never as the library's English text.
struct WorkbookErrorTests {
    @Test func everyLibraryErrorIsExplainedInChinese() {
        for code in 1..<40 {
            let message = WorkbookError(lxw_error(rawValue: UInt32(code)), while: "保存").message
            var rest = message
            for word in ["Excel", "CSV"] { rest = rest.replacingOccurrences(of: word, with: "") }
            #expect(!rest.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }, "\(code): \(message)")
            #expect(message.hasPrefix("写入Excel文件失败（保存）："))
        }
        #expect(WorkbookError(LXW_ERROR_CREATING_XLSX_FILE, while: "创建").message.contains("写权限"))
    }
}
