import Testing
@testable import TerminalUI

/// Pins the width table; the values are what xterm/tmux draw with a UTF-8 locale (glibc wcwidth agrees).
struct DisplayWidthTests {
    @Test(arguments: [("a", 1), ("张", 2), ("，", 2), ("。", 2), ("Ａ", 2), ("１", 2), ("·", 1), ("…", 1), ("é", 1),
                      ("e\u{301}", 1), ("\u{200B}", 0), ("\t", 0), ("한", 2), ("ア", 2), ("😀", 2), ("※", 1), ("─", 1), ("【", 2)])
    func characterWidths(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func stringWidthAddsUp() {
        #expect(DisplayWidth.of("张三 13912345678") == 16)
        #expect(DisplayWidth.of("买买提·艾力") == 11)
    }

    @Test func fitPadsAndCutsByColumnsNeverSplittingAWideCharacter() {
        #expect(DisplayWidth.fit("张三", 6) == "张三  ")
        #expect(DisplayWidth.fit("张三", 6, alignRight: true) == "  张三")
        #expect(DisplayWidth.fit("创业服务统计台账", 7) == "创业服…")
        #expect(DisplayWidth.fit("创业服务统计台账", 8) == "创业服… ")
        #expect(DisplayWidth.fit("创业服务", 5, ellipsis: false) == "创业 " )
        #expect(DisplayWidth.of(DisplayWidth.fit("创业服务统计台账", 7)) == 7)
    }

    /// A table column keeps its last cell blank: a name as wide as the column is cut rather than touching the next.
    @Test func aColumnKeepsAGapAfterItsValue() {
        #expect(DisplayWidth.column("测试东关社区", 12) == "测试东关社… ")
        #expect(DisplayWidth.column("测试东关社区", 13) == "测试东关社区 ")
        #expect(DisplayWidth.column("张三", 8) == "张三    ")
        #expect(DisplayWidth.column("15", 6, alignRight: true) == "   15 ")
        #expect(DisplayWidth.column("张", 1) == " " && DisplayWidth.column("张", 0) == "")
        #expect(DisplayWidth.of(DisplayWidth.column("测试南川社区改名后很长的名字", 11)) == 11)
    }

    @Test func wrapBreaksByColumnsAndMarksWhatIsLeftOver() {
        #expect(DisplayWidth.wrap("此人已在南关社区登记", 8, maxLines: 3) == ["此人已在", "南关社区", "登记"])
        #expect(DisplayWidth.wrap("ab张三", 3, maxLines: 3) == ["ab", "张", "三"])
        #expect(DisplayWidth.wrap("此人已在南关社区登记", 8, maxLines: 2) == ["此人已在", "南关社…"])
        #expect(DisplayWidth.wrap("短", 8, maxLines: 2) == ["短"])
        #expect(DisplayWidth.wrap("", 8, maxLines: 2).isEmpty)
        for line in DisplayWidth.wrap(String(repeating: "公民身份号码a", count: 40), 9, maxLines: 50) { #expect(DisplayWidth.of(line) <= 9) }
    }
}
