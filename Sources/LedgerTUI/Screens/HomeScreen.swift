import LedgerCore
import TerminalUI

enum HomeScreen {
    static let menu = [("1", "新增摸底登记"), ("2", "新增服务记录"), ("3", "新增工作记录"), ("4", "浏览台账"),
                       ("5", "数据检查"), ("6", "社区档案与自评"), ("s", "评分明细"), ("o", "督导总览"),
                       ("e", "导出评分表（Excel）"), ("F1", "帮助"), ("q", "退出")]

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard let c = state.community else { return }
        var y = rect.y + 1
        buffer.put("\(c.name)  \(c.street) · \(c.district)", x: rect.x + 2, y: y, style: .title, maxWidth: rect.width - 4)
        y += 1
        buffer.put("考核期 \(c.period)    城镇劳动者 \(c.labourForce) 人", x: rect.x + 2, y: y, maxWidth: rect.width - 4)
        y += 2
        let counts = state.counts
        buffer.put("摸底登记 \(counts.persons) 人    服务记录 \(counts.services) 条    工作记录 \(counts.activities) 条",
                   x: rect.x + 2, y: y, maxWidth: rect.width - 4)
        y += 1
        if let cards = state.scoreCards() {
            buffer.put("评分（\(cards.saved.rubricTitle)）：总分 \(cards.saved.total) / \(cards.saved.max)", x: rect.x + 2, y: y,
                       style: .title, maxWidth: rect.width - 4)
        }
        y += 1
        let errors = state.facts[.errorRecords], warnings = state.facts[.warningRecords]
        let problems = errors + warnings == 0 ? "各台账没有发现问题" : "有错误的记录 \(errors) 条，有未确认警告的记录 \(warnings) 条"
        buffer.put(problems, x: rect.x + 2, y: y, style: errors > 0 ? .error : warnings > 0 ? .warning : .ok, maxWidth: rect.width - 4)
        y += 2
        for (key, title) in menu where y < rect.maxY {
            buffer.put(DisplayWidth.fit(key, 4, ellipsis: false, alignRight: true), x: rect.x + 2, y: y, style: .hint)
            buffer.put(title, x: rect.x + 8, y: y)
            y += 1
        }
        if state.communities.count > 1, y < rect.maxY {
            buffer.put("   c", x: rect.x + 2, y: y, style: .hint)
            buffer.put("切换社区", x: rect.x + 8, y: y)
        }
    }
}

enum HelpScreen {
    static let lines = [
        "主菜单：1 新增摸底登记  2 新增服务记录  3 新增工作记录  4 浏览台账  5 数据检查",
        "        6 社区档案与自评  F1 帮助  q 退出  c 切换社区（多个社区时）",
        "        e 导出Excel：主界面导出自评评分表，浏览台账时导出该台账（打印格式）",
        "",
        "录入表单：",
        "  Tab / Enter     下一项（离开一项时显示该项的提示）",
        "  Shift-Tab       上一项",
        "  PgDn / PgUp     下一页 / 上一页（摸底登记有三页：基本信息、创业情况、培训与补贴）",
        "  ↑ / ↓           在选项或查询结果中移动；没有选项时切换项目",
        "  F2 或 Ctrl-S    保存（有错误不能保存，光标跳到第一个错误）",
        "  F3              保存并继续下一条（服务记录保留日期、经办人、服务方式）",
        "  Esc             返回（有未保存的内容时询问；草稿会自动保存，下次启动可恢复）",
        "  F4              显示 / 隐藏评分面板（宽度小于100列时）",
        "",
        "编辑一项：←/→ 移动  Home/End 或 Ctrl-A/Ctrl-E 到行首/行尾  Backspace/Delete 删除",
        "          Ctrl-K 删除到行尾  Ctrl-U 删除到行首  Ctrl-W 删除前一个词  空格 切换“是/否”",
        "选项项目可输入代码、名称、开头几个字或拼音首字母（如 dxbk = 大学本科），Tab 确认。",
        "日期可写作 2024-03-15、2024/3/15、20240315 或 2024年3月15日。",
        "",
        "标记：✓ 正确  ! 警告（可填写理由后保存）  ✗ 错误（必须改正）。评分面板中 ※ 为推定的评分项。",
    ]

    static func draw(in rect: Rect, into buffer: inout Buffer) {
        let inner = Panel.draw("帮助", in: rect, into: &buffer)
        for (i, line) in lines.enumerated() where i < inner.height {
            buffer.put(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1)
        }
    }
}
