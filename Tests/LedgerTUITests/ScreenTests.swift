import Foundation
import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

struct ScreenTests {
    @Test func homeAt80x24HidesThePanelAndListsTheMenu() {
        expectScreen(render(homeState(width: 80, height: 24)), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "",
            "  八一路社区  八一路街道 · 城东区",
            "  考核期 2024-01-01..2024-12-31    城镇劳动者 40 人",
            "",
            "  摸底登记 0 人    服务记录 0 条    工作记录 0 条",
            "  评分（西宁市创建创业型社区评分表）：总分 3 / 100",
            "  各台账没有发现问题",
            "",
            "     1  新增摸底登记",
            "     2  新增服务记录",
            "     3  新增工作记录",
            "     4  浏览台账",
            "     5  数据检查",
            "     6  社区档案与自评",
            "     7  评分计划",
            "     s  评分明细",
            "     8  评选",
            "     9  操作员统计",
            "     o  督导总览",
            "     q  退出",
            "",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }

    @Test func f4ShowsThePanelOnNarrowScreens() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.function(4)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "                                               ┌─ 评分 3/100 ──────────────────┐",
            "  八一路社区  八一路街道 · 城东区              │劳动者创业参与率达到7%     0/15│",
            "  考核期 2024-01-01..2024-12-31                │创业带动就业指数达到3      0/15│",
            "  城镇劳动者 40 人                             │成立创建工作领导小组    ██  2/2│",
            "                                               │工作制度健全并执行          0/2│",
            "  摸底登记 0 人    服务记录 0 条               │创建工作方案                0/3│",
            "  工作记录 0 条                                │三项补贴享受率100%          0/6│",
            "  评分（西宁市创建创业型社区评分表）：         │建立摸底台账                0/2│",
            "  总分 3 / 100                                 │创业培训率100%              0/8│",
            "  各台账没有发现问题                           │培训合格率100%              0/4│",
            "                                               │培训后创业率达30%           0/2│",
            "     1  新增摸底登记      7  评分计划          │开设创业服务窗口            0/2│",
            "     2  新增服务记录      s  评分明细          │每人2次以上创业服务        0/16│",
            "     3  新增工作记录      8  评选              │创业宣传活动3次以上         0/3│",
            "     4  浏览台账          9  操作员统计        │树立创业典型1名以上     █   1/2│",
            "     5  数据检查          o  督导总览          │※推荐入园孵化1家以上        0/6│",
            "     6  社区档案与自评    q  退出              │※创业指导专家队伍/协作机制     │",
            "                                               │                            0/4│",
            "                                               │※工作创新                   0/4│",
            "                                               │※台账资料完备               0/4│",
            "                                               └───────────────────────────────┘",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }

    @Test func formLabelsAlignByDisplayWidthAndThePanelMarksChanges() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab] + type("30") + [.tab]
              + type("城镇") + [.tab] + type("13700001234") + [.tab] + type("其他") + [.tab] + type("有") + [.tab])
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", []))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴             ┌─ 评分 3→9 (+6) ───────────────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "                   *姓名 ✓ 赵敏                                    │创业带动就业指数达到3      0/15│",
            "           *公民身份号码 ✓ 630102200002290139                      │成立创建工作领导小组    ██  2/2│",
            "               *文化程度 ✓ 30 大学专科                             │工作制度健全并执行          0/2│",
            "               *户籍性质 ✓ 城镇                                    │创建工作方案                0/3│",
            "               *联系电话 ✓ 13700001234                             │三项补贴享受率100%          0/6│",
            "               *人员类别 ✓ 其他                                    │建立摸底台账        ██ 0→2 (+2)│",
            "               *创业状态 ✓ 有创业意愿                              │创业培训率100%              0/8│",
            "               *摸底日期   2024-12-31                              │培训合格率100%              0/4│",
            "                    民族                                           │培训后创业率达30%           0/2│",
            "              现居住地址                                           │开设创业服务窗口            0/2│",
            "                                                                   │每人2次以上创业服务        0/16│",
            "                                                                   │创业宣传活动3次以上         0/3│",
            "                                                                   │树立创业典型1名以上     █   1/2│",
            "                                                                   │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备       ██ 0→4 (+4)│",
            "                                                                   │                               │",
            "  日期：2024-03-15、2024/3/15、20240315 或 2024年3月15日           │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }

    @Test func aLongWarningWrapsUnderTheFieldInsteadOfLosingItsEnd() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("1")] + type("赵敏") + [.tab] + type("630102200002290139") + [.tab])
        _ = reduce(&state, .idNumberLookedUp("630102200002290139", [.init(id: 9, name: "赵敏", communityCode: "630102002",
                                                                          communityName: "城东区八一路街道南关社区")]))
        press(&state, [.backTab])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创业摸底登记  [1 基本信息]  2 创业情况   3 培训与补贴             ┌─ 评分 3/100（草稿未计入） ────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "                   *姓名 ✓ 赵敏                                    │创业带动就业指数达到3      0/15│",
            "           *公民身份号码 ! 630102200002290139                      │成立创建工作领导小组    ██  2/2│",
            "               *文化程度 ✗                                         │工作制度健全并执行          0/2│",
            "               *户籍性质                                           │创建工作方案                0/3│",
            "               *联系电话                                           │三项补贴享受率100%          0/6│",
            "               *人员类别                                           │建立摸底台账                0/2│",
            "               *创业状态                                           │创业培训率100%              0/8│",
            "               *摸底日期   2024-12-31                              │培训合格率100%              0/4│",
            "                    民族                                           │培训后创业率达30%           0/2│",
            "              现居住地址                                           │开设创业服务窗口            0/2│",
            "                                                                   │每人2次以上创业服务        0/16│",
            "                                                                   │创业宣传活动3次以上         0/3│",
            "                                                                   │树立创业典型1名以上     █   1/2│",
            "                                                                   │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "  ! 此人已在城东区八一路街道南关社区（630102002）登记（赵敏），请  │                               │",
            "  确认是否重复                                                     │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            " 文化程度：请填写文化程度，可选：10 研究生、20 大学本科、30 大学专科、40 中等职业教育、60 普通高中、",
            " 70 初中、80 小学、90 其他",
            " Tab下一项 Shift-Tab上一项 PgDn翻页 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }

    @Test func everyLineFitsTheWidthExactly() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("1")] + type("买买提·艾力阿不都热合曼") + [.tab])
        let buffer = render(state)
        for line in buffer.lines { #expect(DisplayWidth.of(line) == 80) }
    }
}

struct BufferTests {
    /// Never half a wide glyph: the cut before it is marked (`…`), and one that crosses an edge otherwise (drawn
    /// from left of the buffer) becomes a space.
    @Test func wideGlyphCrossingTheEdgeIsNeverHalfDrawn() {
        var b = Buffer(width: 5, height: 1)
        b.put("ab张三", x: 0, y: 0)
        #expect(b.lines == ["ab张…"])
        #expect(b[3, 0].isContinuation)
        b.put("三三", x: -1, y: 0)
        #expect(b.lines == ["a三 …"])
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
