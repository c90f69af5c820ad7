import LedgerCore

/// The supervisor's workbook: one row per community with street subtotals and a grand total on the first sheet,
/// then each community's filled-in 评分表 on its own sheet.
public enum OverviewWorkbook {
    /// One community's figures and score.
    public struct Entry: Sendable {
        public let community: Community
        public let facts: ScoreFacts
        public let persons: Int
        public let services: Int
        public let form: ScoreWorkbook.Form
        /// The period's latest submission (nil: not submitted).
        public let evaluation: Evaluation?

        public init(community: Community, facts: ScoreFacts, persons: Int, services: Int, form: ScoreWorkbook.Form,
                    evaluation: Evaluation? = nil) {
            self.community = community
            self.facts = facts
            self.persons = persons
            self.services = services
            self.form = form
            self.evaluation = evaluation
        }
    }

    /// 当前得分 is today's registers against the rubric; 自评总分 only the submitted 自评 and 初评总分 only a begun 初评
    /// (blank otherwise), so no recalculation stands under their names.
    static let headers = ["序号", "区县", "街道", "社区", "社区代码", "城镇劳动者", "摸底人数", "服务次数", "参与创业活动者",
                          "创业参与率", "初期创业者", "带动就业人数", "创业带动就业指数", "当前得分", "自评总分", "初评总分", "评选状态",
                          "错误记录", "警告记录"]
    static let widths: [Double] = [5, 10, 14, 14, 12, 10, 9, 9, 10, 9, 9, 10, 10, 9, 9, 9, statusWidth, 8, 8]
    /// The 评选状态 column: `已签署·已锁定` on one line; a subtotal's counts wrap within it.
    static let statusWidth: Double = 16

    /// Writes the overview of `scope` (`城东区` or `八一路街道`) to `path` (the caller's temporary file).
    public static func write(path: String, scope: String, entries: [Entry], today: Day, preparer: String) throws {
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addSheet("总览")
        let last = headers.count - 1
        func line(_ row: Int, _ text: String, _ style: CellStyle) throws {
            try sheet.string(row, 0, text, style)
            for c in 1 ... last { try sheet.blank(row, c, style) }
            try sheet.merge(row, 0, row, last, text, style)
        }
        try sheet.rowHeight(0, 30)
        try line(0, "\(scope)创建创业型社区情况汇总表", .title)
        try line(1, "统计范围：\(scope)（\(entries.count)个社区）" + FormLines.blank(3) + "填表日期：\(today)", .subtitle)
        try sheet.rowHeight(2, 32)
        for (c, header) in headers.enumerated() { try sheet.string(2, c, header, .header) }

        var row = 3
        var number = 0
        let streets = Dictionary(grouping: entries) { StreetKey(district: $0.community.district, street: $0.community.street) }
        var all = Figures()
        for key in streets.keys.sorted() {
            var subtotal = Figures()
            for entry in streets[key, default: []].sorted(by: { $0.community.code < $1.community.code }) {
                number += 1
                let figures = Figures(entry)
                subtotal += figures
                try sheet.number(row, 0, Double(number), .integer)
                for (c, text) in [entry.community.district, entry.community.street, entry.community.name, entry.community.code].enumerated() {
                    try sheet.string(row, c + 1, text, .text)
                }
                try write(figures, row: row, on: sheet, bold: false)
                try writeScores(entry, row: row, on: sheet)
                row += 1
            }
            try sheet.string(row, 0, "小计", subtotalStyle)
            try sheet.string(row, 1, key.district, subtotalStyle)
            try sheet.string(row, 2, key.street, subtotalStyle)
            try sheet.string(row, 3, "\(streets[key, default: []].count)个社区", subtotalStyle)
            try sheet.blank(row, 4, subtotalStyle)
            try write(subtotal, row: row, on: sheet, bold: true)
            all += subtotal
            row += 1
        }
        // The filter over communities and subtotals before the total row: the library refuses a range ending in a
        // row already final.
        try sheet.autofilter(2, 0, max(2, row - 1), last)
        try sheet.string(row, 0, "合计", subtotalStyle)
        for c in 1 ... 4 { try sheet.blank(row, c, subtotalStyle) }
        try sheet.merge(row, 0, row, 4, "合计", subtotalStyle)
        try write(all, row: row, on: sheet, bold: true)
        try line(row + 2, "注：参与率 = 参与创业活动者 ÷ 城镇劳动者；带动就业指数 = 初期创业者带动就业人数 ÷ 初期创业者人数；小计和合计按汇总后的人数重新计算，"
                 + "评选状态一栏数各状态的社区。当前得分按今天的台账计算；自评总分为社区提交的自评，初评总分为督导的初评（未提交、未开始的为空）。", .note)
        for (c, width) in widths.enumerated() { try sheet.columnWidth(c, width) }
        sheet.freeze(rows: 3, columns: 4)
        try sheet.printSetup(landscape: true, repeatRows: 2 ... 2)

        var used: Set<String> = ["总览"]
        for entry in entries.sorted(by: { ($0.community.district, $0.community.street, $0.community.code) < ($1.community.district, $1.community.street, $1.community.code) }) {
            var name = SheetName.clean(entry.community.name)
            if used.contains(name) { name = SheetName.clean(String(entry.community.name.prefix(18)) + "（\(entry.community.code)）") }
            used.insert(name)
            let form = ScoreWorkbook.Form(rubric: entry.form.rubric, card: entry.form.card, sheetName: name, evaluation: entry.evaluation)
            try ScoreSheetWriter.write(form, community: entry.community, today: today, preparer: preparer, into: workbook)
        }
        try workbook.close()
    }

    static let subtotalStyle = CellStyle(bold: true, border: true, fill: 0xF2F2F2)

    /// The figures of columns 城镇劳动者 … 带动就业指数 and 错误记录, 警告记录; for a subtotal also the 评选状态 count and
    /// blank score cells (scores of different communities are not summed).
    private static func write(_ f: Figures, row: Int, on sheet: Sheet, bold: Bool) throws {
        var integer = CellStyle.integer, percent = CellStyle(align: .right, border: true, numberFormat: "0.00%")
        var index = CellStyle(align: .right, border: true, numberFormat: "0.00")
        if bold {
            integer.bold = true
            percent.bold = true
            index.bold = true
            integer.fill = subtotalStyle.fill
            percent.fill = subtotalStyle.fill
            index.fill = subtotalStyle.fill
        }
        let counts = [f.labourForce, f.persons, f.services, f.participants]
        for (i, n) in counts.enumerated() { try sheet.number(row, 5 + i, Double(n), integer) }
        if f.labourForce > 0 { try sheet.number(row, 9, Double(f.participants) / Double(f.labourForce), percent) } else {
            try sheet.blank(row, 9, percent)
        }
        try sheet.number(row, 10, Double(f.entrepreneurs), integer)
        try sheet.number(row, 11, Double(f.jobs), integer)
        if f.entrepreneurs > 0 { try sheet.number(row, 12, Double(f.jobs) / Double(f.entrepreneurs), index) } else {
            try sheet.blank(row, 12, index)
        }
        if bold {
            for c in 13 ... 15 { try sheet.blank(row, c, integer) }
            var text = CellStyle(wrap: true, border: true, numberFormat: "@")
            text.bold = true
            text.fill = subtotalStyle.fill
            // Counts of several statuses wrap inside the column (they ran over the page's edge unwrapped).
            try sheet.rowHeight(row, Double(Text.lines(f.statusText, width: Int(statusWidth) - 2)) * 13 + 4)
            try sheet.string(row, 16, f.statusText, text)
        }
        try sheet.number(row, 17, Double(f.errors), integer)
        try sheet.number(row, 18, Double(f.warnings), integer)
    }

    /// A community's 当前得分, 自评总分, 初评总分 and 评选状态.
    private static func writeScores(_ entry: Entry, row: Int, on sheet: Sheet) throws {
        try sheet.number(row, 13, entry.form.card.total.asDouble, .points)
        if let e = entry.evaluation { try sheet.number(row, 14, e.selfTotal.asDouble, .points) } else { try sheet.blank(row, 14, .points) }
        if let review = entry.evaluation?.reviewTotal { try sheet.number(row, 15, review.asDouble, .points) } else {
            try sheet.blank(row, 15, .points)
        }
        try sheet.string(row, 16, EvaluationStatus(entry.evaluation).rawValue, .text)
    }

    struct StreetKey: Hashable, Comparable {
        let district: String
        let street: String
        static func < (a: StreetKey, b: StreetKey) -> Bool { (a.district, a.street) < (b.district, b.street) }
    }

    /// Summable counts; rates are recomputed from them, never averaged.
    struct Figures {
        var labourForce = 0, persons = 0, services = 0, participants = 0, entrepreneurs = 0, jobs = 0, errors = 0, warnings = 0
        /// Communities by evaluation status.
        var statuses: [EvaluationStatus: Int] = [:]

        init() {}

        /// `已提交1，已签署·已锁定1，未提交1`: each status that occurs with its number of communities.
        var statusText: String {
            EvaluationStatus.allCases.compactMap { s in statuses[s].map { "\(s.rawValue)\($0)" } }.joined(separator: "，")
        }

        init(_ e: Entry) {
            labourForce = e.community.labourForce
            persons = e.persons
            services = e.services
            participants = e.facts[.participants]
            entrepreneurs = e.facts[.entrepreneurs]
            jobs = e.facts[.entrepreneurJobs]
            errors = e.facts[.errorRecords]
            warnings = e.facts[.warningRecords]
            statuses = [EvaluationStatus(e.evaluation): 1]
        }

        static func += (a: inout Figures, b: Figures) {
            a.labourForce += b.labourForce
            a.persons += b.persons
            a.services += b.services
            a.participants += b.participants
            a.entrepreneurs += b.entrepreneurs
            a.jobs += b.jobs
            a.errors += b.errors
            a.warnings += b.warnings
            a.statuses.merge(b.statuses, uniquingKeysWith: +)
        }
    }
}
