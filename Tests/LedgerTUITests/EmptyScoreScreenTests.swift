import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// The score screen of a community with nothing in its registers: an item whose group is empty shows 0 with an
/// empty gauge, and its detail line says why (`无符合条件的人员：…为0，未计分`), where it once showed 6/6 and 4/4.
struct EmptyScoreScreenTests {
    @Test func theSubsidiesOfAnEmptyRegisterSayWhyTheyScoreNothingAt80x24() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("s")] + Array(repeating: .down, count: 5))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31 操作员 王芳",
            " 西宁市创建创业型社区评分表：总分 3/100（Enter 查看相关记录）",
            " 劳动者创业参与率达到7%            0/15          0%（0/40）",
            " 创业带动就业指数达到3             0/15          —（0/0）",
            " 成立创建工作领导小组               2/2 ████████ 已成立并切实履职",
            " 工作制度健全并执行                 0/2          未自评",
            " 创建工作方案                       0/3          未自评",
            " 三项补贴享受率100%                 0/6          0/0，0/0，0/0",
            " 建立摸底台账                       0/2          0",
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
            " ※台账资料完备                      0/4          错误0，警告0",
            " 要求：各项享受率 100%　无符合条件的人员：首次创业补贴、创业一次性奖励、岗位开",
            " 发补贴符合条件人数为0，未计分",
            "",
            " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
    }

    /// Enter on it says there is nothing to list, not that it is judged by hand.
    @Test func enterOnAComputedItemWithNothingToListSaysSo() {
        var state = homeState(width: 80, height: 24)
        press(&state, [.character("s")] + Array(repeating: .down, count: 5) + [.enter])
        #expect(state.message == "此项没有需要列出的台账记录")
        press(&state, [.up, .up, .up, .enter]) // 成立创建工作领导小组
        #expect(state.message == "此项为自评项，没有对应的台账记录")
    }

    @Test func theRecordsItemOfAnEmptyRegisterSaysWhyAt120x40() {
        var state = homeState(width: 120, height: 40)
        press(&state, [.character("s")] + Array(repeating: .down, count: 17))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                                         操作员 王芳",
            " 西宁市创建创业型社区评分表：总分 3/100（Enter 查看相关记录）",
            " 劳动者创业参与率达到7%            0/15          0%（0/40）",
            " 创业带动就业指数达到3             0/15          —（0/0）",
            " 成立创建工作领导小组               2/2 ████████ 已成立并切实履职",
            " 工作制度健全并执行                 0/2          未自评",
            " 创建工作方案                       0/3          未自评",
            " 三项补贴享受率100%                 0/6          0/0，0/0，0/0",
            " 建立摸底台账                       0/2          0",
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
            " ※台账资料完备                      0/4          错误0，警告0",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " 要求：0 错误、0 未确认警告（Enter 列出摸底登记人数）　无符合条件的人员：摸底登记人数为0，未计分",
            "",
            "",
            " ↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助",
        ])
    }
}
