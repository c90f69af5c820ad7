import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's text encoding, as detected.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8（带BOM）"
    case gb18030 = "GB18030"
    /// Not text at all: an Excel workbook (its strings are Unicode already).
    case xlsx = "Excel工作簿"
}

/// Turns file bytes into text: UTF-8 with or without BOM, else GB18030 (what Chinese Excel saves as "CSV").
public enum TextDecoding {
    public struct Failure: Error, Sendable { public let message: String }

    public static func decode(_ data: Data) throws -> (text: String, encoding: TextEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes[3...], as: UTF8.self) else {
                throw Failure(message: "文件以UTF-8标记开头，但内容含有无效的UTF-8字节，请重新保存为UTF-8")
            }
            return (text, .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Failure(message: "文件是UTF-16编码，请另存为“CSV UTF-8（逗号分隔）”")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if let text = gb18030(bytes) { return (text, .gb18030) }
        throw Failure(message: "文件编码无法识别：既不是UTF-8也不是GB18030，请另存为“CSV UTF-8（逗号分隔）”")
    }

    /// Converts GB18030 bytes with glibc's iconv; nil when the bytes are not valid GB18030.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // A GB18030 character of 1, 2 or 4 bytes becomes at most 4 UTF-8 bytes, so 2× plus slack is enough.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBytes { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return result == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[..<written], as: UTF8.self)
    }
}
