import TerminalUI

/// Before the ledger is open: the first read of the communities is under way, or the reason it failed (a login
/// the server refused, a server not reached) and how to fix it, kept until the ledger opens. q or Esc quits at once.
enum LoadingScreen {
    static func hints(_ state: AppState) -> String {
        state.connectionLost ? "正在重连数据库…  q退出" : "q退出"
    }

    /// The keys that quit before anything is open.
    static func quits(_ key: Key) -> Bool {
        [.character("q"), .escape, .control("c")].contains(key)
    }

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        let width = rect.width - 4
        guard let problem = state.startProblem else {
            buffer.put("正在打开数据库…", x: rect.x + 2, y: rect.y + 1)
            return
        }
        var y = rect.y + 1
        buffer.put("未能打开台账：", x: rect.x + 2, y: y, style: .title)
        y += 1
        for line in DisplayWidth.wrap(problem, width, maxLines: max(1, rect.height - 4)) {
            buffer.put(line, x: rect.x + 2, y: y, style: .error)
            y += 1
        }
        let next = state.connectionLost ? "服务器恢复后将自动打开；按 q 退出" : "按 q 退出，改正后重新运行 chuangye"
        buffer.put(next, x: rect.x + 2, y: y + 1, style: .hint, maxWidth: width)
    }
}
