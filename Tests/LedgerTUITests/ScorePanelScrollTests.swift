import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 14: a change in the score is never out of sight, even when the items do not all fit.
struct ScorePanelScrollTests {
    @Test func whenChangedItemsNeedTwoLinesThePanelScrollsToTheFirstChange() throws {
        let rubric = try #require(rubrics().first { $0.id == "xining-community" })
        var saved = ScoreFacts()
        saved[.labourForce] = 40
        saved[.registered] = 4
        saved[.errorRecords] = 1
        var preview = saved
        preview[.errorRecords] = 0   // correcting the last error changes 台账资料完备, the last item
        preview[.participants] = 3   // and 劳动者创业参与率 (its title and "0→15 (+15)" need two lines)
        let cards = (ScoreEngine.evaluate(rubric, facts: saved, checklist: [:]), Optional(ScoreEngine.evaluate(rubric, facts: preview, checklist: [:])))
        var buffer = Buffer(width: 33, height: 21)
        ScorePanel.draw(cards, draftNotCounted: false, in: Rect(x: 0, y: 0, width: 33, height: 21), into: &buffer)
        expectScreen(buffer, [
            "┌─ 评分 3→22 (+19) ─────────────┐",
            "│劳动者创业参与率达到7%         │",
            "│                  ██ 0→15 (+15)│",
            "│创业带动就业指数达到3      0/15│",
            "│成立创建工作领导小组        0/2│",
            "│工作制度健全并执行          0/2│",
            "│创建工作方案                0/3│",
            "│三项补贴享受率100%          0/6│",
            "│建立摸底台账            ██  2/2│",
            "│创业培训率100%              0/8│",
            "│培训合格率100%              0/4│",
            "│培训后创业率达30%           0/2│",
            "│开设创业服务窗口            0/2│",
            "│每人2次以上创业服务        0/16│",
            "│创业宣传活动3次以上         0/3│",
            "│树立创业典型1名以上     █   1/2│",
            "│※推荐入园孵化1家以上        0/6│",
            "│※创业指导专家队伍/协作机制     │",
            "│                            0/4│",
            "│※工作创新                   0/4│",
            "└─────────────────────────────↓─┘",
        ])
        // The panel holds every changed item it can: 台账资料完备 is further down, below the border arrow.
        #expect(ScorePanel.lines(cards, width: 31).filter(\.changed).count >= 3)
    }

    @Test func everyItemFitsAt80x24WithoutAChange() {
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
}
