import LedgerCore
import Testing
import TerminalUI
@testable import LedgerTUI

/// Person fields show whom they name, and 创业典型 finds its person like a service does (issue 17.9).
struct PersonFieldTests {
    let number = "630102199003070116"

    @Test func aChosenServicePersonShowsTheNameBesideTheNumber() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("2")] + type("zs"))
        _ = reduce(&state, .personsFound(query: "zs", [PersonHit(id: 1, name: "张三", idNumber: number, status: "有创业意愿")]))
        press(&state, [.tab])
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创业服务记录                                                      ┌─ 评分 3/100（草稿未计入） ────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "               *服务对象 ✓ 630102199003070116  张三                │创业带动就业指数达到3      0/15│",
            "               *服务日期   2024-12-31                              │成立创建工作领导小组    ██  2/2│",
            "               *服务类型                                           │工作制度健全并执行          0/2│",
            "               *服务方式   窗口                                    │创建工作方案                0/3│",
            "               *服务内容                                           │三项补贴享受率100%          0/6│",
            "                服务结果                                           │建立摸底台账                0/2│",
            "                 *经办人   王芳                                    │创业培训率100%              0/8│",
            "                    备注                                           │培训合格率100%              0/4│",
            "                                                                   │培训后创业率达30%           0/2│",
            "                                                                   │开设创业服务窗口            0/2│",
            "                                                                   │每人2次以上创业服务        0/16│",
            "                                                                   │创业宣传活动3次以上         0/3│",
            "                                                                   │树立创业典型1名以上     █   1/2│",
            "                                                                   │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "  日期：2024-03-15、2024/3/15、20240315 或 2024年3月15日           │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }

    @Test func aRoleModelsPersonIsSearchedByNameInitialsOrDigits() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("3"), .tab] + type("创业典型") + [.tab] + type("返乡创业") + [.tab])
        #expect(state.form?.focus == "person_id")
        #expect(press(&state, type("z")).contains(.searchPersons(community: "630102001", query: "z")))
        _ = reduce(&state, .personsFound(query: "z", [PersonHit(id: 1, name: "张三", idNumber: number, status: "已创业")]))
        press(&state, [.tab])
        #expect(state.form?.values["person_id"] == number)
        _ = reduce(&state, .idNumberLookedUp(number, [.init(id: 1, name: "张三", communityCode: "630102001")]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创建工作记录                                                      ┌─ 评分 3/100 ──────────────────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "                   *日期   2024-12-31                              │创业带动就业指数达到3      0/15│",
            "                   *类型 ✓ 创业典型                                │成立创建工作领导小组    ██  2/2│",
            "                   *名称 ✓ 返乡创业                                │工作制度健全并执行          0/2│",
            "        关联人员身份证号 ✓ 630102199003070116  张三                │创建工作方案                0/3│",
            "                事迹材料                                           │三项补贴享受率100%          0/6│",
            "                佐证材料                                           │建立摸底台账                0/2│",
            "                                                                   │创业培训率100%              0/8│",
            "                                                                   │培训合格率100%              0/4│",
            "                                                                   │培训后创业率达30%           0/2│",
            "                                                                   │开设创业服务窗口            0/2│",
            "                                                                   │每人2次以上创业服务        0/16│",
            "                                                                   │创业宣传活动3次以上         0/3│",
            "                                                                   │树立创业典型1名以上     █   1/2│",
            "                                                                   │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "  最多20000个字                                                    │                               │",
            "  已输入 0 字（创业典型事迹材料不少于500字才计入评分）             │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }

    /// A number typed in full needs no search result: it is kept as an ID number field kept it, a 15-digit one upgraded.
    @Test func aFullNumberTypedIntoAPersonFieldIsNormalised() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("3"), .tab] + type("创业典型") + [.tab] + type("返乡创业") + [.tab] + type("630102900307011") + [.tab])
        #expect(state.form?.values["person_id"] == number)
    }
}

extension PersonFieldTests {
    /// Digits typed to find a person are a query while matches are listed, not a short ID number to complain about.
    @Test func typingASearchShowsMatchesNotAnIdNumberError() {
        var state = homeState(width: 100, height: 30)
        press(&state, [.character("2")] + type("0116"))
        _ = reduce(&state, .personsFound(query: "0116", [PersonHit(id: 1, name: "张三", idNumber: number, status: "有创业意愿")]))
        expectScreen(render(state), [
            " 创业台账 │ 八一路社区（630102001） │ 考核期 2024-01-01..2024-12-31                     操作员 王芳",
            " 创业服务记录                                                      ┌─ 评分 3/100（草稿未计入） ────┐",
            "                                                                   │劳动者创业参与率达到7%     0/15│",
            "               *服务对象   0116                                    │创业带动就业指数达到3      0/15│",
            "               *服务日期   2024-12-31                              │成立创建工作领导小组    ██  2/2│",
            "               *服务类型                                           │工作制度健全并执行          0/2│",
            "               *服务方式   窗口                                    │创建工作方案                0/3│",
            "               *服务内容                                           │三项补贴享受率100%          0/6│",
            "                服务结果                                           │建立摸底台账                0/2│",
            "                 *经办人   王芳                                    │创业培训率100%              0/8│",
            "                    备注                                           │培训合格率100%              0/4│",
            "                                                                   │培训后创业率达30%           0/2│",
            "                                                                   │开设创业服务窗口            0/2│",
            "                                                                   │每人2次以上创业服务        0/16│",
            "                                                                   │创业宣传活动3次以上         0/3│",
            "                                                                   │树立创业典型1名以上     █   1/2│",
            "                                                                   │※推荐入园孵化1家以上        0/6│",
            "                                                                   │※创业指导专家队伍/协作机制     │",
            "                                                                   │                            0/4│",
            "                                                                   │※工作创新                   0/4│",
            "                                                                   │※台账资料完备               0/4│",
            "                                                                   │                               │",
            "  输入姓名、拼音首字母或身份证号末四位查找人员；↑↓ 选择，Tab 确认  │                               │",
            "  张三  630102********0116  有创业意愿                             │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   │                               │",
            "                                                                   └───────────────────────────────┘",
            "",
            " Tab下一项 Shift-Tab上一项 F2保存 F3存并继续 Esc返回 F1帮助",
        ])
    }
}
