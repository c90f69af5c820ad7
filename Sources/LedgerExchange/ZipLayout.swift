import Foundation

/// Checks that every offset and length a zip's headers give stays inside the file, before ZIPFoundation reads it.
///
/// ZIPFoundation reads an in-memory archive through a cookie file whose read traps when a header sends it past the
/// end (`data.count - offset` goes negative): the fuzz test found workbooks of 1.5 KB with one damaged byte that
/// crashed the import. Fields marked for ZIP64 (all ones) are left to ZIPFoundation, which reads them from the
/// extra field.
enum ZipLayout {
    static func check(_ data: Data) throws {
        // Read where it lies: a copy would be the workbook's size again.
        try data.withUnsafeBytes { try check(bytes: $0) }
    }

    private static func check(bytes: UnsafeRawBufferPointer) throws {
        let count = bytes.count
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        let zip64 = 0xFFFF_FFFF
        // The end-of-central-directory record, searched from the end as ZIPFoundation does.
        var end: Int?
        var at = count - 22
        while at >= max(0, count - 22 - 0xFFFF) {
            if u32(at) == 0x0605_4B50 { end = at; break }
            at -= 1
        }
        guard let end, let entries = u16(end + 10), let directorySize = u32(end + 12), let directoryOffset = u32(end + 16) else {
            throw damaged
        }
        if directoryOffset == zip64 || directorySize == zip64 { return }
        guard directoryOffset + directorySize <= count else { throw damaged }
        var entry = directoryOffset
        for _ in 0..<entries {
            guard u32(entry) == 0x0201_4B50, let compressed = u32(entry + 20), let nameLength = u16(entry + 28),
                  let extraLength = u16(entry + 30), let commentLength = u16(entry + 32), let local = u32(entry + 42) else {
                throw damaged
            }
            let next = entry + 46 + nameLength + extraLength + commentLength
            guard next <= directoryOffset + directorySize else { throw damaged }
            if local != zip64 {
                guard u32(local) == 0x0403_4B50, let localCompressed = u32(local + 18), let localName = u16(local + 26),
                      let localExtra = u16(local + 28) else { throw damaged }
                let dataOffset = local + 30 + localName + localExtra
                guard dataOffset <= count else { throw damaged }
                for size in [compressed, localCompressed] where size != zip64 {
                    guard dataOffset + size <= count else { throw damaged }
                }
            }
            entry = next
        }
    }

    static var damaged: XLSXReader.Failure {
        XLSXReader.Failure(message: "文件不是有效的Excel（.xlsx）文件，可能已损坏；请在Excel中另存为后重试")
    }
}
