import Testing
import TerminalUI

@Suite struct TextBurstTests {
    private func feed(_ burst: inout TextBurst, _ text: String, _ utf8: inout UTF8Assembler) -> Int? {
        burst.feed(ArraySlice(Array(text.utf8)), through: &utf8)
    }

    @Test func printableRunsBecomeTextAndOtherCharactersStayKeys() {
        var burst = TextBurst(limit: 100)
        var utf8 = UTF8Assembler()
        #expect(feed(&burst, "张三\t13912345678\r", &utf8) == nil)
        #expect(burst.take() == [.text("张三"), .other(.scalar("\t")), .text("13912345678"), .other(.scalar("\r"))])
        #expect(burst.take() == [])
    }

    @Test func aRunIsCutAtTheLimitAcrossReadsAndANewRunStartsAfterAKey() {
        var burst = TextBurst(limit: 3)
        var utf8 = UTF8Assembler()
        _ = feed(&burst, "王王", &utf8)
        #expect(burst.take() == [.text("王王")])
        // The same run goes on in the next read: one more character fits, the rest is dropped.
        _ = feed(&burst, "王王王", &utf8)
        #expect(burst.take() == [.text("王")])
        _ = feed(&burst, "王王王王", &utf8)
        #expect(burst.take() == [])
        _ = feed(&burst, "\t李李李李", &utf8)
        #expect(burst.take() == [.other(.scalar("\t")), .text("李李李")])
    }

    @Test func aCharacterSplitBetweenReadsIsWhole() {
        var burst = TextBurst(limit: 10)
        var utf8 = UTF8Assembler()
        let bytes = Array("王李".utf8)
        #expect(burst.feed(ArraySlice(bytes[0..<4]), through: &utf8) == nil)
        #expect(burst.take() == [.text("王")])
        #expect(burst.feed(ArraySlice(bytes[4...]), through: &utf8) == nil)
        #expect(burst.take() == [.text("李")])
    }

    @Test func anEscapeStopsTheBurstWhereItStands() {
        var burst = TextBurst(limit: 10)
        var utf8 = UTF8Assembler()
        #expect(feed(&burst, "ab\u{1B}[Acd", &utf8) == 2)
        #expect(burst.take() == [.text("ab")])
        // An unfinished character cut off by the escape is reported, not lost silently.
        let cut = ArraySlice(Array("王".utf8).prefix(2) + [0x1B])
        #expect(burst.feed(cut, through: &utf8) == 2)
        #expect(burst.take() == [.other(.invalid)])
    }

    @Test func invalidBytesAndDeleteAreNotText() {
        var burst = TextBurst(limit: 10)
        var utf8 = UTF8Assembler()
        #expect(burst.feed([0x61, 0xFF, 0x7F, 0x62], through: &utf8) == nil)
        #expect(burst.take() == [.text("a"), .other(.invalid), .other(.scalar("\u{7F}")), .text("b")])
    }
}
