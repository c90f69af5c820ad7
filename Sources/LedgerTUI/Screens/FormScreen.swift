import LedgerCore
import TerminalUI

/// A form page: labels, state markers, values; the focused field's options or search results and message below.
enum FormScreen {
    static let labelWidth = 24
    static let lowerRows = 6

    static func draw(_ state: AppState, _ form: FormState, in rect: Rect, into buffer: inout Buffer) {
        drawTitle(form, in: rect, into: &buffer)
        let fields = form.fields(onPage: form.page)
        let listTop = rect.y + 2
        let listHeight = max(1, rect.height - 2 - lowerRows)
        let focusIndex = fields.firstIndex { $0.key == form.focus } ?? 0
        let offset = max(0, min(focusIndex - listHeight + 1, fields.count - listHeight))
        let valueX = rect.x + labelWidth + 3
        let valueWidth = max(4, rect.maxX - valueX - 1)
        for (row, field) in fields.dropFirst(offset).prefix(listHeight).enumerated() {
            let y = listTop + row
            let label = (field.required ? "*" : " ") + field.label
            let focused = field.key == form.focus
            buffer.put(DisplayWidth.fit(label, labelWidth, alignRight: true), x: rect.x, y: y, style: focused ? .title : .plain)
            let fieldState = form.state(of: field.key)
            buffer.put(fieldState.marker, x: rect.x + labelWidth + 1, y: y, style: fieldState.style)
            if focused {
                drawEditor(form, x: valueX, y: y, width: valueWidth, into: &buffer)
            } else {
                let shown = display(form.values[field.key] ?? "", field, personName: personName(state, form, field))
                buffer.put(DisplayWidth.fit(shown, valueWidth), x: valueX, y: y, style: fieldState == .defaulted ? .muted : .plain)
            }
        }
        if offset > 0 { buffer.put("↑", x: rect.maxX - 2, y: listTop, style: .hint) }
        if offset + listHeight < fields.count { buffer.put("↓", x: rect.maxX - 2, y: listTop + listHeight - 1, style: .hint) }
        drawLower(state, form, in: Rect(x: rect.x + 2, y: listTop + listHeight, width: rect.width - 3, height: lowerRows), into: &buffer)
    }

    static func drawTitle(_ form: FormState, in rect: Rect, into buffer: inout Buffer) {
        var x = rect.x + 1
        x += buffer.put(form.spec.title, x: x, y: rect.y, style: .title)
        guard form.spec.pages.count > 1 else { return }
        x += 2
        for (i, page) in form.spec.pages.enumerated() {
            let text = i == form.page ? "[\(i + 1) \(page)]" : " \(i + 1) \(page) "
            x += buffer.put(text, x: x, y: rect.y, style: i == form.page ? .focus : .muted, maxWidth: rect.maxX - x)
            x += 1
        }
    }

    /// What a stored value looks like in the form (a code list value with its code, a chosen person's number with
    /// the name, so the clerk sees whom the record is about).
    static func display(_ value: String, _ field: FieldSpec, personName: String? = nil) -> String {
        if case .choice = field.kind { return field.shown(value) }
        if let personName, !value.isEmpty { return "\(value)  \(personName)" }
        return value
    }

    /// The name of the community's person whose ID number a person field holds, once looked up.
    static func personName(_ state: AppState, _ form: FormState, _ field: FieldSpec) -> String? {
        guard case .personSearch = field.kind, let value = form.values[field.key], !value.isEmpty else { return nil }
        if let known = state.knownPersons[value]?.first(where: { $0.communityCode == state.community?.code }) { return known.name }
        if let person = form.servicePerson?.person, person.idNumber == value { return person.name }
        return nil
    }

    static func drawEditor(_ form: FormState, x: Int, y: Int, width: Int, into buffer: inout Buffer) {
        let visible = form.editor.visible(width: width)
        let style: Style = form.editor.replaceOnType ? Style(reverse: true, underline: true) : .focus
        buffer.put(DisplayWidth.fit(visible.text, width, ellipsis: false), x: x, y: y, style: style)
        buffer.cursor = (x + visible.cursorColumn, y)
    }

    static func drawLower(_ state: AppState, _ form: FormState, in rect: Rect, into buffer: inout Buffer) {
        guard let field = form.focusedField else { return }
        var y = rect.y
        // The focused field's current problem (a long one, naming a person or a community, wraps onto a second
        // line rather than losing its end), or its notice, or its hint.
        let lines: [String], style: Style
        let problems = form.findings.filter { $0.field == field.key && $0.severity != .notice }
        // While a person search lists matches, what was typed is a query, not yet a number to complain about.
        var searching = false
        if case .personSearch = field.kind { searching = !form.searchResults.isEmpty }
        if !searching, let first = problems.first, form.visibleFindings(for: field.key).contains(first) || !form.editor.text.isEmpty {
            lines = DisplayWidth.wrap((first.severity == .error ? "✗ " : "! ") + first.message, rect.width, maxLines: max(1, min(2, rect.height - 1)))
            style = first.severity == .error ? .error : .warning
        } else if let notice = form.findings.first(where: { $0.field == field.key && $0.severity == .notice }) {
            (lines, style) = (["ℹ " + notice.message], .hint)
        } else {
            (lines, style) = ([hint(field)], .muted)
        }
        for (i, line) in lines.enumerated() { buffer.put(line, x: rect.x, y: y + i, style: style, maxWidth: rect.width) }
        y += max(1, lines.count)
        let rows = rect.maxY - y
        switch field.kind {
        case .personSearch:
            if form.searchResults.isEmpty {
                // The number the field holds names a known person (a record opened for correction, a field gone
                // back to): that person, not a search that found nobody, as nothing was searched.
                if let name = personName(state, form, field), form.editor.text == form.values[field.key] {
                    buffer.put("\(name)  \(ResidentID.masked(form.editor.text))", x: rect.x, y: y, style: .muted)
                } else if !form.editor.text.isEmpty {
                    buffer.put("（未找到匹配的人员）", x: rect.x, y: y, style: .muted)
                }
                return
            }
            let lines = form.searchResults.map { "\($0.name)  \(ResidentID.masked($0.idNumber))  \($0.status)" }
            ListView.draw(lines, state: form.picker, in: Rect(x: rect.x, y: y, width: rect.width, height: rows), into: &buffer)
        case .choice(let choice):
            let options = form.options
            if options.isEmpty { buffer.put("（没有匹配的选项）", x: rect.x, y: y, style: .muted); return }
            // Until ↓ takes one, a field empty or partly typed (`yc`) has no option chosen, and none is highlighted:
            // a highlighted first option looked chosen, but Tab did not take it and the first ↓ took that same one.
            let untouched = form.pickerFilter == nil && !options.contains(form.editor.text.trimmingSpaces())
            ListView.draw(options.map(choice.label), state: untouched ? ListState(selected: -1) : form.picker,
                          in: Rect(x: rect.x, y: y, width: rect.width, height: rows), into: &buffer, rowStyle: { _ in .hint })
        case .multiChoice(let choice):
            let options = form.options
            ListView.draw(options.map(choice.label), state: form.picker, in: Rect(x: rect.x, y: y, width: rect.width, height: rows),
                          into: &buffer, rowStyle: { _ in .hint })
        case .multiline:
            buffer.put("已输入 \(form.editor.characters.count) 字（创业典型事迹材料不少于500字才计入评分）", x: rect.x, y: y, style: .muted)
        default:
            break
        }
    }

    static func hint(_ field: FieldSpec) -> String {
        switch field.kind {
        case .date: "日期：2024-03-15、2024/3/15、20240315 或 2024年3月15日"
        case .choice: "输入代码、名称、开头几个字或拼音首字母；↑↓ 选择，Tab 确认"
        case .multiChoice: "可多选：↑↓ 选择后按 Enter 加入，或用“、”分隔输入"
        case .yesNo: "是 / 否（空格切换）"
        case .idNumber: "18位公民身份号码（15位旧号码会自动升级）"
        case .phone: "11位手机号，或带区号的固定电话（如 0971-6123456）"
        case .personSearch: "输入姓名、拼音首字母或身份证号末四位查找人员；↑↓ 选择，Tab 确认"
        case .integer: "整数"
        case .text(let n), .multiline(let n): formatHints[field.key] ?? "最多\(n)个字"
        }
    }

    /// Text fields whose validation asks for a form, not only a length: the hint says what is accepted.
    static let formatHints = [
        "code": "12位统计用区划代码，或9位简码（区县6位+社区3位）",
        "loan_amount": "金额（元），如 50000 或 5万",
    ]
}

enum DialogView {
    static func draw(_ dialog: Dialog, state: AppState, into buffer: inout Buffer) {
        let lines: [String]
        var input: TextEditor?
        /// The line of the dialog the input is on (nil: the last).
        var inputRow: Int? = nil
        let title: String
        // A long sentence is wrapped, not cut: the dialog is at most 72 columns wide inside at 80×24.
        func wrapped(_ text: String, maxLines: Int) -> [String] { DisplayWidth.wrap(text, min(70, state.width - 10), maxLines: maxLines) }
        switch dialog {
        case .quit:
            title = "退出"
            if state.community == nil, state.quitDiscardsWork {
                lines = ["确定退出创业台账吗？", "社区档案尚未保存，退出后需要重新填写。", "", "Enter / y 退出    其他键 取消（F2 保存档案）"]
            } else if state.quitDiscardsWork {
                lines = ["确定退出创业台账吗？", "正在修改的内容尚未保存，退出后将放弃。", "", "Enter / y 退出    其他键 取消（F2 保存）"]
            } else if state.quitLeavesUnsaved {
                lines = ["确定退出创业台账吗？", "正在填写的表单未保存：草稿已保留，下次启动时会提示恢复。", "", "Enter / y 退出    其他键 取消（F2 保存）"]
            } else {
                lines = ["确定退出创业台账吗？", "", "Enter / y 退出    其他键 取消"]
            }
        case .confirmClearedFields(let labels, _):
            title = "清除内容？"
            // Wrapped, not cut: the clerk confirms every field named.
            lines = ["改动后下列内容不再适用，保存时将清除："] + wrapped(labels.joined(separator: "、"), maxLines: 6)
                + ["", "Enter / y 清除并保存    Esc 返回修改"]
        case .leaveForm:
            title = "离开表单"
            if case .form(let form) = state.screen, form.draftSlot == nil {
                // Corrections are not drafted: say plainly that leaving gives the changes up.
                lines = ["对这条记录的修改还没有保存。", "离开后这些修改将放弃（记录保持原样）。", "", "Enter / y 放弃修改并离开  Esc 继续修改（F2 保存）"]
            } else {
                lines = ["有未保存的内容。", "草稿已自动保存，下次启动时可恢复。", "", "Enter / y 离开（保留草稿）  d 放弃草稿  Esc 继续编辑"]
            }
        case .recoverDraft(let draft):
            title = "恢复草稿？"
            lines = ["有一份未保存的草稿：\(draft.label)", "",
                     "Enter 恢复    n 新建（草稿保留）    d 放弃草稿并新建    Esc 返回"]
        case .keptDrafts(let list, let discarding):
            let drafts = state.communityDrafts
            title = "未保存的草稿（\(drafts.count)份）"
            if discarding, list.selected < drafts.count {
                let label = DisplayWidth.shortened(drafts[list.selected].label, 50)
                lines = ["放弃草稿“\(label)”？", "放弃后其中填写的内容无法恢复。", "", "Enter / y 放弃    其他键 保留并返回列表"]
            } else {
                lines = ["上次有未保存的表单，选择一份恢复：", ""] + KeptDraftsView.lines(drafts, list)
                    + ["", "↑↓选择  Enter 恢复  d 放弃选中的草稿  Esc 稍后（新建同类表单时再提示）"]
            }
        case .dateRange(let editor):
            title = "日期范围"
            lines = ["只显示日期在此范围内的记录（留空为全部）：", "例如 2024-01-01..2024-06-30、一个月 2024-03，或一年 2024", "", ""]
            input = editor
        case .deleteRecord(let row, let reason, let services):
            title = "删除记录"
            let services: [String] = switch services {
            case nil: ["正在统计此人的服务记录…", ""]
            case 0?: []
            case let n?: wrapped("! " + PersonDeletion.servicesLeft(n) + "。", maxLines: 3) + [""]
            }
            // A long name or title is shortened inside its brackets: the question around it stays whole.
            let name = DisplayWidth.shortened(row.fields["name"] ?? row.fields["title"] ?? "", 16)
            lines = ["删除第\(row.id)号记录（\(name)）？删除后不计入台账和评分，可恢复。", ""]
                + services + [services.isEmpty ? "请填写删除理由后按 Enter（Esc 取消）：" : "确认删除请填写理由后按 Enter（Esc 取消）：", ""]
            input = reason
        case .acceptWarningGroup(let code, let records, let reason):
            title = "确认整组警告"
            var name = code
            if case .checks(let c) = state.screen { name = ChecksScreen.ruleName(code, in: c.items) }
            lines = ["确认“\(name)”的全部\(records.count)条记录的警告？", "每条记录都记下此理由，并记入修改记录。", "",
                     "请填写理由后按 Enter（Esc 取消）：", ""]
            input = reason
        case .exportFile(let kind, let path):
            title = "导出Excel"
            // The workbook is the whole register, as the official form is: a filtered view is not what is exported.
            var whole = ""
            if case .browser(let b) = state.screen, b.isFiltered, case .register = kind { whole = "（整本台账，不按当前筛选）" }
            // The path right under the question; typing replaces the suggestion (← or Home edits it instead).
            let folder = state.documentsFolder.isEmpty ? "当前文件夹" : state.documentsFolder
            lines = ["导出\(kind.title)\(whole)（Excel打印格式）到文件：", "", "",
                     "直接输入即替换；只写文件名时存到 \(folder)", "写文件夹名则存入该文件夹", "Enter 导出    Esc 取消"]
            inputRow = 1
            input = path
        case .confirmOverwrite(_, let path):
            title = "文件已存在"
            lines = ["\(path) 已存在。", "", "y 覆盖    其他键 取消"]
        case .evaluationInput(let prompt, let editor):
            (title, lines, input) = EvaluationScreen.dialog(prompt, editor)
        case .acceptWarning(let finding, let reason, _):
            title = "确认警告"
            lines = wrapped("! " + finding.message, maxLines: 4) + ["", "如确认无误，请填写理由后按 Enter（Esc 取消）：", ""]
            input = reason
        }
        // Wide enough for the text typed too (a suggested path is read from its start), as far as the screen allows.
        let widest = max(lines.map(DisplayWidth.of).max() ?? 0, input.map { DisplayWidth.of($0.text) + 1 } ?? 0)
        let width = min(state.width - 4, max(50, widest) + 4)
        let height = lines.count + 2
        let rect = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 2), width: width, height: height)
        let inner = Panel.draw(title, in: rect, into: &buffer, style: .title)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: inner.x + 1, y: inner.y + i, style: i == 0 ? .title : .plain, maxWidth: inner.width - 2)
        }
        if let input {
            let y = inner.y + (inputRow ?? lines.count - 1)
            let visible = input.visible(width: inner.width - 2)
            buffer.put(DisplayWidth.fit(visible.text, inner.width - 2, ellipsis: false), x: inner.x + 1, y: y, style: .focus)
            buffer.cursor = (inner.x + 1 + visible.cursorColumn, y)
        } else {
            buffer.cursor = nil
        }
    }
}
