import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Issue 17 item 14: at 80×24 every screen shows all its content; where it cannot fit, it scrolls.
struct ScreensAt80x24Tests {
    /// Home with figures like the demo community's (so the score has points in most items).
    static func busyHome() -> AppState {
        var state = homeState(width: 80, height: 24)
        var facts = ScoreFacts()
        facts[.labourForce] = 900
        facts[.registered] = 48
        facts[.participants] = 47
        _ = reduce(&state, .factsLoaded(facts, Counts(persons: 48, services: 91, activities: 4)))
        return state
    }

    @Test func theScorePanelShowsAllEighteenItemsBesideTheWholeHomeText() {
        var state = Self.busyHome()
        press(&state, [.function(4)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "                                               ┌─ 评分 9/100 ──────────────────┐",
            "  八一路社区  八一路街道 · 城东区              │劳动者创业参与率达到7%  ░  0/15│",
            "  考核期 2024-01-01..2024-12-31                │创业带动就业指数达到3      0/15│",
            "  城镇劳动者 40 人                             │成立创建工作领导小组    ██  2/2│",
            "                                               │工作制度健全并执行          0/2│",
            "  摸底登记 48 人    服务记录 91 条             │创建工作方案                0/3│",
            "  工作记录 4 条                                │三项补贴享受率100%          0/6│",
            "  评分（西宁市创建创业型社区评分表）：         │建立摸底台账            ██  2/2│",
            "  总分 9 / 100                                 │创业培训率100%              0/8│",
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
            "                                               │※台账资料完备           ██  4/4│",
            "                                               └───────────────────────────────┘",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }

    /// The same panel where the terminal is not UTF-8 (or NO_COLOR): two-cell ASCII gauges.
    @Test func thePanelsGaugesInASCIIAt80x24() {
        var state = Self.busyHome()
        state.asciiGauges = true
        press(&state, [.function(4)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "                                               ┌─ 评分 9/100 ──────────────────┐",
            "  八一路社区  八一路街道 · 城东区              │劳动者创业参与率达到7%  +- 0/15│",
            "  考核期 2024-01-01..2024-12-31                │创业带动就业指数达到3   -- 0/15│",
            "  城镇劳动者 40 人                             │成立创建工作领导小组    ##  2/2│",
            "                                               │工作制度健全并执行      --  0/2│",
            "  摸底登记 48 人    服务记录 91 条             │创建工作方案            --  0/3│",
            "  工作记录 4 条                                │三项补贴享受率100%      --  0/6│",
            "  评分（西宁市创建创业型社区评分表）：         │建立摸底台账            ##  2/2│",
            "  总分 9 / 100                                 │创业培训率100%          --  0/8│",
            "  各台账没有发现问题                           │培训合格率100%          --  0/4│",
            "                                               │培训后创业率达30%       --  0/2│",
            "     1  新增摸底登记      7  评分计划          │开设创业服务窗口        --  0/2│",
            "     2  新增服务记录      s  评分明细          │每人2次以上创业服务     -- 0/16│",
            "     3  新增工作记录      8  评选              │创业宣传活动3次以上     --  0/3│",
            "     4  浏览台账          9  操作员统计        │树立创业典型1名以上     #-  1/2│",
            "     5  数据检查          o  督导总览          │※推荐入园孵化1家以上    --  0/6│",
            "     6  社区档案与自评    q  退出              │※创业指导专家队伍/协作机制     │",
            "                                               │                        --  0/4│",
            "                                               │※工作创新               --  0/4│",
            "                                               │※台账资料完备           ##  4/4│",
            "                                               └───────────────────────────────┘",
            "",
            " 按数字键选择功能  e导出评分表  F1帮助  q退出 F4评分",
        ])
    }

    @Test func theScoreDetailShowsAllEighteenItemsAndTheSelectedOnesReason() {
        var state = Self.busyHome()
        press(&state, [.character("s")] + Array(repeating: .down, count: 17))
        expectScreen(render(state), [
              " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
              " 西宁市创建创业型社区评分表：总分 9/100（Enter 查看相关记录）",
              " 劳动者创业参与率达到7%            0/15 ░░░░░    5.22%（47/900）",
              " 创业带动就业指数达到3             0/15          —（0/0）",
              " 成立创建工作领导小组               2/2 ████████ 已成立并切实履职",
              " 工作制度健全并执行                 0/2          未自评",
              " 创建工作方案                       0/3          未自评",
              " 三项补贴享受率100%                 0/6          0/0，0/0，0/0",
              " 建立摸底台账                       2/2 ████████ 48",
              " 创业培训率100%                     0/8          —（0/0）",
              " 培训合格率100%                     0/4          —（0/0）",
              " 培训后创业率达30%                  0/2          —（0/0）",
              " 开设创业服务窗口                   0/2          未自评",
              " 每人2次以上创业服务               0/16          —（0/0）",
              " 创业宣传活动3次以上                0/3          0",
              " 树立创业典型1名以上                1/2 ████     0",
              " ※推荐入园孵化1家以上               0/6          0",
              " ※创业指导专家队伍/协作机制         0/4          未自评",
              " ※工作创新                          0/4          未自评",
              " ※台账资料完备                      4/4 ████████ 错误0，警告0",
              " 要求：0 错误、0 未确认警告（Enter 列出有问题的记录）　各台账无错误、无未确认警",
              " 告，得满分",
              "",
              " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
    }

    @Test func theOverviewShowsTheProblemsColumn() {
        var state = Self.busyHome()
        press(&state, [.character("o")])
        var problems = ScoreFacts()
        problems[.labourForce] = 10
        problems[.errorRecords] = 3
        problems[.warningRecords] = 53
        let other = Community(code: "630102002", name: "南关社区", street: "八一路街道", district: "城东区", labourForce: 10,
                              period: testCommunity.period)
        _ = reduce(&state, .overviewLoaded([CommunityFigures(community: testCommunity, facts: ScoreFacts(), persons: 0, services: 0),
                                            CommunityFigures(community: other, facts: problems, persons: 3, services: 5)]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 督导总览：1个街道，2个社区（←→ 排序，Enter 街道或社区的台账，a 全区） ──────┐",
            "│街道 / 社区   社区数 劳动者   参与率  带动  当前↓  自评  初评  状态     问题  │",
            "│八一路街道    2      50       0.00%   0.00  0※                 已交0/2  56    │",
            "│  八一路社区         40       0.00%   0.00  3                  未提交         │",
            "│  南关社区           10       0.00%   0.00  1                  未提交   56    │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " ↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助",
        ])
    }

    @Test func helpLinesWrapInsteadOfBeingCutAtTheRightEdge() {
        var state = Self.busyHome()
        press(&state, [.character("1"), .function(1)])
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            "┌─ 帮助：创业摸底登记 ─────────────────────────────────────────────────────────┐",
            "│ Tab / Enter   下一项（离开一项时显示该项的提示）                             │",
            "│ Shift-Tab     上一项                                                         │",
            "│ PgDn / PgUp   下一页 / 上一页（摸底登记有三页：基本信息、创业情况、培训与补  │",
            "│               贴）                                                           │",
            "│ ↑ / ↓         在选项或查询结果中移动；没有选项时切换项目                     │",
            "│ F2 或 Ctrl-S  保存（有错误不能保存，光标跳到第一个错误）                     │",
            "│ F3            保存并继续下一条                                               │",
            "│ Esc           返回（有未保存的内容时询问；草稿会自动保存，下次启动可恢复）   │",
            "│ F4            显示 / 隐藏评分面板（宽度小于100列时）                         │",
            "│                                                                              │",
            "│ 编辑一项：←/→ 移动  Home/End 或 Ctrl-A/Ctrl-E 到行首/行尾  Backspace/Delete  │",
            "│ 删除  Ctrl-K 删除到行尾  Ctrl-U 删除到行首  Ctrl-W 删除前一个词  空格 切换   │",
            "│ “是/否”                                                                      │",
            "│ 选项项目可输入代码、名称、开头几个字或拼音首字母（如 dxbk = 大学本科），Tab  │",
            "│ 确认。                                                                       │",
            "│ 日期可写作 2024-03-15、2024/3/15、20240315 或 2024年3月15日。                │",
            "│                                                                              │",
            "│ 标记：✓ 正确  ! 警告（可填写理由后保存）  ✗ 错误（必须改正）。评分面板中 ※   │",
            "│ 为推定的评分项。                                                             │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
            " 按任意键返回",
        ])
    }

    /// Every screen reachable from home, at 80×24: nothing is cut with an ellipsis and every line is 80 wide.
    @Test(arguments: ["", "1", "2", "3", "4", "4\t", "4\t\t", "5", "6", "s", "o", "\u{1}"])
    func noScreenCutsItsText(keys: String) {
        var state = Self.busyHome()
        for ch in keys { press(&state, [ch == "\u{1}" ? .function(1) : ch == "\t" ? .tab : .character(ch)]) }
        _ = reduce(&state, .pageLoaded(.survey, [row(1, "张三")]))
        _ = reduce(&state, .checksLoaded([CheckItem(register: .survey, id: 3, field: "phone", severity: .error, message: "联系电话格式不对",
                                                    code: "phone.format")]))
        let lines = render(state).lines
        for (i, line) in lines.enumerated() {
            #expect(DisplayWidth.of(line) == 80)
            #expect(!line.contains("…"), "line \(i) is cut: \(line)")
        }
    }
}
