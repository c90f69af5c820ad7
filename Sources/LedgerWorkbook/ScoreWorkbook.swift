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
    /// One 评分表: a rubric and the community's score against it, with the period's submitted 自评 when there is
    /// one for this rubric.
    public struct Form: Sendable {
        public let rubric: Rubric
        /// The live score from today's registers (before a submission, the draft of the 自评).
        public let card: ScoreCard
        /// The sheet's name (at most 31 characters; the rubric's title when nil).
        public let sheetName: String?
        /// The submitted 自评 of the period with its 初评 (only one against this rubric: another rubric's points
        /// are not this form's).
        public let evaluation: Evaluation?

        public init(rubric: Rubric, card: ScoreCard, sheetName: String? = nil, evaluation: Evaluation? = nil) {
            self.rubric = rubric
            self.card = card
            self.sheetName = sheetName
            self.evaluation = evaluation?.rubricId == rubric.id ? evaluation : nil
        }

        /// The total the sheet's 自评得分 column sums to: the submitted one once submitted.
        public var selfTotal: Points { evaluation?.selfTotal ?? card.total }
    }

    /// Writes one sheet per form to `path` (the caller's temporary file); `preparer` is the 填表人 (the operator) of a form not yet
    /// submitted; a submitted one names its submitter.
    public static func write(path: String, community: Community, forms: [Form], today: Day, preparer: String) throws {
        let workbook = try Workbook(path: path)
        for form in forms {
            try ScoreSheetWriter.write(form, community: community, today: today, preparer: preparer, into: workbook)
        }
        try workbook.close()
    }
}

/// Writes one 评分表 sheet into a workbook (the score export and each community of the overview).
enum ScoreSheetWriter {
    static let headerRow = 3

    /// The columns: 初评得分 only once a 初评 has begun.
    static func columns(review: Bool) -> [(header: String, width: Double)] {
        [("序号", 5), ("考评项目", 18), ("考评标准", 34), ("基本分", 7), ("考评方法", 34), ("自评得分", 8)]
            + (review ? [("初评得分", 8)] : []) + [("计算依据", review ? 30 : 34)]
    }

    static func write(_ form: ScoreWorkbook.Form, community: Community, today: Day, preparer: String, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(SheetName.clean(form.sheetName ?? form.rubric.title))
        let content = ScoreSheetRows(form)
        let columns = columns(review: content.hasReview)
        let last = columns.count - 1
        let basis = last, reviewColumn = content.hasReview ? 6 : nil
        func line(_ row: Int, _ text: String, _ style: CellStyle, height: Double? = nil) throws {
            if let height { try sheet.rowHeight(row, height) }
            try sheet.string(row, 0, text, style)
            for c in 1 ... last { try sheet.blank(row, c, style) }
            try sheet.merge(row, 0, row, last, text, style)
        }
        let date = ScoreSheetRows.date(form, today: today)
        try line(0, form.rubric.title, .title, height: 30)
        try line(1, applicant(community), .subtitle, height: 20)
        try line(2, "考核期：\(community.period.start) 至 \(community.period.end)" + FormLines.blank(6)
                 + "日期：\(date.year)年\(date.month)月\(date.day)日", .subtitle, height: 20)
        try sheet.rowHeight(headerRow, 22)
        for (c, column) in columns.enumerated() { try sheet.string(headerRow, c, column.header, .header) }

        var row = headerRow + 1
        var group: String?
        for (index, item) in content.rows.enumerated() {
            if let g = item.group, g != group {
                try line(row, "【\(g)】", CellStyle(bold: true, align: .left, border: true))
                group = g
                row += 1
            }
            let lines = [item.standard, item.method].map { Text.lines($0, width: 28) }
                + [item.explanation.split(separator: "\n").reduce(0) { $0 + Text.lines(String($1), width: 24) }]
            try sheet.rowHeight(row, Double(min(max(lines.max() ?? 1, 2), 20)) * 13 + 4)
            try sheet.number(row, 0, Double(index + 1), .points)
            try sheet.string(row, 1, (item.inferred ? "※" : "") + item.title, .wrappedText)
            try sheet.string(row, 2, item.standard, .wrappedText)
            try sheet.number(row, 3, item.max.asDouble, .points)
            try sheet.string(row, 4, item.method, .wrappedText)
            try sheet.number(row, 5, item.selfPoints.asDouble, .points)
            if let reviewColumn, let review = item.review { try sheet.number(row, reviewColumn, review.asDouble, .points) }
            try sheet.string(row, basis, item.explanation, .wrappedText)
            row += 1
        }
        let total = row
        let bold = CellStyle(bold: true, align: .center, border: true)
        let boldPoints = CellStyle(bold: true, align: .center, border: true, numberFormat: "0.##")
        try sheet.rowHeight(total, 22)
        try sheet.string(total, 0, "合计", bold)
        for c in 1 ... 2 { try sheet.blank(total, c, bold) }
        try sheet.merge(total, 0, total, 2, "合计", bold)
        try sheet.number(total, 3, content.maxTotal.asDouble, boldPoints)
        try sheet.blank(total, 4, bold)
        try sheet.number(total, 5, content.selfTotal.asDouble, boldPoints)
        if let reviewColumn, let review = content.reviewTotal { try sheet.number(total, reviewColumn, review.asDouble, boldPoints) }
        try sheet.string(total, basis, "满分\(content.maxTotal)分，自评\(content.selfTotal)分"
                         + (content.reviewTotal.map { "，初评\($0)分" } ?? ""), .wrappedText)

        var next = total + 1
        for text in ScoreSheetRows.standing(form) {
            try line(next, text, CellStyle(bold: true, size: 10, align: .left, wrap: true), height: 18)
            next += 1
        }
        let inferred = content.rows.contains { $0.inferred }
        var notes = form.evaluation == nil
            ? "注：自评尚未提交，自评得分为按今天的台账数据按《\(form.rubric.title)》计算的草稿，计算依据列出所用数字。"
            : "注：自评得分为提交时按台账数据按《\(form.rubric.title)》计算并冻结的分数，计算依据列出提交时所用数字。"
        if inferred { notes += RubricItem.Source.inferredMeaning + "。" }
        notes += "依据：\(form.rubric.citation)"
        try line(next, notes, .note, height: Double(Text.lines(notes, width: 150) * 13 + 6))
        // A submitted form was filled in by whoever submitted it, whoever prints it; a draft by the operator.
        let filledBy = form.evaluation?.submittedBy ?? preparer
        try line(next + 2, "负责人（签字）：" + FormLines.blank(12) + "填表人（签字）：\(filledBy)" + FormLines.blank(12)
                 + "日期：\(date.year)年\(date.month)月\(date.day)日", .signature, height: 24)

        for (c, column) in columns.enumerated() { try sheet.columnWidth(c, column.width) }
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
