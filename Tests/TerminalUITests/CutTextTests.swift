import Testing
@testable import TerminalUI

/// Text cut to its room always ends in `…` (a reader must know something is missing), through the one helper
/// every cut goes through.
struct CutTextTests {
    @Test(arguments: [
        ("自评提交后台账又修改了 14 处", 12, "自评提交后…"),
        ("自评提交后台账又修改了 14 处", 11, "自评提交后…"),
        ("abcdef", 6, "abcdef"),
        ("abcdefg", 6, "abcde…"),
        ("王王王", 1, "…"),
    ] as [(String, Int, String)])
    func shortenedEndsInAnEllipsis(text: String, columns: Int, expected: String) {
        #expect(DisplayWidth.shortened(text, columns) == expected)
        #expect(DisplayWidth.of(DisplayWidth.shortened(text, columns)) <= columns)
    }

    @Test func putMarksACutAtItsRoomAndAtTheEdge() {
        var buffer = Buffer(width: 20, height: 2)
        buffer.put("删除第3号记录（王王王王王王）", x: 0, y: 0, maxWidth: 14)
        buffer.put("查无此人（待社区更正）", x: 4, y: 1)
        #expect(buffer.trimmedLines == ["删除第3号记录…", "    查无此人（待社…"])
    }

    @Test func textThatFitsIsDrawnWhole() {
        var buffer = Buffer(width: 10, height: 1)
        #expect(buffer.put("王王王王王", x: 0, y: 0) == 10)
        #expect(buffer.trimmedLines == ["王王王王王"])
    }
}
