import LedgerCore
import TerminalUI

enum HomeScreen {
    // F1 (help) is on the footer of every screen; the menu's lines go to what the clerk works with.
    static let menu = [("1", "新增摸底登记"), ("2", "新增服务记录"), ("3", "新增工作记录"), ("4", "浏览台账"),
                       ("5", "数据检查"), ("6", "社区档案与自评"), ("7", "评分计划"), ("s", "评分明细"), ("8", "评选"),
                       ("9", "操作员统计"), ("o", "督导总览"), ("q", "退出")]
    /// The keys that change the community's records or profile: not listed for an operator who may only read.
    static let writingKeys: Set<String> = ["1", "2", "3", "6"]
    /// Columns of one menu entry (key, gap, the longest title, gap) when the menu is laid out in two columns.
    static let entryWidth = 21

    /// The keys this operator may use here, in order: the entry keys only with the right to write, 切换社区 only
    /// where there is another community.
    static func entries(_ state: AppState) -> [(String, String)] {
        menu.filter { state.canWrite || !writingKeys.contains($0.0) } + (state.communities.count > 1 ? [("c", "切换社区")] : [])
    }

    /// Text lines above the menu: each is a group of parts kept on one line when it fits, else one part per
    /// line (a part longer than the width wraps), so nothing is cut when the score panel narrows the screen.
    static func summary(_ state: AppState, width: Int) -> [(String, Style)] {
        guard let c = state.community else { return [] }
        let counts = state.counts
        var groups: [([String], Style, String)] = [
            (["\(c.name)", "\(c.street) · \(c.district)"], .title, "  "),
            (["考核期 \(c.period)", "城镇劳动者 \(c.labourForce) 人"], .plain, "    "),
            ([], .plain, ""),
            (["摸底登记 \(counts.persons) 人", "服务记录 \(counts.services) 条", "工作记录 \(counts.activities) 条"], .plain, "    "),
        ]
        if let cards = state.scoreCards {
            groups.append((["评分（\(cards.saved.rubricTitle)）：", "总分 \(cards.saved.total) / \(cards.saved.max)"], .title, ""))
            // Below the live score, what was submitted and signed for the period (which the live score no longer
            // is once the registers changed).
            if let submitted = state.community.flatMap({ state.submissions[$0.code] }) {
                groups.append((["本期" + submitted.standingText], .title, ""))
                // Why the total above may differ from what was submitted.
                if submitted.changesSinceSubmission > 0 {
                    groups.append((["提交后台账又修改了\(submitted.changesSinceSubmission)处，上面的总分按现在的台账计算"], .plain, ""))
                }
                // A 不属实 finding asks the community to correct the record before the 初评 is signed: said here,
                // where the clerk starts the day, not only on the 评选 screen.
                if !submitted.isSigned, let open = submitted.sample?.uncorrected, open > 0 {
                    groups.append((["抽查发现\(open)条记录不属实，待更正（按 8 评选查看）"], .error, ""))
                }
            }
        }
        let errors = state.facts[.errorRecords], warnings = state.facts[.warningRecords]
        let problems = errors + warnings == 0 ? "各台账没有发现问题" : "有错误的记录 \(errors) 条，有未确认警告的记录 \(warnings) 条"
        groups.append(([problems], errors > 0 ? .error : warnings > 0 ? .warning : .ok, ""))
        return groups.flatMap { parts, style, separator -> [(String, Style)] in
            if parts.isEmpty { return [("", style)] }
            var lines: [String] = []
            for part in parts {
                if let last = lines.last, DisplayWidth.of(last + separator + part) <= width {
                    lines[lines.count - 1] = last + separator + part
                } else {
                    lines += DisplayWidth.wrap(part, width, maxLines: Int.max)
                }
            }
            return lines.map { ($0, style) }
        }
    }

    static func draw(_ state: AppState, in rect: Rect, into buffer: inout Buffer) {
        guard state.community != nil else { return }
        let width = rect.width - 4
        let lines = summary(state, width: width)
        let entries = entries(state)
        // One column where the height allows, else two side by side (80×24 beside the score panel): every key is
        // listed, none below the screen's edge.
        let columns = lines.count + 1 + entries.count <= rect.height || width < 2 * entryWidth ? 1 : 2
        let menuRows = (entries.count + columns - 1) / columns
        // A blank line above the text and one above the menu, where the height allows.
        let spare = rect.height - lines.count - menuRows
        var y = rect.y + (spare >= 2 ? 1 : 0)
        for (text, style) in lines {
            buffer.put(text, x: rect.x + 2, y: y, style: style, maxWidth: width)
            y += 1
        }
        if spare >= 1 { y += 1 }
        for (i, (key, title)) in entries.enumerated() {
            let row = y + i % menuRows, x = rect.x + 2 + (i / menuRows) * entryWidth
            guard row < rect.maxY else { continue }
            buffer.put(DisplayWidth.fit(key, 4, ellipsis: false, alignRight: true), x: x, y: row, style: .hint)
            buffer.put(title, x: x + 6, y: row)
        }
    }
}
