import Testing
@testable import TerminalUI

/// A paste of valid Chinese text was reported as invalid UTF-8 when a read ended inside a character: the bytes of
/// a character split between two reads must come out as that character, at every split point.
struct UTF8AssemblerTests {
    /// Characters of every length: ASCII, two bytes, three (CJK, full-width punctuation), four.
    static let text = "a王é，买😀z王王"

    /// What the assembler makes of `reads`, one after another, as the terminal backend feeds it: the assembler is
    /// kept between reads (a read may end inside a character).
    static func assemble(_ reads: [[UInt8]]) -> [UTF8Assembler.Output] {
        var assembler = UTF8Assembler()
        var out: [UTF8Assembler.Output] = []
        for read in reads {
            for byte in read { out += assembler.feed(byte) }
        }
        return out
    }

    static var expected: [UTF8Assembler.Output] { text.unicodeScalars.map { .scalar($0) } }

    @Test(arguments: 0...Array(text.utf8).count)
    func aCharacterSplitBetweenTwoReadsIsAssembled(split: Int) {
        let bytes = Array(Self.text.utf8)
        #expect(Self.assemble([Array(bytes[..<split]), Array(bytes[split...])]) == Self.expected)
    }

    @Test func everyByteInARead() {
        #expect(Self.assemble(Array(Self.text.utf8).map { [$0] }) == Self.expected)
    }

    @Test func twentyThousandWangInReadsOfAnyLength() {
        let bytes = Array(String(repeating: "王", count: 20_000).utf8)
        for size in [1, 2, 4, 1000, 4095, 4096] {
            let reads = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min(bytes.count, $0 + size)]) }
            let out = Self.assemble(reads)
            #expect(out.count == 20_000 && out.allSatisfy { $0 == .scalar("王") }, "reads of \(size) bytes")
        }
    }

    @Test func anUnfinishedCharacterWaitsForTheNextRead() {
        var assembler = UTF8Assembler()
        #expect(assembler.feed(0xE7).isEmpty)
        #expect(assembler.feed(0x8E).isEmpty)
        #expect(assembler.isPending)
        #expect(assembler.feed(0x8B) == [.scalar("王")])
        #expect(!assembler.isPending)
    }

    @Test(arguments: [
        ([0x80], [UTF8Assembler.Output.invalid]),                            // a continuation byte with no lead
        ([0xC0, 0x80], [.invalid, .invalid]),                                 // an overlong NUL
        ([0xE0, 0x80, 0x80], [.invalid, .invalid, .invalid]),                 // an overlong three-byte form
        ([0xED, 0xA0, 0x80], [.invalid, .invalid, .invalid]),                 // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], [.invalid, .invalid, .invalid, .invalid]), // past U+10FFFF
        ([0xFF], [.invalid]),
        ([0xE7, 0x8E, 0x41], [.invalid, .scalar("A")]),                       // cut off by a letter: the letter stays
        ([0xE7, 0xE7, 0x8E, 0x8B], [.invalid, .scalar("王")]),
    ] as [([UInt8], [UTF8Assembler.Output])])
    func aSequenceWrongInItselfIsRefused(bytes: [UInt8], expected: [UTF8Assembler.Output]) {
        #expect(Self.assemble([bytes]) == expected)
    }

    @Test func aFunctionKeyInsideACharacterMakesItInvalid() {
        var assembler = UTF8Assembler()
        _ = assembler.feed(0xE7)
        #expect(assembler.interrupt() == [.invalid])
        #expect(assembler.interrupt().isEmpty)
        #expect(assembler.feed(0x41) == [.scalar("A")])
    }
}
