import LedgerCore
import TerminalUI

/// Draws the whole screen for a state. Pure: same state, same buffer.
public func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    if state.isTooSmall {
        TooSmallScreen.draw(state, into: &buffer)
        return buffer
    }
    Chrome.drawHeader(state, into: &buffer)
    let body = bodyRect(state)
    var content = body
    let scoreShown = state.showsScorePanel && state.community != nil && showsScore(state.screen)
    if scoreShown {
        let panelWidth = ScorePanel.width(state)
        content.width -= panelWidth
        ScorePanel.draw(state, in: Rect(x: content.maxX, y: body.y, width: panelWidth, height: body.height), into: &buffer)
    }
    if let viewing = state.screen.recordView {
        RecordView.draw(viewing, in: body, into: &buffer)
    } else {
        drawScreen(state, body: body, content: content, into: &buffer)
    }
    Chrome.drawFooter(state, into: &buffer)
    if let dialog = state.dialog { DialogView.draw(dialog, state: state, into: &buffer) }
    if let progress = state.progress { ProgressView.draw(progress, state: state, into: &buffer) }
    return buffer
}

/// The current screen in the body (a form and home beside the score panel: `content`).
private func drawScreen(_ state: AppState, body: Rect, content: Rect, into buffer: inout Buffer) {
    switch state.screen {
    case .loading: LoadingScreen.draw(state, in: content, into: &buffer)
    case .chooseCommunity(let list): ChooseCommunityScreen.draw(state, list, in: content, into: &buffer)
    case .home: HomeScreen.draw(state, in: content, into: &buffer)
    case .form(let form): FormScreen.draw(state, form, in: content, into: &buffer)
    case .help(let help, let returnTo): HelpScreen.draw(state, help, returnTo: returnTo, in: body, into: &buffer)
    case .browser(let b): BrowserScreen.draw(state, b, in: body, into: &buffer)
    case .history(let h): HistoryScreen.draw(state, h, in: body, into: &buffer)
    case .checks(let c): ChecksScreen.draw(state, c, in: body, into: &buffer)
    case .score(let s): ScoreScreen.draw(state, s, in: body, into: &buffer)
    case .plan(let p): PlanScreen.draw(state, p, in: body, into: &buffer)
    case .overview(let o): OverviewScreen.draw(state, o, in: body, into: &buffer)
    case .evaluation(let e): EvaluationScreen.draw(state, e, in: body, into: &buffer)
    case .district(let d): DistrictScreen.draw(state, d, in: body, into: &buffer)
    case .statistics(let s): StatisticsScreen.draw(state, s, in: body, into: &buffer)
    }
}

/// The area between the header line and the message and status lines: every screen draws inside it.
func bodyRect(_ state: AppState) -> Rect { Rect(x: 0, y: 1, width: state.width, height: state.height - 3) }

private func showsScore(_ screen: Screen) -> Bool {
    switch screen {
    case .home, .form: true
    default: false
    }
}

enum TooSmallScreen {
    static func draw(_ state: AppState, into buffer: inout Buffer) {
        // A quit that would throw typed work away asks here too (Reduce.swift, tooSmallKey).
        let last = state.dialog == .quit
            ? [state.quitDiscardsWork ? "正在修改的内容尚未保存，退出将放弃"
                : state.quitLeavesUnsaved ? "表单未保存：草稿已保留，下次启动时提示恢复" : "确定退出创业台账吗？", "y 退出　其他键 取消"] : ["Ctrl-C 退出"]
        let lines = ["终端窗口太小，请调整到至少 80×24", "当前：\(state.width)×\(state.height)"] + last
        for (i, line) in lines.enumerated() {
            let y = state.height / 2 - 1 + i
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: y, style: i == 0 ? .warning : .plain)
        }
    }
}

enum Chrome {
    static func drawHeader(_ state: AppState, into buffer: inout Buffer) {
        let right = "操作员 \(state.operatorName)"
        var left = "创业台账"
        if let c = state.community {
            // The whole period must show: on a narrow screen the program's name and then the code give way.
            let room = state.width - DisplayWidth.of(right) - 3
            let mark = state.lock != nil ? "［已锁定］" : state.canWrite ? "" : "［只读］"
            let community = "\(c.name)（\(c.code)）\(mark) │ 考核期 \(c.period)"
            let tail = "\(mark) │ 考核期 \(c.period)"
            // Last, the name itself is cut (with …): the lock mark and the period say what the screen may do.
            let nameRoom = max(2, room - DisplayWidth.of(tail))
            let short = (DisplayWidth.of(c.name) <= nameRoom ? c.name : String(DisplayWidth.fit(c.name, nameRoom).reversed().drop { $0 == " " }.reversed())) + tail
            left = [left + " │ " + community, community].first { DisplayWidth.of($0) <= room } ?? short
        }
        Bar.draw(left, right: right, y: 0, into: &buffer, style: .header)
    }

    static func drawFooter(_ state: AppState, into buffer: inout Buffer) {
        let messageY = state.height - 2
        if let message = state.message {
            let style: Style = state.messageIsError ? .error : .ok
            // A message longer than the line takes the body's last row too, rather than losing its end (what to
            // do usually comes last); it is gone with the next key.
            let lines = DisplayWidth.of(message) <= state.width - 1 ? [message] : DisplayWidth.wrap(message, state.width - 1, maxLines: 2)
            for (i, line) in lines.enumerated() {
                let y = messageY - (lines.count - 1) + i
                buffer.fill(Rect(x: 0, y: y, width: state.width, height: 1))
                buffer.put(DisplayWidth.fit(line, state.width - 1), x: 1, y: y, style: style)
            }
        }
        Bar.draw(hints(state), y: state.height - 1, into: &buffer, style: .statusBar)
    }

    static func hints(_ state: AppState) -> String {
        // Nothing is open (and no draft kept) before the first read: how to get out is what matters there.
        if case .loading = state.screen { return LoadingScreen.hints(state) }
        // Until the engine has reconnected, nothing that needs the server can work: said before anything else.
        if state.connectionLost { return ConnectionWording.lost }
        // Keys typed ahead of an answer they depend on (KeyWaits.swift): say why nothing happens yet.
        if state.heldKeys > 0 { return "请稍候：正在等待数据库，已按的\(state.heldKeys)个键随后处理" }
        if let viewing = state.screen.recordView { return viewing.footer }
        let panel = state.width < 100 ? " F4评分" : ""
        switch state.screen {
        case .form(let form):
            let next = form.spec.kind != .profile && form.editing == nil ? " F3存并继续" : ""
            let pages = form.spec.pages.count > 1 ? " PgDn翻页" : ""
            return "Tab下一项 Shift-Tab上一项\(pages) F2保存\(next) Esc返回 F1帮助\(panel)"
        case .home: return "按数字键选择功能  e导出评分表  F1帮助  q退出\(panel)"
        case .help(_, let returnTo): return HelpScreen.maxOffset(state, returnTo) > 0 ? "↑↓ PgDn PgUp 滚动  其他键返回" : "按任意键返回"
        case .chooseCommunity: return "↑↓选择  Enter进入  o督导总览  F1帮助  q退出"
        case .loading: return LoadingScreen.hints(state)
        case .browser(let b):
            if b.search != nil {
                let text = b.register == .survey ? "" : b.register == .service ? "或服务内容" : "或名称"
                return "输入姓名、身份证号或拼音首字母\(text)  Enter完成  Esc取消搜索"
            }
            return BrowserKeys.footer(b, readOnly: !state.canWrite)
        case .history(let h): return HistoryScreen.hints(h)
        case .checks(let c):
            // `a` only where it does something: on an open warning, of records the operator may change.
            if state.recordsOpenReadOnly { return "↑↓选择  Enter查看  Esc返回  F1帮助" }
            return "↑↓选择  Enter打开并定位" + (c.selectedWarningGroup == nil ? "" : "  a确认本组警告") + "  Esc返回  F1帮助"
        case .overview: return "↑↓选择 ←→排序 Enter街道/社区台账 a全区台账 i进入社区 Esc返回 F1帮助"
        case .evaluation(let e): return EvaluationScreen.hints(e, role: state.evaluationRole)
        case .district(let d): return DistrictScreen.hints(d, width: state.width)
        case .statistics: return StatisticsScreen.hints
        case .plan(let p):
            guard let evidence = p.evidence else { return "↑↓选择措施  Enter列出相关人员和记录  Esc返回  F1帮助" }
            if state.recordsOpenReadOnly { return "↑↓选择" + (evidence.register == .survey ? "" : "  Enter查看") + "  Esc返回计划  F1帮助" }
            return "↑↓选择  Enter" + (p.enterServes ? "新增服务" : "打开修改") + "  Esc返回计划  F1帮助"
        case .score(let s):
            guard let evidence = s.evidence else { return "↑↓选择评分项  Enter列出相关记录  Esc返回  F1帮助" }
            // n starts a service for a person: only a list of persons has one.
            if state.recordsOpenReadOnly { return "↑↓选择  Enter查看  Esc返回评分项  F1帮助" }
            return "↑↓选择  Enter打开修改" + (evidence.register == .survey ? "  n新增服务" : "") + "  Esc返回评分项  F1帮助"
        }
    }
}

enum ChooseCommunityScreen {
    /// Rows of communities the panel shows: the key handling scrolls by exactly this many.
    static func visibleRows(_ state: AppState) -> Int { max(1, panelRect(bodyRect(state)).inset(by: 1).height) }

    static func panelRect(_ body: Rect) -> Rect { body.inset(by: 1) }

    static func draw(_ state: AppState, _ list: ListState, in rect: Rect, into buffer: inout Buffer) {
        let inner = Panel.draw("选择社区", in: panelRect(rect), into: &buffer)
        let rows = state.communities.map { "\($0.code)  \($0.name)  \($0.street)  \($0.district)" }
        ListView.draw(rows, state: list, in: inner, into: &buffer)
    }
}

/// A long task's progress over the screen (a register's workbook): the bar and the share in percent.
enum ProgressView {
    static func draw(_ fraction: Double, state: AppState, into buffer: inout Buffer) {
        let width = min(state.width - 4, 50)
        let rect = Rect(x: (state.width - width) / 2, y: max(1, state.height / 2 - 2), width: width, height: 4)
        let inner = Panel.draw("正在导出", in: rect, into: &buffer, style: .title)
        let percent = " \(Int((min(1, max(0, fraction)) * 100).rounded(.down)))%"
        let bar = Gauge.text(fraction, width: inner.width - 2 - DisplayWidth.of(percent), ascii: state.asciiGauges)
        buffer.put(bar + percent, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2)
        buffer.put("写入Excel文件，请稍候…", x: inner.x + 1, y: inner.y + 1, style: .muted, maxWidth: inner.width - 2)
        buffer.cursor = nil
    }
}
