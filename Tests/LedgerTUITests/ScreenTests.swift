import Foundation
import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

struct ScreenTests {
    @Test func homeAt80x24HidesThePanelAndListsTheMenu() {
        let lines = render(homeState(width: 80, height: 24)).trimmedLines
        #expect(lines[0].hasPrefix(" 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31"))
        #expect(lines[0].hasSuffix("操作员 王芳"))
        #expect(lines.contains("  八一路社区  八一路街道 · 城东区"))
        #expect(lines.contains("  评分（西宁市创建创业型社区评分表）：总分 13 / 100"))
        #expect(lines.contains("     1  新增摸底登记"))
        #expect(lines.contains("     6  社区档案与自评"))
        #expect(lines.contains("     7  评分计划"))
        #expect(lines[23] == " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分")
        #expect(!lines.joined().contains("┌─ 评分 "))
    }

    @Test func f4ShowsThePanelOnNarrowScreens() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.function(4)])
        #expect(render(state).trimmedLines.contains { $0.contains("┌─ 评分 13/100 ") })
    }

    @Test func formLabelsAlignByDisplayWidthAndThePanelMarksChanges() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab] + type("30") + [.tab]
              + type("城镇") + [.tab] + type("13700001234") + [.tab] + type("其他") + [.tab] + type("有") + [.tab])
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", []))
        let lines = render(state).trimmedLines
        #expect(lines[1].hasPrefix(" 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴"))
        // Labels are right-aligned in 24 columns whatever their length in characters.
        #expect(lines[3].hasPrefix("                   *姓名 ✓ 赵敏"))
        #expect(lines[4].hasPrefix("           *公民身份号码 ✓ 630102200002290139"))
        #expect(lines[5].hasPrefix("               *文化程度 ✓ 30 大学专科"))
        // The panel's part of each line: after its left border (the form beside it has CJK text, so no fixed
        // character count marks the border).
        let panel = lines.dropFirst().map { $0.components(separatedBy: "│").dropFirst().joined(separator: "│") }
        #expect(lines[1].contains("┌─ 评分 13→15 (+2) "))
        #expect(panel.contains { $0.contains("建立摸底台账") && $0.contains("0→2 (+2)") })
    }

    @Test func aLongWarningWrapsUnderTheFieldInsteadOfLosingItsEnd() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab])
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", [.init(id: 9, name: "赵敏", communityCode: "630102002",
                                                                          communityName: "城东区八一路街道南关社区")]))
        press(&state, [.backTab])
        let text = render(state).trimmedLines.map { $0.split(separator: "│").first.map(String.init) ?? $0 }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(text.contains("! 此人已在城东区八一路街道南关社区（630102002）登记（赵敏），请确认是否重复"), "\(text)")
    }

    @Test func everyLineFitsTheWidthExactly() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")] + type("买买提·艾力阿不都热合曼") + [.tab])
        let buffer = render(state)
        for line in buffer.lines { #expect(DisplayWidth.of(line) == 80) }
    }
}

struct BufferTests {
    @Test func wideGlyphCrossingTheEdgeBecomesASpace() {
        var b = Buffer(width: 5, height: 1)
        b.put("ab张三", x: 0, y: 0)
        #expect(b.lines == ["ab张 "])
        #expect(b[3, 0].isContinuation)
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var b = Buffer(width: 6, height: 1)
        b.put("张三", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.lines == [" x三  "])
        b.put("y", x: 2, y: 0)
        #expect(b.lines == [" xy   "])
    }

    @Test func changedSpansCoverWholeWideGlyphs() {
        var a = Buffer(width: 6, height: 2)
        a.put("张三", x: 0, y: 0)
        var b = a
        b.put("李", x: 2, y: 0)
        let spans = b.changedSpans(since: a)
        #expect(spans.count == 1)
        #expect(spans[0].y == 0 && spans[0].from == 2 && spans[0].to == 4)
        #expect(b.changedSpans(since: b).isEmpty)
    }
}

struct TextEditorTests {
    @Test func shellStyleEditing() {
        var e = TextEditor("张三丰")
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.text == "张丰" && e.cursor == 1)
        _ = e.handle(.control("a"))
        _ = e.handle(.character("老"))
        #expect(e.text == "老张丰")
        _ = e.handle(.control("k"))
        #expect(e.text == "老")
        _ = e.handle(.control("e"))
        for ch in " 李四" { _ = e.handle(.character(ch)) }
        _ = e.handle(.control("w"))
        #expect(e.text == "老 ")
        _ = e.handle(.control("u"))
        #expect(e.text == "" && e.cursor == 0)
    }

    @Test func cursorColumnCountsDisplayWidth() {
        var e = TextEditor("张三abc")
        _ = e.handle(.home)
        _ = e.handle(.right)
        _ = e.handle(.right)
        #expect(e.visible(width: 20).cursorColumn == 4)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let e = TextEditor(String(repeating: "创业", count: 20))
        let v = e.visible(width: 10)
        #expect(DisplayWidth.of(v.text) <= 10)
        #expect(v.cursorColumn == 8)
    }

    @Test func defaultIsReplacedByTyping() {
        var e = TextEditor("2024-12-31", replaceOnType: true)
        _ = e.handle(.character("2"))
        #expect(e.text == "2")
    }
}

struct FillTests {
    @Test func fillCuttingAWideGlyphBlanksItWhole() {
        var b = Buffer(width: 6, height: 1)
        b.put("张三李", x: 0, y: 0)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1))   // cuts 张 on the left and 三 on the right
        #expect(b.lines == ["    李"])
        #expect(DisplayWidth.of(b.lines[0]) == 6)
        #expect(!(0..<6).contains { b[$0, 0].isContinuation && (($0 == 0) || DisplayWidth.of(b[$0 - 1, 0].glyph) != 2) })
    }
}
