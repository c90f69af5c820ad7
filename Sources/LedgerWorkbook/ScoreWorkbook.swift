import LedgerCore
import TerminalUI

/// The self-assessment (评分表, seed 000 附件1) in its own layout, filled in:
///
/// ```
/// 1  西宁市创建创业型社区评分表                                  (title, merged)
/// 2  申报单位：城东区（县）八一路街道（镇）八一路社区  负责人：…  联系电话：…
/// 3  考核期：…                                    日期：2024年12月31日
/// 4  序号 | 考评项目 | 考评标准 | 基本分 | 考评方法 | 自评得分 | 计算依据
/// 5… one row per item (※ = inferred, with what it was inferred from); 合计; notes; signature and date
/// ```
public enum ScoreWorkbook {
    /// One 评分表: a rubric and the community's score against it.
    public struct Form: Sendable {
        public let rubric: Rubric
        public let card: ScoreCard
        /// The sheet's name (at most 31 characters; the rubric's title when nil).
        public let sheetName: String?

        public init(rubric: Rubric, card: ScoreCard, sheetName: String? = nil) {
            self.rubric = rubric
            self.card = card
            self.sheetName = sheetName
        }
    }

    /// Writes one sheet per form to `path` (the caller's temporary file).
    public static func write(path: String, community: Community, forms: [Form], today: Day) throws {
        let workbook = try Workbook(path: path)
        for form in forms {
            try ScoreSheetWriter.write(form, community: community, today: today, into: workbook)
        }
        try workbook.close()
    }
}

/// Writes one 评分表 sheet into a workbook (the score export and each community of the overview).
enum ScoreSheetWriter {
    static let headers = ["序号", "考评项目", "考评标准", "基本分", "考评方法", "自评得分", "计算依据"]
    static let widths: [Double] = [5, 18, 34, 7, 34, 8, 34]
    static let headerRow = 3

    static func write(_ form: ScoreWorkbook.Form, community: Community, today: Day, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(SheetName.clean(form.sheetName ?? form.rubric.title))
        let last = headers.count - 1
        func line(_ row: Int, _ text: String, _ style: CellStyle, height: Double? = nil) throws {
            if let height { try sheet.rowHeight(row, height) }
            try sheet.string(row, 0, text, style)
            for c in 1 ... last { try sheet.blank(row, c, style) }
            try sheet.merge(row, 0, row, last, text, style)
        }
        try line(0, form.rubric.title, .title, height: 30)
        try line(1, applicant(community), .subtitle, height: 20)
        try line(2, "考核期：\(community.period.start) 至 \(community.period.end)" + FormLines.blank(6)
                 + "日期：\(today.year)年\(today.month)月\(today.day)日", .subtitle, height: 20)
        try sheet.rowHeight(headerRow, 22)
        for (c, header) in headers.enumerated() { try sheet.string(headerRow, c, header, .header) }

        var row = headerRow + 1
        var group: String?
        for (index, item) in form.card.items.enumerated() {
            if let g = item.group, g != group {
                try line(row, "【\(g)】", CellStyle(bold: true, align: .left, border: true))
                group = g
                row += 1
            }
            let rubricItem = form.rubric.item(item.id)
            let standard = rubricItem?.standard ?? item.title
            let method = rubricItem?.method ?? (item.source == .inferred ? inferredNote(standard) : "")
            let texts = [standard, method, item.explanation]
            let lines = texts.map { Text.lines($0, width: 28) }.max() ?? 1
            try sheet.rowHeight(row, Double(min(max(lines, 2), 20)) * 13 + 4)
            try sheet.number(row, 0, Double(index + 1), .points)
            try sheet.string(row, 1, (item.source == .inferred ? "※" : "") + item.title, .wrappedText)
            try sheet.string(row, 2, standard, .wrappedText)
            try sheet.number(row, 3, item.max.asDouble, .points)
            try sheet.string(row, 4, method, .wrappedText)
            try sheet.number(row, 5, item.points.asDouble, .points)
            try sheet.string(row, 6, item.explanation, .wrappedText)
            row += 1
        }
        let total = row
        let bold = CellStyle(bold: true, align: .center, border: true)
        try sheet.rowHeight(total, 22)
        try sheet.string(total, 0, "合计", bold)
        for c in 1 ... 2 { try sheet.blank(total, c, bold) }
        try sheet.merge(total, 0, total, 2, "合计", bold)
        try sheet.number(total, 3, form.card.max.asDouble, CellStyle(bold: true, align: .center, border: true, numberFormat: "0.##"))
        try sheet.blank(total, 4, bold)
        try sheet.number(total, 5, form.card.total.asDouble, CellStyle(bold: true, align: .center, border: true, numberFormat: "0.##"))
        try sheet.string(total, 6, "满分\(form.card.max)分，自评\(form.card.total)分", .wrappedText)

        let inferred = form.card.items.contains { $0.source == .inferred }
        var notes = "注：自评得分由台账数据按《\(form.rubric.title)》计算，计算依据列出所用数字。"
        if inferred { notes += "标※的项为原评分表未列、依据方案文字推定的评分项。" }
        notes += "依据：\(form.rubric.citation)"
        try line(total + 1, notes, .note, height: Double(Text.lines(notes, width: 150) * 13 + 6))
        try line(total + 3, "负责人（签字）：" + FormLines.blank(12) + "填表人（签字）：" + FormLines.blank(12)
                 + "日期：" + FormLines.blank(4) + "年" + FormLines.blank(3) + "月" + FormLines.blank(3) + "日", .signature, height: 24)

        for (c, width) in widths.enumerated() { try sheet.columnWidth(c, width) }
        sheet.freeze(rows: headerRow + 1, columns: 0)
        try sheet.printSetup(landscape: true, repeatRows: headerRow ... headerRow)
    }

    /// `申报单位：城东区（县）八一路街道（镇）八一路社区  负责人：…  联系电话：…`, as the form prints it.
    static func applicant(_ c: Community) -> String {
        let unit = c.level == .street ? "\(c.district)（区县）\(c.name)（街道）"
            : "\(c.district)（区县）\(c.street)（街道）\(c.name)（社区）"
        return "申报单位：\(unit)" + FormLines.blank(3) + "负责人：\(c.leader ?? "")" + FormLines.blank(3)
            + "联系电话：\(c.phone ?? "")"
    }

    /// What an inferred item was inferred from: the clause its standard names (`创建标准（七）`).
    static func inferredNote(_ standard: String) -> String {
        let source = standard.split(separator: "：", maxSplits: 1).first.map(String.init) ?? ""
        let clause = standard.contains("：") && source.count <= 12 ? source : "实施方案"
        return "※ 原评分表未列此项，依据\(clause)推定；按本系统规则计分。"
    }
}

/// Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`.
enum SheetName {
    static func clean(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }
}

/// Wrapped-line estimates by display width, for row heights (Excel does not grow rows on opening).
enum Text {
    static func lines(_ text: String, width: Int) -> Int {
        guard width > 0 else { return 1 }
        return max(1, (DisplayWidth.of(text) + width - 1) / width)
    }
}
