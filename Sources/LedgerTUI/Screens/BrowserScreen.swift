import Foundation
import LedgerCore
import TerminalUI

/// Register tables: columns aligned by display width, ID numbers and phones masked.
enum BrowserScreen {
    /// A column: `width` 0 takes the room left; `drop` > 0 columns may be left out on narrow screens, highest first.
    struct Column {
        let key: String
        let title: String
        var width: Int
        var drop = 0
        let value: (RegisterRow) -> String
    }

    static func columns(_ register: Register) -> [Column] {
        switch register {
        case .survey:
            return [
                Column(key: "id", title: "编号", width: 7) { String($0.id) },
                Column(key: "name", title: "姓名", width: 12) { $0.fields["name"] ?? "" },
                Column(key: "id_number", title: "公民身份号码", width: 19) { ResidentID.masked($0.fields["id_number"] ?? "") },
                Column(key: "gender", title: "性别", width: 5, drop: 1) { $0.fields["gender"] ?? "" },
                Column(key: "phone", title: "联系电话", width: 13, drop: 3) { Phone.masked($0.fields["phone"] ?? "") },
                Column(key: "status", title: "创业状态", width: 11) { $0.fields["status"] ?? "" },
                Column(key: "survey_date", title: "摸底日期", width: 11) { $0.fields["survey_date"] ?? "" },
                Column(key: "trained", title: "培训", width: 5, drop: 2) { $0.fields["trained"] ?? "" },
            ]
        case .service:
            return [
                Column(key: "id", title: "编号", width: 8) { String($0.id) },
                Column(key: "service_date", title: "服务日期", width: 11) { $0.fields["service_date"] ?? "" },
                Column(key: "name", title: "姓名", width: 10) { $0.fields["name"] ?? "" },
                Column(key: "id_number", title: "公民身份号码", width: 19) { ResidentID.masked($0.fields["id_number"] ?? "") },
                Column(key: "service_type", title: "服务类型", width: 9) { $0.fields["service_type"] ?? "" },
                Column(key: "method", title: "方式", width: 9) { $0.fields["method"] ?? "" },
                Column(key: "content", title: "服务内容", width: 0) { $0.fields["content"] ?? "" },
            ]
        case .activity:
            return [
                Column(key: "id", title: "编号", width: 7) { String($0.id) },
                Column(key: "date", title: "日期", width: 11) { $0.fields["date"] ?? "" },
                Column(key: "kind", title: "类型", width: 9) { $0.fields["kind"] ?? "" },
                Column(key: "participants", title: "参与人数", width: 9) { $0.fields["participants"] ?? "" },
                Column(key: "title", title: "名称", width: 0) { $0.fields["title"] ?? "" },
            ]
        }
    }

    static let problemsWidth = 6
    static let minimumFlexible = 6

    /// The columns that fit `width`: the 编号 column only as wide as the numbers shown, then columns that may be
    /// left out are dropped (never the sort column) until every value fits whole; what is left over widens the
    /// flexible column, or else the name (unless `widening` is off: the district register's 社区 column asks what is
    /// left over first). A date or a status is never cut.
    static func layout(_ register: Register, width: Int, sort: String, rows: [RegisterRow], widening: Bool = true) -> [Column] {
        var cols = allColumns(register, rows: rows)
        func needed(_ cs: [Column]) -> Int {
            cs.reduce(0) { $0 + ($1.width == 0 ? minimumFlexible : $1.width) } + problemsWidth
        }
        while needed(cols) > width,
              let victim = cols.enumerated().filter({ $0.element.drop > 0 && $0.element.key != sort }).max(by: { $0.element.drop < $1.element.drop }) {
            cols.remove(at: victim.offset)
        }
        let spare = max(0, width - needed(cols))
        guard widening else { return cols }
        if let flexible = cols.firstIndex(where: { $0.width == 0 }) {
            cols[flexible].width = minimumFlexible + spare
        } else if let name = cols.firstIndex(where: { $0.key == "name" }) {
            cols[name].width += min(spare, 8)
        }
        return cols
    }

    /// Every column of the register, 编号 as wide as the numbers shown.
    private static func allColumns(_ register: Register, rows: [RegisterRow]) -> [Column] {
        var cols = columns(register)
        let widestId = rows.map { String($0.id).count }.max() ?? 1
        if let i = cols.firstIndex(where: { $0.key == "id" }) { cols[i].width = max(5, widestId + 1) }
        return cols
    }

    /// The columns the register takes at `width` at their narrowest (those that may be left out already left out
    /// where they do not fit): room beyond it is spare.
    static func narrowestWidth(_ register: Register, width: Int, sort: String, rows: [RegisterRow]) -> Int {
        layout(register, width: width, sort: sort, rows: rows, widening: false)
            .reduce(0) { $0 + ($1.width == 0 ? minimumFlexible : $1.width) } + problemsWidth
    }

    static let registerNames: [Register: String] = [.survey: "摸底台账", .service: "服务台账", .activity: "工作台账"]

    static func draw(_ state: AppState, _ b: BrowserState, in rect: Rect, into buffer: inout Buffer) {
        var x = rect.x + 1
        for register in Register.allCases {
            let name = registerNames[register] ?? ""
            x += buffer.put(register == b.register ? "[\(name)]" : " \(name) ", x: x, y: rect.y,
                            style: register == b.register ? .focus : .muted) + 1
        }
        // A search lists its matches by itself, not sorted or filtered: the line says only what is in force (the
        // sort and filters come back when the search is cleared).
        var flags = b.filterWords
        if !b.query.isEmpty || b.search != nil { flags = ["搜索：\(b.search?.text ?? b.query)"] }
        buffer.put(flags.joined(separator: "  "), x: x + 1, y: rect.y, style: .hint, maxWidth: rect.maxX - x - 1)
        if let search = b.search {
            let v = search.visible(width: 20)
            buffer.cursor = (x + 1 + DisplayWidth.of(flags.dropLast().joined(separator: "  ")) + (flags.count > 1 ? 2 : 0) + 3 + v.cursorColumn, rect.y)
        }
        let cols = layout(b.register, width: rect.width - 2, sort: b.sort, rows: b.rows)
        func line(_ cells: [String], problems: String) -> String {
            zip(cols, cells).map { DisplayWidth.column($1, $0.width) }.joined() + DisplayWidth.fit(problems, problemsWidth)
        }
        buffer.put(line(cols.map(\.title), problems: "问题"), x: rect.x + 1, y: rect.y + 2, style: .title, maxWidth: rect.width - 2)
        let listRect = Rect(x: rect.x + 1, y: rect.y + 3, width: rect.width - 2, height: rect.height - 4)
        if b.rows.isEmpty {
            buffer.put(b.emptyText, x: listRect.x, y: listRect.y, style: .muted, maxWidth: listRect.width)
            return
        }
        let rows = b.rows.map { row in line(cols.map { $0.value(row) }, problems: BrowserState.problem(row).text) }
        ListView.draw(rows, state: b.list, in: listRect, into: &buffer) { BrowserState.problem(b.rows[$0]).style }
        drawDeletedReason(b, in: rect, into: &buffer)
    }

    /// The selected deleted record's reason, on the body's last row.
    static func drawDeletedReason(_ b: BrowserState, in rect: Rect, into buffer: inout Buffer) {
        if let row = b.selected, row.deleted, let reason = row.deletedReason {
            buffer.put("删除理由：\(reason)", x: rect.x + 1, y: rect.maxY - 1, style: .muted, maxWidth: rect.width - 2)
        }
    }
}

/// How audit entries read in Chinese, on screen and in `chuangye history`.
public enum AuditWording {
    static let actions = ["insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复", "undo": "撤销", "import": "导入", "accept": "确认警告", "sql": "直接改库",
                          "recount": "重算评分数据", "migrate": "迁入区县数据库"]
    /// A profile field's name in the history is the one the profile form and its messages use.
    static var communityFields: [String: String] { CommunityValidator.labels }

    public static func action(_ code: String) -> String { actions[code] ?? EvaluationAuditWording.actions[code] ?? code }

    /// A changed field's name: the register's header (nil register: the community profile), or what a
    /// bookkeeping field means.
    public static func field(_ key: String, register: Register?, rubrics: [Rubric] = []) -> String {
        if key == "source" { return "来源文件" }
        if key == "deleted_reason" { return "删除理由" }
        // Besides the fields, what a change made outside the app (`sql`) may name.
        if key == "deleted_at" { return "删除时间" }
        if key == "community_code" { return "所属社区代码" }
        // What a supervisor's check rewrote (`recount`): the record's kept score contribution.
        if key == "facts" { return "计分数据" }
        if key == "services_in_period" { return "考核期内服务次数" }
        // Which warning the reason confirms, where the rule has a name (`确认警告（城镇劳动者总数少于摸底人数）`).
        if key.hasPrefix("accepted_warning.") {
            return RuleNames.names[String(key.dropFirst("accepted_warning.".count))].map { "确认警告（\($0)）" } ?? "确认警告"
        }
        guard let register else {
            if key.hasPrefix("checklist.") {
                // The item's title from the rubrics that have it (a clerk does not know `expert_team`).
                let id = String(key.dropFirst("checklist.".count))
                return "自评项 " + (rubrics.lazy.compactMap { $0.item(id)?.title }.first ?? id)
            }
            return communityFields[key] ?? EvaluationAuditWording.field(key, rubrics: rubrics) ?? key
        }
        return register.header(of: key)
    }

    /// `旧值 → 新值` with empty values shown as （空）; a source file is just named; a checklist answer in points; a
    /// rubric by its title (a person does not know `xining-community`); a register's coded value as its form shows
    /// it (`H 住宿和餐饮业`).
    public static func change(field: String, old: String?, new: String?, register: Register? = nil, rubrics: [Rubric] = []) -> String {
        if let register, let spec = FormSpecs.spec(FormKind(register)).field(field) {
            return "\(old.map(spec.shown) ?? "（空）") → \(new.map(spec.shown) ?? "（空）")"
        }
        if field == "source" { return new ?? "" }
        // The sampled person a check was about: named, not a change (`history` puts the name in).
        if field.hasPrefix("spot_check."), field.hasSuffix(".person") { return new ?? old ?? "" }
        if field == "facts" { return factsChange(old: old, new: new) }
        // A deletion time named by a change made outside the app reads as every time shown.
        if field == "deleted_at" { return "\(old.map(TimeText.shown) ?? "（空）") → \(new.map(TimeText.shown) ?? "（空）")" }
        if field == "rubric" {
            func title(_ id: String?) -> String? { id.map { id in rubrics.first { $0.id == id }?.title ?? id } }
            return "\(title(old) ?? "（空）") → \(title(new) ?? "（空）")"
        }
        let unit = field.hasPrefix("checklist.") ? "分" : ""
        return "\(old.map { $0 + unit } ?? "（空）") → \(new.map { $0 + unit } ?? "（空）")"
    }
}

extension AuditWording {
    /// A record's kept score contribution as it changed, measure by measure in the measures' names
    /// (`参与创业活动者 1 → 250`), not as the stored JSON with its keys (a recount's entry had read so).
    static func factsChange(old: String?, new: String?) -> String {
        func counts(_ text: String?) -> [String: Int] {
            guard let data = text?.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            return object.compactMapValues { ($0 as? NSNumber)?.intValue }
        }
        let before = counts(old), after = counts(new)
        let keys = Measure.allCases.map(\.rawValue).filter { before[$0] != after[$0] }
            + Set(before.keys).union(after.keys).filter { Measure(rawValue: $0) == nil && before[$0] != after[$0] }.sorted()
        guard !keys.isEmpty else { return "（未变）" }
        return keys.map { key in
            "\(Measure(rawValue: key)?.title ?? key) \(before[key] ?? 0) → \(after[key] ?? 0)"
        }.joined(separator: "；")
    }
}

enum HistoryScreen {
    /// The footer: `u` only for those who may change the record.
    static func hints(_ h: HistoryState) -> String {
        h.readOnly ? "↑↓滚动  Esc返回  F1帮助" : "↑↓滚动  u撤销自己的最后一次修改  Esc返回  F1帮助"
    }

    /// Each entry as a heading line, then one line per changed field in the register's Chinese names; a change
    /// longer than the width goes on under itself (a long reason or address is read whole, never cut). A reader
    /// of the community sees the numbers masked as the record view shows them.
    static func lines(_ h: HistoryState, width: Int) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        for entry in h.lines {
            lines += DisplayWidth.wrap("\(TimeText.shown(entry.at))  \(entry.operatorName)  \(AuditWording.action(entry.action))", width, maxLines: Int.max)
                .map { ($0, .title) }
            for change in entry.changes {
                let label = AuditWording.field(change.field, register: h.register)
                func shown(_ value: String?) -> String? {
                    h.readOnly ? value.map { NumberPrivacy.masked(field: change.field, $0) } : value
                }
                let text = "\(label)：\(AuditWording.change(field: change.field, old: shown(change.old), new: shown(change.new), register: h.register))"
                lines += DisplayWidth.wrap(text, max(2, width - 4), maxLines: Int.max).map { ("    " + $0, .plain) }
            }
        }
        if lines.isEmpty { lines.append(("（没有修改记录）", .muted)) }
        return lines
    }

    /// The width the lines are wrapped to: the panel's inside less a margin on each side.
    static func textWidth(_ state: AppState) -> Int { max(10, state.width - 4) }

    static func draw(_ state: AppState, _ h: HistoryState, in rect: Rect, into buffer: inout Buffer) {
        let undo = h.readOnly ? "" : "，u 撤销自己的修改"
        let title = "\(BrowserScreen.registerNames[h.register] ?? "") 第\(h.id)号记录的修改记录（新的在上\(undo)）"
        let inner = Panel.draw(title, in: rect, into: &buffer)
        let lines = self.lines(h, width: textWidth(state))
        let start = max(0, min(lines.count - inner.height, h.offset))
        for (i, (text, style)) in lines.dropFirst(start).prefix(inner.height).enumerated() {
            buffer.put(text, x: inner.x + 1, y: inner.y + i, style: style, maxWidth: inner.width - 2)
        }
    }
}
