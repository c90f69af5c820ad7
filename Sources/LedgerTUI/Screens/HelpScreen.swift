import LedgerCore
import TerminalUI

/// Help scrolled so far; its text follows from the screen it was opened from.
public struct HelpState: Sendable {
    public var offset = 0
    public init(offset: Int = 0) { self.offset = offset }
}

/// F1: the keys of the screen it was pressed on, wrapped to the width (never cut at the edge) and scrolled
/// where they do not fit.
enum HelpScreen {
    static func title(_ state: AppState, _ screen: Screen) -> String {
        switch screen {
        case .loading, .home, .help: "帮助：主菜单"
        case .chooseCommunity: "帮助：选择社区"
        case .form(let form): "帮助：\(form.spec.title)"
        case .browser(let b): "帮助：浏览\(BrowserScreen.registerNames[b.register] ?? "")"
        case .history: "帮助：修改记录"
        case .checks: "帮助：数据检查"
        case .score(let s): s.evidence == nil ? "帮助：评分明细" : "帮助：评分项的相关记录"
        case .plan(let p): p.evidence == nil ? "帮助：评分计划" : "帮助：评分计划的相关人员"
        case .overview: "帮助：督导总览"
        case .evaluation: "帮助：评选（自评、初评与抽查）"
        case .district(let d): "帮助：\(d.scope.community == nil ? DistrictScreen.scopeName(state, d.scope) : "社区")台账（督导）"
        case .statistics: "帮助：操作员统计"
        }
    }

    /// A key and what it does, or (key nil) a line of text.
    struct Entry { let key: String?; let text: String }
    static let keyWidth = 14

    /// The home screen's keys; those that change the community (`HomeScreen.writingKeys`) only for its writers.
    static let homeKeys: [(String, String)] = [
        ("1", "新增摸底登记"), ("2", "新增服务记录（先查找摸底台账中的人员）"), ("3", "新增工作记录（宣传活动、创业典型、推荐入园）"),
        ("4", "浏览台账：搜索、筛选、修改、删除与恢复、修改记录"), ("5", "数据检查：列出各台账的全部问题，可成组确认警告"),
        ("6", "社区档案与自评"), ("7", "评分计划：还差什么、先做哪些事、为哪些人服务"),
        ("s", "评分明细：每个评分项的得分、依据和相关记录"), ("o", "督导总览：各街道、社区并列比较，打开其台账"),
        ("8", "评选：提交自评；督导初评改分、随机抽样核实、签署锁定与解锁"),
        ("9", "操作员统计：每人每天录入、更正、查出的错误、每条用时"),
        ("e", "导出自评评分表（Excel打印格式）；浏览台账时按 e 导出该台账"),
        ("c", "切换社区（有多个社区时）"), ("F4", "显示 / 隐藏评分面板（宽度小于100列时）"), ("F1", "本帮助"), ("q", "退出"),
    ]

    /// The screen's keys and notes, before wrapping; for an operator who may only read the community (`readOnly`),
    /// without the keys that would change it.
    static func entries(_ screen: Screen, readOnly: Bool) -> [Entry] {
        func keys(_ pairs: [(String, String)]) -> [Entry] { pairs.map { Entry(key: $0.0, text: $0.1) } }
        func text(_ lines: [String]) -> [Entry] { lines.map { Entry(key: nil, text: $0) } }
        switch screen {
        case .loading, .home, .help:
            return keys(homeKeys.filter { !readOnly || !HomeScreen.writingKeys.contains($0.0) })
        case .chooseCommunity:
            return keys([("↑↓", "选择社区"), ("PgDn / PgUp", "翻页"), ("Enter", "进入所选社区"), ("o", "督导总览：各街道、社区并列比较，打开其台账"),
                         ("q / Esc", "退出")])
        case .form(let form):
            let next = form.spec.kind == .service ? "（服务记录保留日期、经办人、服务方式）" : ""
            return keys([("Tab / Enter", "下一项（离开一项时显示该项的提示）"), ("Shift-Tab", "上一项"),
                         ("PgDn / PgUp", "下一页 / 上一页（摸底登记有三页：基本信息、创业情况、培训与补贴）"),
                         ("↑ / ↓", "在选项或查询结果中移动；没有选项时切换项目"),
                         ("F2 或 Ctrl-S", "保存（有错误不能保存，光标跳到第一个错误）"), ("F3", "保存并继续下一条\(next)"),
                         ("Esc", "返回（有未保存的内容时询问；草稿会自动保存，下次启动可恢复）"),
                         ("F4", "显示 / 隐藏评分面板（宽度小于100列时）")])
                + text(["",
                   "编辑一项：←/→ 移动  Home/End 或 Ctrl-A/Ctrl-E 到行首/行尾  Backspace/Delete 删除  Ctrl-K 删除到行尾  Ctrl-U 删除到行首  Ctrl-W 删除前一个词  空格 切换“是/否”",
                   "选项项目可输入代码、名称、开头几个字或拼音首字母（如 dxbk = 大学本科），Tab 确认。",
                   "日期可写作 2024-03-15、2024/3/15、20240315 或 2024年3月15日。",
                   "",
                   "标记：✓ 正确  ! 警告（可填写理由后保存）  ✗ 错误（必须改正）。评分面板中 ※ 为推定的评分项。"])
        case .browser(let b):
            var lines = keys(BrowserKeys.entries(b, readOnly: readOnly).map { ($0.key, $0.help) })
            if b.register != .survey { lines += text(["", "按状态（f）、类别（g）、培训（t）筛选只用于摸底台账。"]) }
            return lines
        case .history(let h):
            let undo = h.readOnly ? [] : [("u", "撤销自己的最后一次修改（撤销也记入修改记录）")]
            return keys([("↑↓", "滚动")] + undo + [("Esc / q", "返回台账")])
        case .checks:
            return keys([("↑↓", "选择"), ("PgDn / PgUp", "翻页"), ("Enter", "打开所选记录，光标在有问题的项目上"),
                         ] + (readOnly ? [] : [("a", "确认所选警告所在的整组警告：填写一个理由，逐条记入修改记录（与导入时的 --accept-warnings 相同）")])
                         + [("Esc / q", "返回主菜单")])
                + text(["", "标记：✗ 错误（必须改正）  ! 警告（未确认）  ✓ 已确认的警告。"])
        case .score(let s):
            if let evidence = s.evidence {
                let service = evidence.register == .survey ? [("n", "为所选人员新增服务记录")] : []
                return keys([("↑↓", "选择"), ("Enter", "打开所选记录修改")] + service + [("Esc", "返回评分项")])
            }
            return keys([("↑↓", "选择评分项（下方显示要求和得分依据）"), ("Enter", "列出此项相关的台账记录"), ("Esc / q", "返回主菜单")])
                + text(["", RubricItem.Source.inferredMeaning + "。", HelpText.gauge])
        case .plan(let p):
            if p.evidence != nil {
                return keys([("↑↓ / PgDn / PgUp", "选择"), ("Enter", "人员：为其新增服务记录，保存后回到此列表，计划随之更新；缺培训、创业或补贴的人员及其他记录：打开修改（定位到要补填的项）"),
                             ("Esc", "返回评分计划")])
            }
            return keys([("↑↓ / PgDn / PgUp", "选择一项措施（下方显示全文和工作量）"), ("Enter", "列出要服务或处理的人员和记录"),
                         ("Esc / q", "返回主菜单")])
                + text(["", "措施按“每单位工作可得分数”排序：为一人提供一次服务、培训一人、开展一次活动、改正一条记录各算一个单位。",
                        "计划与评分使用同一组数字；灰色的项本期无法再提出措施，并说明原因。"])
        case .overview:
            return keys([("↑↓ PgDn PgUp", "选择街道或社区（各街道一行，其下为所属社区）"), ("←→", "选择排序列（街道之间、各街道内的社区之间分别排序）"),
                         ("空格", "升序 / 降序"),
                         ("Enter", "街道行：该街道的台账，各社区合在一起浏览和搜索；社区行：该社区的台账（督导浏览）"),
                         ("j", "所选社区所在街道的台账"), ("a", "全区台账：所有社区合在一起浏览和搜索"),
                         ("i", "进入所选社区（录入、评分）"), ("Esc / q", "返回")])
                + text(["", "街道行的数字为所属各社区之和；其总分为创业型街道评分（※推定：按街道评分表计算，未含自评项）。",
                        "未填写所属街道的社区列在“（未填街道）”之下。"])
        case .evaluation:
            return keys([("t", "提交自评（窗口人员）：冻结当前评分；初评开始（抽样或改分）前可重新提交，之后只有督导可以重新提交，初评随之重来"), ("Tab", "在评分项和抽样名单之间切换"),
                         ("↑↓ / PgDn / PgUp", "选择"), ("a", "初评改分（督导）：给所选评分项该项可能得到的另一分数，须写理由"),
                         ("d", "随机抽样（督导）：按创业状态分层抽取人员，另可按服务类型单独抽取服务，种子记录在案、可重现"),
                         ("1 / 2 / 3", "抽样名单中：属实 / 不属实（须写说明，社区可见）/ 联系不上"),
                         ("Enter", "抽样名单中：打开所选记录（不属实的记录可在此更正；签署后只读）"),
                         ("f", "抽样名单中：打开与所选人员同时抽查的服务记录"),
                         ("S", "签署初评（督导）：全部核实后才能签署，签署后台账锁定"), ("R", "推荐已签署的社区参加市级考评（督导）"),
                         ("c", "切换到市级考评：自评、初评、市级得分并列；市级督导在此改分、抽样、核实、签署"),
                         ("U", "解锁（督导，须写理由，记入修改记录；市级考评签署后须市级督导）"), ("Esc / q", "返回主菜单")])
                + text(["", "黄色的评分项与自评（市级考评中与初评）不同，下方显示理由；红色的抽样记录核实为不属实，社区更正后显示已更正几处，签署时仍未更正的显示签署时未更正。",
                        "抽中的是哪些记录，签署前只有督导看得到：窗口人员只看到抽了多少、核实进度和核实为不属实的记录。抽样后改过的记录标“抽样后已修改”。"])
        case .district(let d):
            return keys(DistrictKeys.entries(d.browser).map { ($0.key, $0.help) })
                + text(["", "社区一列说明记录属于哪个社区；身份证号和电话遮盖显示。排序和翻页对所选范围内的全部社区统一进行。"])
        case .statistics:
            return keys([("↑↓ PgDn PgUp", "滚动"), ("w", "切换：近7天 / 近30天 / 全部日期"), ("Esc / q", "返回主菜单")])
                + text(["", "督导看到所有操作员，其他操作员只看到自己的。错误是终端录入时保存前校验查出的错误（每张表单每个字段每种错误计一次），",
                        "每条用时是保存的表单从打开到保存的平均时间；导入和命令行不计。抽样核实按录入（或导入）该人员的操作员统计，红色表示有不属实。"])
        }
    }

    /// The help text wrapped to `width`; a key's description continues under itself, not under the key.
    static func lines(_ screen: Screen, width: Int, readOnly: Bool) -> [String] {
        entries(screen, readOnly: readOnly).flatMap { entry -> [String] in
            guard let key = entry.key else {
                return entry.text.isEmpty ? [""] : DisplayWidth.wrap(entry.text, width, maxLines: Int.max)
            }
            let wrapped = DisplayWidth.wrap(entry.text, max(2, width - keyWidth), maxLines: Int.max)
            let indent = String(repeating: " ", count: keyWidth)
            // A key wider than its column stands on a line of its own rather than being cut or touching its text.
            if DisplayWidth.of(key) >= keyWidth { return [key] + wrapped.map { indent + $0 } }
            return wrapped.enumerated().map { i, part in (i == 0 ? DisplayWidth.fit(key, keyWidth, ellipsis: false) : indent) + part }
        }
    }

    /// The panel's inner area: the lines are drawn one column in from its left edge.
    static func textRect(_ state: AppState) -> Rect {
        let inner = bodyRect(state).inset(by: 1)
        return Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
    }

    static func maxOffset(_ state: AppState, _ screen: Screen) -> Int {
        let rect = textRect(state)
        return max(0, lines(screen, width: rect.width, readOnly: !state.canWrite).count - rect.height)
    }

    static func draw(_ state: AppState, _ help: HelpState, returnTo screen: Screen, in rect: Rect, into buffer: inout Buffer) {
        let text = lines(screen, width: textRect(state).width, readOnly: !state.canWrite)
        let more = text.count > textRect(state).height
        let inner = Panel.draw(title(state, screen) + (more ? "（↑↓ 滚动）" : ""), in: rect, into: &buffer)
        let area = textRect(state)
        let offset = min(help.offset, maxOffset(state, screen))
        for (i, line) in text.dropFirst(offset).prefix(area.height).enumerated() {
            buffer.put(line, x: area.x, y: area.y + i, maxWidth: area.width)
        }
        if offset > 0 { buffer.put("↑", x: inner.maxX - 1, y: inner.y, style: .hint) }
        if offset + area.height < text.count { buffer.put("↓", x: inner.maxX - 1, y: inner.maxY - 1, style: .hint) }
    }
}

func openHelp(_ state: inout AppState) {
    switch state.screen {
    case .help, .loading: return
    case .home, .chooseCommunity, .form, .browser, .history, .checks, .score, .plan, .overview, .evaluation, .district, .statistics:
        state.screen = .help(HelpState(), returnTo: state.screen)
    }
}

func helpKey(_ state: inout AppState, _ help: HelpState, returnTo: Screen, _ key: Key) -> [Effect] {
    var help = help
    let last = HelpScreen.maxOffset(state, returnTo)
    let page = max(1, HelpScreen.textRect(state).height - 1)
    switch key {
    case .up: help.offset = max(0, help.offset - 1)
    case .down: help.offset = min(last, help.offset + 1)
    case .pageUp: help.offset = max(0, help.offset - page)
    case .pageDown: help.offset = min(last, help.offset + page)
    default:
        // Any other key closes help.
        state.screen = returnTo
        return []
    }
    state.screen = .help(help, returnTo: returnTo)
    return []
}

enum HelpText {
    /// What a score gauge's two parts mean (Gauge): points earned, and work done toward the next band.
    static let gauge = "得分条：█ 已得的分数  ░ 已完成、但尚未达到下一档的进度（还没有得分）。"
}
