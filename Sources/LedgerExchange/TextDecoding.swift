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

    /// Turns file bytes into UTF-8 bytes in place: a UTF-8 file is validated where it lies (a file of a few MB is
    /// not copied into a String and back), a BOM is removed, GB18030 is converted.
    public static func toUTF8(_ bytes: inout [UInt8]) throws -> TextEncoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeSubrange(0..<3)
            guard isValidUTF8(bytes) else {
                throw Failure(message: "文件以UTF-8标记开头，但内容含有无效的UTF-8字节，请重新保存为UTF-8")
            }
            return .utf8BOM
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Failure(message: "文件是UTF-16编码，请另存为“CSV UTF-8（逗号分隔）”")
        }
        if isValidUTF8(bytes) { return .utf8 }
        if let converted = gb18030(bytes) {
            bytes = converted
            return .gb18030
        }
        throw Failure(message: "文件编码无法识别：既不是UTF-8也不是GB18030，请另存为“CSV UTF-8（逗号分隔）”")
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { (try? UTF8Span(validating: Span(_unsafeElements: $0))) != nil }
    }

    /// Converts GB18030 bytes to UTF-8; nil when the bytes are not valid GB18030.
    static func gb18030(_ bytes: [UInt8]) -> [UInt8]? {
        guard let output = convert(bytes, from: "GB18030", to: "UTF-8") else { return nil }
        return isValidUTF8(output) ? output : nil
    }

    /// Converts bytes between two encodings with glibc's iconv; nil when the input is not valid in `from`.
    /// GB18030 text becomes at most 1.5× as long in UTF-8 (a two-byte character is at most three), so that is
    /// tried first: an import's peak memory is the file plus its conversion (a 64 MB file took 280 MB with 2×).
    /// Between UTF-8 and GB18030 a character of 1 to 4 bytes becomes at most 4, so 2× is always room enough.
    static func convert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        switch convert(bytes, from: from, to: to, room: bytes.count + bytes.count / 2 + 16) {
        case .converted(let output): output
        case .invalid: nil
        case .needsRoom:
            if case .converted(let output) = convert(bytes, from: from, to: to, room: bytes.count * 2 + 16) { output } else { nil }
        }
    }

    private enum Conversion {
        case converted([UInt8])
        case invalid
        case needsRoom
    }

    /// One conversion into `room` bytes. The input is read where it lies (iconv's input pointer is not const, but
    /// iconv does not write through it): a copy would be the file's size again.
    private static func convert(_ bytes: [UInt8], from: String, to: String, room: Int) -> Conversion {
        let cd = iconv_open(to, from)
        guard cd != iconv_t(bitPattern: -1) else { return .invalid }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: room)
        let outcome: (written: Int, full: Bool)? = bytes.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                var inPtr = inBuf.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self) }
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if result != -1 && inLeft == 0 { return (outBuf.count - outLeft, false) }
                return result == -1 && errno == E2BIG ? (0, true) : nil
            }
        }
        guard let outcome else { return .invalid }
        if outcome.full { return .needsRoom }
        output.removeSubrange(outcome.written...)
        return .converted(output)
    }
}
