import LedgerCore
import TerminalUI

/// Register tables: columns aligned by display width, ID numbers and phones masked.
enum BrowserScreen {
    struct Column { let title: String; let width: Int; let value: (RegisterRow) -> String }

    static func columns(_ register: Register) -> [Column] {
        switch register {
        case .survey:
            return [
                Column(title: "编号", width: 7) { String($0.id) },
                Column(title: "姓名", width: 12) { $0.fields["name"] ?? "" },
                Column(title: "公民身份号码", width: 19) { ResidentID.masked($0.fields["id_number"] ?? "") },
                Column(title: "性别", width: 5) { $0.fields["gender"] ?? "" },
                Column(title: "联系电话", width: 14) { Phone.masked($0.fields["phone"] ?? "") },
                Column(title: "创业状态", width: 11) { $0.fields["status"] ?? "" },
                Column(title: "摸底日期", width: 11) { $0.fields["survey_date"] ?? "" },
                Column(title: "培训", width: 5) { $0.fields["trained"] ?? "" },
            ]
        case .service:
            return [
                Column(title: "编号", width: 8) { String($0.id) },
                Column(title: "服务日期", width: 11) { $0.fields["service_date"] ?? "" },
                Column(title: "姓名", width: 10) { $0.fields["name"] ?? "" },
                Column(title: "公民身份号码", width: 19) { ResidentID.masked($0.fields["id_number"] ?? "") },
                Column(title: "服务类型", width: 9) { $0.fields["service_type"] ?? "" },
                Column(title: "方式", width: 9) { $0.fields["method"] ?? "" },
                Column(title: "服务内容", width: 0) { $0.fields["content"] ?? "" },
            ]
        case .activity:
            return [
                Column(title: "编号", width: 7) { String($0.id) },
                Column(title: "日期", width: 11) { $0.fields["date"] ?? "" },
                Column(title: "类型", width: 9) { $0.fields["kind"] ?? "" },
                Column(title: "参与人数", width: 9) { $0.fields["participants"] ?? "" },
                Column(title: "名称", width: 0) { $0.fields["title"] ?? "" },
            ]
        }
    }

    static let registerNames: [Register: String] = [.survey: "摸底台账", .service: "服务台账", .activity: "工作台账"]

    static func draw(_ state: AppState, _ b: BrowserState, in rect: Rect, into buffer: inout Buffer) {
        var x = rect.x + 1
        for register in Register.allCases {
            let name = registerNames[register] ?? ""
            x += buffer.put(register == b.register ? "[\(name)]" : " \(name) ", x: x, y: rect.y,
                            style: register == b.register ? .focus : .muted) + 1
        }
        var flags: [String] = []
        if b.sort != "id" { flags.append("按\(b.register.header(of: b.sort))排序") }
        if let status = b.statusFilter { flags.append(status) }
        if let trained = b.trainedFilter { flags.append(trained ? "已培训" : "未培训") }
        if let category = b.categoryFilter { flags.append(category) }
        if let dates = b.dateFilter { flags.append(dates.description) }
        if b.showDeleted { flags.append("显示已删除") }
        if b.problemsOnly { flags.append("仅有问题的记录") }
        if !b.query.isEmpty || b.search != nil { flags.append("搜索：\(b.search?.text ?? b.query)") }
        buffer.put(flags.joined(separator: "  "), x: x + 1, y: rect.y, style: .hint, maxWidth: rect.maxX - x - 1)
        if let search = b.search {
            let v = search.visible(width: 20)
            buffer.cursor = (x + 1 + DisplayWidth.of(flags.dropLast().joined(separator: "  ")) + (flags.count > 1 ? 2 : 0) + 3 + v.cursorColumn, rect.y)
        }
        let cols = columns(b.register)
        let fixed = cols.reduce(0) { $0 + $1.width }
        let flexible = max(6, rect.width - 2 - fixed - 6)
        func line(_ cells: [String], problems: String) -> String {
            zip(cols, cells).map { DisplayWidth.fit($1, $0.width == 0 ? flexible : $0.width) }.joined() + DisplayWidth.fit(problems, 6)
        }
        buffer.put(line(cols.map(\.title), problems: "问题"), x: rect.x + 1, y: rect.y + 2, style: .title, maxWidth: rect.width - 2)
        let listRect = Rect(x: rect.x + 1, y: rect.y + 3, width: rect.width - 2, height: rect.height - 4)
        if b.rows.isEmpty {
            buffer.put(b.query.isEmpty ? "（没有记录）" : "（没有匹配的人员）", x: listRect.x, y: listRect.y, style: .muted)
            return
        }
        let rows = b.rows.map { row -> String in
            let problems = row.deleted ? "已删除" : row.errors > 0 ? "✗错误" : row.warnings > 0 ? "!警告" : ""
            return line(cols.map { $0.value(row) }, problems: problems)
        }
        ListView.draw(rows, state: b.list, in: listRect, into: &buffer) { i in
            b.rows[i].deleted ? .muted : b.rows[i].errors > 0 ? .error : b.rows[i].warnings > 0 ? .warning : .plain
        }
        if let row = b.selected, row.deleted, let reason = row.deletedReason {
            buffer.put("删除理由：\(reason)", x: rect.x + 1, y: rect.maxY - 1, style: .muted, maxWidth: rect.width - 2)
        }
    }
}

/// How audit entries read in Chinese, on screen and in `chuangye history`.
public enum AuditWording {
    static let actions = ["insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "undo": "撤销", "import": "导入"]
    static let communityFields = ["name": "社区名称", "street": "所属街道", "district": "所属区县", "level": "级别",
                                  "labour_force": "城镇劳动者人数", "period": "考核期", "leader": "负责人", "phone": "联系电话"]

    public static func action(_ code: String) -> String { actions[code] ?? code }

    /// A changed field's name: the register's header (nil register: the community profile), or what a
    /// bookkeeping field means.
    public static func field(_ key: String, register: Register?) -> String {
        if key == "source" { return "来源文件" }
        if key == "deleted_reason" { return "删除理由" }
        if key.hasPrefix("accepted_warning.") { return "确认警告" }
        guard let register else {
            if key.hasPrefix("checklist.") { return "自评项 " + key.dropFirst("checklist.".count) }
            return communityFields[key] ?? key
        }
        return register.header(of: key)
    }

    /// `旧值 → 新值` with empty values shown as （空）; a source file is just named.
    public static func change(field: String, old: String?, new: String?) -> String {
        if field == "source" { return new ?? "" }
        return "\(old ?? "（空）") → \(new ?? "（空）")"
    }
}

enum HistoryScreen {

    /// Each entry as a heading line, then one line per changed field in the register's Chinese names.
    static func lines(_ h: HistoryState) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        for entry in h.lines {
            lines.append(("\(entry.at)  \(entry.operatorName)  \(AuditWording.action(entry.action))", .title))
            for change in entry.changes {
                let label = AuditWording.field(change.field, register: h.register)
                lines.append(("    \(label)：\(AuditWording.change(field: change.field, old: change.old, new: change.new))", .plain))
            }
        }
        if lines.isEmpty { lines.append(("（没有修改记录）", .muted)) }
        return lines
    }

    static func draw(_ state: AppState, _ h: HistoryState, in rect: Rect, into buffer: inout Buffer) {
        let title = "\(BrowserScreen.registerNames[h.register] ?? "") 第\(h.id)号记录的修改记录（u 撤销自己的最后一次修改）"
        let inner = Panel.draw(title, in: rect, into: &buffer)
        let lines = self.lines(h)
        let start = max(0, min(lines.count - inner.height, h.offset))
        for (i, (text, style)) in lines.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.put(text, x: inner.x + 1, y: inner.y + i, style: style, maxWidth: inner.width - 2)
        }
    }
}

enum ChecksScreen {
    static func draw(_ state: AppState, _ c: ChecksState, in rect: Rect, into buffer: inout Buffer) {
        let errors = c.items.filter { $0.severity == .error }.count
        let accepted = c.items.filter { $0.accepted != nil }.count
        let title = c.loaded ? "数据检查：错误\(errors)条，警告\(c.items.count - errors - accepted)条，已确认\(accepted)条（Enter 定位）" : "数据检查：正在检查…"
        let inner = Panel.draw(title, in: rect, into: &buffer)
        if c.loaded && c.items.isEmpty {
            buffer.put("各台账没有发现问题。", x: inner.x + 1, y: inner.y, style: .ok)
            return
        }
        let rows = c.items.enumerated().map { index, item -> String in
            let register = BrowserScreen.registerNames[item.register] ?? ""
            let newGroup = index == 0 || c.items[index - 1].code != item.code || c.items[index - 1].severity != item.severity
            let groupSize = c.items.filter { $0.code == item.code && $0.severity == item.severity }.count
            let group = newGroup ? "【\(item.code)：\(groupSize)条】" : "  "
            let label = FormSpecs.spec(FormKind(item.register)).field(item.field)?.label ?? item.field
            let mark = item.severity == .error ? "✗" : item.accepted != nil ? "✓" : "!"
            return "\(group)\(mark) \(register) 第\(item.id)号 \(label)：\(item.message)" + (item.accepted.map { "（已确认：\($0)）" } ?? "")
        }
        ListView.draw(rows, state: c.list, in: inner, into: &buffer) {
            c.items[$0].severity == .error ? .error : c.items[$0].accepted != nil ? .muted : .warning
        }
    }
}
