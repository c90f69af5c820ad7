import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 24 item 5: with more communities than fit, the selected one stays inside the panel.
struct CommunityListScrollTests {
    static func communities(_ n: Int) -> [Community] {
        (1...n).map { i in
            Community(code: "630102\(String(format: "%03d", i))", name: "第\(i)社区", street: "八一路街道", district: "城东区",
                      labourForce: 10, period: testCommunity.period)
        }
    }

    static func chooser(width: Int, height: Int) -> AppState {
        var state = AppState(width: width, height: height, operatorName: "王芳", today: testToday, rubrics: rubrics())
        _ = reduce(&state, .communitiesLoaded(communities(40)))
        return state
    }

    static func listLines(_ codes: ClosedRange<Int>, width: Int) -> [String] {
        codes.map { i in
            let text = "630102\(String(format: "%03d", i))  第\(i)社区  八一路街道  城东区"
            return " │" + DisplayWidth.fit(text, width - 4) + "│"
        }
    }

    @Test func at80x24TheSelectionScrollsWithinTheSeventeenRowsThePanelHas() {
        var state = Self.chooser(width: 80, height: 24)
        press(&state, Array(repeating: .down, count: 17))
        let buffer = render(state)
        expectScreen(buffer, [
            " 创业台账                                                           操作员 王芳",
            "",
            " ┌─ 选择社区 " + String(repeating: "─", count: 65) + "┐",
        ] + Self.listLines(2...18, width: 80) + [
            " └" + String(repeating: "─", count: 76) + "┘",
            "",
            "",
            " ↑↓选择  Enter进入  o督导总览  F1帮助  q退出",
        ])
        #expect(selectedLine(buffer) == Self.listLines(18...18, width: 80)[0])
    }

    @Test func at120x36TheSelectionScrollsWithinTheTwentyNineRowsThePanelHas() {
        var state = Self.chooser(width: 120, height: 36)
        press(&state, Array(repeating: .down, count: 35))
        let buffer = render(state)
        expectScreen(buffer, [
            " 创业台账" + String(repeating: " ", count: 99) + "操作员 王芳",
            "",
            " ┌─ 选择社区 " + String(repeating: "─", count: 105) + "┐",
        ] + Self.listLines(8...36, width: 120) + [
            " └" + String(repeating: "─", count: 116) + "┘",
            "",
            "",
            " ↑↓选择  Enter进入  o督导总览  F1帮助  q退出",
        ])
        #expect(selectedLine(buffer) == Self.listLines(36...36, width: 120)[0])
        // Back up: the selection moves to the top row before the list scrolls.
        press(&state, Array(repeating: .up, count: 29))
        #expect(selectedLine(render(state)) == Self.listLines(7...7, width: 120)[0])
    }
}

struct ListViewTests {
    @Test func theSelectedRowIsDrawnWhateverOffsetTheCallerKept() {
        // A caller that scrolled for 18 rows draws into 17: the selection must still show.
        var list = ListState()
        list.move(17, count: 40, visibleRows: 18)
        #expect(list.offset == 0)
        #expect(ListView.visibleOffset(list, count: 40, height: 17) == 1)
        var buffer = Buffer(width: 10, height: 17)
        ListView.draw((0..<40).map { "行\($0)" }, state: list, in: Rect(x: 0, y: 0, width: 10, height: 17), into: &buffer)
        #expect(buffer.trimmedLines.last == "行17")
        #expect(buffer[0, 16].style == .focus)
    }
}
