import LedgerCore
import TerminalUI

/// The district register: the browser's table with a 社区 column first, or the persons a search found, grouped
/// by community. Numbers are masked as in every list.
enum DistrictScreen {
    static let communityWidth = 12

    /// What the register covers, in words: a community, a street, or all the operator reads: 全区, or the street's
    /// name when every community they read is of one street (a street supervisor's register).
    static func scopeName(_ state: AppState, _ scope: DistrictScopeQuery) -> String {
        if let code = scope.community { return state.communities.first { $0.code == code }?.name ?? code }
        if let street = scope.street { return OverviewScreen.streetName(street) }
        let streets = Set(state.communities.map(\.street))
        return streets.count == 1 ? streets.first.map(OverviewScreen.streetName) ?? "全区" : "全区"
    }

    /// The 社区 column: as wide as the longest name of the communities read (and a gap) where the screen has room
    /// beyond the register's columns that fit beside `communityWidth` (before the name or the flexible column
    /// widen into it), else `communityWidth`, a longer name cut with … .
    static func communityColumn(_ state: AppState, register: Register, rows: [RegisterRow], sort: String, width: Int) -> Int {
        let longest = state.communities.map { DisplayWidth.of($0.name) }.max() ?? 0
        let spare = width - communityWidth
            - BrowserScreen.narrowestWidth(register, width: width - communityWidth, sort: sort, rows: rows)
        return communityWidth + max(0, min(longest + 1 - communityWidth, spare))
    }

    static func communityName(_ state: AppState, _ code: String) -> String {
        state.communities.first { $0.code == code }?.name ?? code
    }

    static func draw(_ state: AppState, _ d: DistrictState, in rect: Rect, into buffer: inout Buffer) {
        let b = d.browser
        var x = rect.x + 1
        x += buffer.put(scopeName(state, d.scope), x: x, y: rect.y, style: .title) + 1
        for register in Register.allCases {
            let name = BrowserScreen.registerNames[register] ?? ""
            x += buffer.put(register == b.register ? "[\(name)]" : " \(name) ", x: x, y: rect.y,
                            style: register == b.register ? .focus : .muted) + 1
        }
        var flags = b.filterWords
        if d.search != nil || !d.query.isEmpty { flags.append("搜索人员：\(d.search?.text ?? d.query)") }
        buffer.put(flags.joined(separator: "  "), x: x + 1, y: rect.y, style: .hint, maxWidth: max(0, rect.maxX - x - 1))
        if let search = d.search {
            let before = DisplayWidth.of(flags.dropLast().joined(separator: "  ")) + (flags.count > 1 ? 2 : 0)
            buffer.cursor = (x + 1 + before + DisplayWidth.of("搜索人员：") + search.visible(width: 20).cursorColumn, rect.y)
        }
        let listRect = Rect(x: rect.x + 1, y: rect.y + 3, width: rect.width - 2, height: rect.height - 4)
        if let hits = d.hits { return drawHits(state, hits, d, header: rect.y + 2, in: listRect, into: &buffer) }
        let communityWidth = communityColumn(state, register: b.register, rows: b.rows, sort: b.sort, width: rect.width - 2)
        let cols = BrowserScreen.layout(b.register, width: rect.width - 2 - communityWidth, sort: b.sort, rows: b.rows)
        func line(_ community: String, _ cells: [String], problems: String) -> String {
            DisplayWidth.column(community, communityWidth) + zip(cols, cells).map { DisplayWidth.column($1, $0.width) }.joined()
                + DisplayWidth.fit(problems, BrowserScreen.problemsWidth)
        }
        buffer.put(line("社区", cols.map(\.title), problems: "问题"), x: rect.x + 1, y: rect.y + 2, style: .title, maxWidth: rect.width - 2)
        guard !b.rows.isEmpty else {
            buffer.put(b.emptyText, x: listRect.x, y: listRect.y, style: .muted, maxWidth: listRect.width)
            return
        }
        let rows = b.rows.map { row in
            line(communityName(state, row.community), cols.map { $0.value(row) }, problems: BrowserState.problem(row).text)
        }
        ListView.draw(rows, state: b.list, in: listRect, into: &buffer) { BrowserState.problem(b.rows[$0]).style }
        BrowserScreen.drawDeletedReason(b, in: rect, into: &buffer)
    }

    /// Persons found, each community's name on its first row only, so the groups read as blocks.
    static func drawHits(_ state: AppState, _ hits: DistrictHits, _ d: DistrictState, header y: Int, in rect: Rect, into buffer: inout Buffer) {
        // Beside three fixed columns (姓名 12, 公民身份号码 20, 创业状态 10) the names take what they need.
        let longest = state.communities.map { DisplayWidth.of($0.name) }.max() ?? 0
        let communityWidth = max(communityWidth, min(longest + 1, rect.width - 42))
        let heading = DisplayWidth.column("社区", communityWidth) + DisplayWidth.column("姓名", 12) + DisplayWidth.column("公民身份号码", 20) + "创业状态"
        buffer.put(heading, x: rect.x, y: y, style: .title, maxWidth: rect.width)
        let found = hits.rows
        guard !found.isEmpty else {
            buffer.put("（没有匹配的人员）", x: rect.x, y: rect.y, style: .muted, maxWidth: rect.width)
            return
        }
        let lines = found.enumerated().map { i, hit -> String in
            let first = i == 0 || found[i - 1].community.code != hit.community.code
            return DisplayWidth.column(first ? hit.community.name : "", communityWidth) + DisplayWidth.column(hit.person.name, 12)
                + DisplayWidth.column(ResidentID.masked(hit.person.idNumber), 20) + hit.person.status
        }
        let listHeight = hits.truncated ? rect.height - 1 : rect.height
        ListView.draw(lines, state: d.hitList, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: listHeight), into: &buffer)
        if hits.truncated {
            buffer.put("只列出前\(found.count)人，请输入更多内容缩小范围", x: rect.x, y: rect.maxY - 1, style: .hint, maxWidth: rect.width)
        }
    }

    static func hints(_ d: DistrictState, width: Int) -> String {
        if d.search != nil { return "输入姓名、拼音首字母或身份证号（开头或后四位），边输边查  Enter完成  Esc取消" }
        if d.hits != nil { return "↑↓选择  Enter打开  /改搜索内容  Esc返回台账  F1帮助" }
        return DistrictKeys.footer(d.browser, width: width)
    }
}
