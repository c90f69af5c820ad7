import Testing
import TerminalUI

/// Lines break between Chinese characters, but not inside a number, a date or a Latin word, nor before closing or
/// after opening punctuation (a fresh-eyes clerk read `…晚于今天（2026-12` / `-07）` on the message line).
@Suite struct WrapTests {
    @Test func aDateOrANumberIsNotSplitAcrossLines() {
        #expect(DisplayWidth.wrap("摸底日期晚于今天（2026-12-07）", 24, maxLines: 3) == ["摸底日期晚于今天", "（2026-12-07）"])
        #expect(DisplayWidth.wrap("如 0971-6123456 或手机", 12, maxLines: 3) == ["如 ", "0971-6123456", " 或手机"])
    }

    @Test func punctuationStaysWithItsText() {
        // Without the rule: ["网店可不填", "）"] and ["得15分（", "+15）"]
        #expect(DisplayWidth.wrap("（网店可不填）", 12, maxLines: 2) == ["（网店可不", "填）"])
        #expect(DisplayWidth.wrap("得15分（+15）", 10, maxLines: 2) == ["得15分", "（+15）"])
    }

    @Test func aRunLongerThanTheLineIsCutWhereItMust() {
        #expect(DisplayWidth.wrap("12345678901234", 6, maxLines: 3) == ["123456", "789012", "34"])
        #expect(DisplayWidth.wrap("王王王王王王", 4, maxLines: 5) == ["王王", "王王", "王王"])
    }
}
