import Foundation
import LedgerCore
import Testing
@testable import LedgerExchange

struct FileBytesTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cy-bytes-\(UUID().uuidString)-\(name)").path
    }

    @Test func readsTheWholeFileWithRoomForALineBreak() throws {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 4095, 4096, 65_537, 300_000] {
            let content = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = temporaryPath("\(size)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(content).write(to: URL(fileURLWithPath: path))
            var bytes = try FileBytes.read(path)
            #expect(bytes == content)
            #expect(bytes.capacity > bytes.count)
            // The line break goes into the reserved room: the buffer is not reallocated.
            let before = bytes.withUnsafeBufferPointer { $0.baseAddress }
            bytes.append(0x0A)
            #expect(size == 0 || bytes.withUnsafeBufferPointer { $0.baseAddress } == before)
        }
    }

    @Test func problemsAreToldInChinese() throws {
        #expect { try FileBytes.read(temporaryPath("missing")) } throws: {
            ($0 as? FileBytes.Failure)?.message.contains("文件不存在") == true
        }
        #expect { try FileBytes.read(FileManager.default.temporaryDirectory.path) } throws: {
            ($0 as? FileBytes.Failure)?.message.contains("这是一个目录") == true
        }
    }
}

struct InPlaceDecodingTests {
    private let csv = "服务内容,公民身份号码,服务方式,服务类型,服务日期,姓名\n讲解政策,630102199003070116,窗口,政策咨询,2024-04-01,张三\n"
        + "创业指导,630102199003070124,上门,创业指导,2024-04-02,李四"

    @Test func aUTF8FileIsUsedWhereItLies() throws {
        var bytes = Array(csv.utf8)
        let before = bytes.withUnsafeBufferPointer { $0.baseAddress }
        #expect(try TextDecoding.toUTF8(&bytes) == .utf8)
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == before && bytes == Array(csv.utf8))
    }

    @Test func bomAndGB18030FilesGiveTheSameRecordsAsUTF8() throws {
        let plain = Array(try RegisterFile.read(bytes: Array(csv.utf8), register: .service).records)
        let bom = try RegisterFile.read(bytes: [0xEF, 0xBB, 0xBF] + Array(csv.utf8), register: .service)
        #expect(bom.encoding == .utf8BOM && Array(bom.records) == plain)
        // The same text in GB18030, through iconv the other way.
        let gb = try #require(TextDecoding.convert(Array(csv.utf8), from: "UTF-8", to: "GB18030"))
        let converted = try RegisterFile.read(bytes: gb, register: .service)
        #expect(converted.encoding == .gb18030 && Array(converted.records) == plain)
        #expect(plain.count == 2 && plain[1].fields["name"] == "李四")
    }

    @Test func aFinalLineBreakIsAddedOnlyWhenMissing() {
        var open = Array("a,b".utf8), closed = Array("a,b\n".utf8), crlf = Array("a,b\r\n".utf8)
        CSVReader.close(&open); CSVReader.close(&closed); CSVReader.close(&crlf)
        #expect(open == Array("a,b\n".utf8) && closed == Array("a,b\n".utf8) && crlf == Array("a,b\r\n".utf8))
    }
}
