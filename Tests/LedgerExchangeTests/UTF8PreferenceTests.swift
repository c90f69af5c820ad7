import Foundation
import Testing
@testable import LedgerCore
@testable import LedgerExchange

/// Issue 18 item 13: a file that is valid UTF-8 as a whole is read as UTF-8, even when its bytes also happen to be
/// valid GB18030 (most short Chinese texts are: 姓名 is E5A7 93E5 908D as GB18030 pairs).
struct UTF8PreferenceTests {
    /// Seeded texts of common Han characters, full-width punctuation and ASCII; those whose UTF-8 bytes also
    /// convert as GB18030 are the ambiguous ones, and each must come back as the UTF-8 text.
    @Test func textValidInBothEncodingsIsReadAsUTF8() throws {
        var random = SeededRandom(seed: 13)
        let pool = Array("姓名张三李四王芳公民身份号码社区街道创业服务培训合格，、；：（）0123456789abcXYZ ")
        var ambiguous = 0
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 1...40, using: &random)).map { _ in pool.randomElement(using: &random)! })
            var bytes = Array(text.utf8)
            let alsoGB18030 = TextDecoding.gb18030(bytes) != nil
            if alsoGB18030 { ambiguous += 1 }
            #expect(try TextDecoding.toUTF8(&bytes) == .utf8)
            #expect(String(decoding: bytes, as: UTF8.self) == text)
        }
        #expect(ambiguous > 20) // the test does exercise the ambiguity
    }

    @Test func anAmbiguousRegisterFileIsImportedAsUTF8() throws {
        // Headers as field keys and values of even runs of Han characters: every two UTF-8 bytes of a run then
        // pair up as a GB18030 character (this reader does not validate values, only the file's structure).
        let names = ["张三", "王芳", "李四", "赵敏", "钱多多多", "孙丽", "周杰", "吴刚", "郑爽", "冯巩", "陈晨", "褚明", "卫青"]
        let texts = names.map { "name,id_number,education,hukou,phone,categories,status,survey_date\n\($0),630102199003070116,大专,城镇,13912345678,其他,创业,2024-03-15\n" }
        let text = try #require(texts.first { TextDecoding.gb18030(Array($0.utf8)) != nil })
        let file = try RegisterFile.read(Data(text.utf8), register: .survey)
        #expect(file.encoding == .utf8)
        #expect(names.contains(Array(file.records).first?.fields["name"] ?? ""))
    }
}

/// A small deterministic generator (SplitMix64) so a failure is reproducible from its seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
