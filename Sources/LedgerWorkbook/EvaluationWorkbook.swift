import LedgerCore

/// The 初评 result (issue 23 item 6) as a workbook of two sheets:
///
/// ```
/// 初评结果   title; community, period, rubric; submission (who, when, checksum, changes since); sign-off
///            序号 | 评分项 | 满分 | 自评得分 | 初评得分 | 差异 | 初评理由 | 初评人 | 初评时间 | 自评计算依据
///            one row per item; 合计
/// 抽样核实   title; seed, size, strata; progress and discrepancy rate
///            序号 | 姓名 | 公民身份号码 | 创业状态 | 核实结果 | 说明 | 核实人 | 核实时间 | 核实后更正 | 同时抽查的服务
/// 市级考评   (once the city began) the items with 自评, 初评 and 市级 side by side, the city's reasons
/// 市级抽样核实 the city's own draw, as 抽样核实
/// ```
public enum EvaluationWorkbook {
    /// Writes the workbook to `path` (the caller's temporary file); `mask` hides the middle of ID numbers.
    public static func write(path: String, evaluation e: Evaluation, city review: CityReview? = nil, community: Community,
                             mask: Bool) throws {
        let workbook = try Workbook(path: path)
        try writeItems(e, community: community, into: workbook)
        try writeSample(e.sample, sheetName: "抽样核实", title: "\(community.name)随机抽样核实", mask: mask, signed: e.isSigned, into: workbook)
        if let review, let city = review.city {
            try writeCityItems(review, city: city, community: community, into: workbook)
            try writeSample(city.sample, sheetName: "市级抽样核实", title: "\(community.name)市级考评随机抽样核实", mask: mask,
                            signed: city.isSigned, into: workbook)
        }
        try workbook.close()
    }

    static let cityHeaders = ["序号", "评分项", "满分", "自评得分", "初评得分", "市级得分", "差异", "市级理由", "市级考评人", "市级考评时间"]
    static let cityWidths: [Double] = [5, 24, 7, 8, 8, 8, 7, 28, 10, 18]

    static func writeCityItems(_ review: CityReview, city: Evaluation, community: Community, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet("市级考评")
        let last = cityHeaders.count - 1
        let e = review.district
        try heading(sheet, last: last, title: "\(community.name)市级考评结果", lines: [
            "社区：\(community.name)（\(community.code)）" + FormLines.blank(3) + "考核期：\(e.period.start) 至 \(e.period.end)"
                + FormLines.blank(3) + "评分表：\(e.rubricTitle)",
            "推荐：" + (e.recommendation.map { "\($0.by) \(TimeText.shown($0.at))" } ?? "") + FormLines.blank(3)
                + "市级考评开始：\(city.submittedBy) \(TimeText.shown(city.submittedAt))",
            "市级考评签署：" + (city.signature.map { "\($0.by) \(TimeText.shown($0.at))（锁定保持）" + (city.lastUnlock.map { "（\($0.before)）" } ?? "") }
                            ?? "未签署" + (city.lastUnlock.map { "（\($0.text)）" } ?? "")),
        ])
        let headerRow = 4
        try sheet.rowHeight(headerRow, 22)
        for (c, header) in cityHeaders.enumerated() { try sheet.string(headerRow, c, header, .header) }
        var row = headerRow + 1
        for (index, item) in e.items.enumerated() {
            let a = review.cityAdjustment(item)
            let district = review.districtPoints(item), points = review.cityPoints(item)
            let lines = [Text.lines(item.title, width: 22), Text.lines(a?.reason ?? "", width: 26)].max() ?? 1
            try sheet.rowHeight(row, Double(min(max(lines, 1), 20)) * 13 + 6)
            try sheet.number(row, 0, Double(index + 1), .points)
            try sheet.string(row, 1, (item.source == .inferred ? "※" : "") + item.title, .wrappedText)
            try sheet.number(row, 2, item.max.asDouble, .points)
            try sheet.number(row, 3, item.points.asDouble, .points)
            try sheet.number(row, 4, district.asDouble, .points)
            try sheet.number(row, 5, points.asDouble, .points)
            try sheet.number(row, 6, (points - district).asDouble, difference)
            try sheet.string(row, 7, a?.reason ?? "", .wrappedText)
            try sheet.string(row, 8, a?.by ?? "", .centeredText)
            try sheet.string(row, 9, TimeText.shown(a?.at), .centeredText)
            row += 1
        }
        let bold = CellStyle(bold: true, align: .center, border: true, numberFormat: "0.##")
        try sheet.rowHeight(row, 22)
        try sheet.string(row, 0, "合计", bold)
        try sheet.blank(row, 1, bold)
        try sheet.merge(row, 0, row, 1, "合计", bold)
        try sheet.number(row, 2, e.maxTotal.asDouble, bold)
        try sheet.number(row, 3, e.selfTotal.asDouble, bold)
        try sheet.number(row, 4, e.evaluatedTotal.asDouble, bold)
        try sheet.number(row, 5, review.cityTotal.asDouble, bold)
        try sheet.number(row, 6, (review.cityTotal - e.evaluatedTotal).asDouble,
                         CellStyle(bold: true, align: .center, border: true, numberFormat: "+0.##;-0.##;0;@"))
        let changed = city.differingItems
        try sheet.string(row, 7, changed == 0 ? "市级考评未改分" : "市级考评改分\(changed)项", .wrappedText)
        for c in 8 ... last { try sheet.blank(row, c, .text) }
        for (c, width) in cityWidths.enumerated() { try sheet.columnWidth(c, width) }
        sheet.freeze(rows: headerRow + 1, columns: 0)
        try sheet.printSetup(landscape: true, repeatRows: headerRow ... headerRow)
    }

    static let itemHeaders = ["序号", "评分项", "满分", "自评得分", "初评得分", "差异", "初评理由", "初评人", "初评时间", "自评计算依据"]
    static let itemWidths: [Double] = [5, 24, 7, 8, 8, 7, 28, 10, 18, 40]
    static let sampleHeaders = ["序号", "姓名", "公民身份号码", "分层", "核实结果", "说明", "核实人", "核实时间", "核实后更正", "抽查的服务"]
    static let sampleWidths: [Double] = [5, 10, 21, 12, 10, 34, 10, 18, 12, 30]
    /// Display columns of text a line of the 抽查的服务 column holds (its width less the cell's padding).
    static let serviceColumnText = 27
    /// A difference shows its sign (`+1`, `-0.5`); no difference stays empty.
    static let difference = CellStyle(align: .center, border: true, numberFormat: "+0.##;-0.##;;@")

    static func writeItems(_ e: Evaluation, community: Community, into workbook: Workbook) throws {
        let sheet = try workbook.addSheet("初评结果")
        let last = itemHeaders.count - 1
        try heading(sheet, last: last, title: "\(community.name)创建工作初评结果", lines: [
            "社区：\(community.name)（\(community.code)）" + FormLines.blank(3) + "考核期：\(e.period.start) 至 \(e.period.end)"
                + FormLines.blank(3) + "评分表：\(e.rubricTitle)",
            "自评提交：\(e.submittedBy) \(TimeText.shown(e.submittedAt))" + FormLines.blank(3) + "台账校验码：\(e.checksum)" + FormLines.blank(3)
                + (e.outdatedNotice ?? "提交后台账未修改") + (e.replaced.map { FormLines.blank(3) + "重新提交：本份\($0.text)" } ?? ""),
            "初评签署：" + (e.signature.map { "\($0.by) \(TimeText.shown($0.at))（已锁定）" + (e.lastUnlock.map { "（\($0.before)）" } ?? "") }
                            ?? "未签署" + (e.lastUnlock.map { "（\($0.text)）" } ?? ""))
                + (e.recommendation.map { FormLines.blank(3) + "推荐市级考评：\($0.by) \(TimeText.shown($0.at))" } ?? ""),
        ])
        let headerRow = 4
        try sheet.rowHeight(headerRow, 22)
        for (c, header) in itemHeaders.enumerated() { try sheet.string(headerRow, c, header, .header) }
        var row = headerRow + 1
        for (index, item) in e.items.enumerated() {
            let a = e.adjustments[item.id]
            let evaluated = e.evaluatedPoints(item)
            let basis = item.measured.isEmpty ? item.explanation : item.measured
            let lines = [Text.lines(item.title, width: 22), Text.lines(a?.reason ?? "", width: 26), Text.lines(basis, width: 38)].max() ?? 1
            try sheet.rowHeight(row, Double(min(max(lines, 1), 20)) * 13 + 6)
            try sheet.number(row, 0, Double(index + 1), .points)
            try sheet.string(row, 1, (item.source == .inferred ? "※" : "") + item.title, .wrappedText)
            try sheet.number(row, 2, item.max.asDouble, .points)
            try sheet.number(row, 3, item.points.asDouble, .points)
            try sheet.number(row, 4, evaluated.asDouble, .points)
            try sheet.number(row, 5, (evaluated - item.points).asDouble, difference)
            try sheet.string(row, 6, a?.reason ?? "", .wrappedText)
            try sheet.string(row, 7, a?.by ?? "", .centeredText)
            try sheet.string(row, 8, TimeText.shown(a?.at), .centeredText)
            try sheet.string(row, 9, basis, .wrappedText)
            row += 1
        }
        let bold = CellStyle(bold: true, align: .center, border: true, numberFormat: "0.##")
        try sheet.rowHeight(row, 22)
        try sheet.string(row, 0, "合计", bold)
        try sheet.blank(row, 1, bold)
        try sheet.merge(row, 0, row, 1, "合计", bold)
        try sheet.number(row, 2, e.maxTotal.asDouble, bold)
        try sheet.number(row, 3, e.selfTotal.asDouble, bold)
        try sheet.number(row, 4, e.evaluatedTotal.asDouble, bold)
        try sheet.number(row, 5, (e.evaluatedTotal - e.selfTotal).asDouble,
                         CellStyle(bold: true, align: .center, border: true, numberFormat: "+0.##;-0.##;0;@"))
        let changed = e.differingItems
        try sheet.string(row, 6, changed == 0 ? "初评未改分" : "初评改分\(changed)项", .wrappedText)
        for c in 7 ... last { try sheet.blank(row, c, .text) }
        for (c, width) in itemWidths.enumerated() { try sheet.columnWidth(c, width) }
        sheet.freeze(rows: headerRow + 1, columns: 0)
        try sheet.printSetup(landscape: true, repeatRows: headerRow ... headerRow)
    }

    static func writeSample(_ sample: SpotCheckSample?, sheetName: String, title: String, mask: Bool, signed: Bool,
                            into workbook: Workbook) throws {
        let sheet = try workbook.addSheet(sheetName)
        let last = sampleHeaders.count - 1
        guard let s = sample else {
            try heading(sheet, last: last, title: title, lines: ["尚未抽样"])
            for (c, width) in sampleWidths.enumerated() { try sheet.columnWidth(c, width) }
            return
        }
        try heading(sheet, last: last, title: title, lines: [
            (s.concealed ? "签署前不公开名单" : "种子 \(s.seed)") + FormLines.blank(2) + "\(s.sizeText)（\(s.strataText)）" + FormLines.blank(2)
                + "\(s.drawnBy) \(TimeText.shown(s.drawnAt))抽取",
            s.progressText,
        ])
        let headerRow = 3
        try sheet.rowHeight(headerRow, 22)
        for (c, header) in sampleHeaders.enumerated() { try sheet.string(headerRow, c, header, .header) }
        var row = headerRow + 1
        for c in s.checks {
            let service = c.service.map { (c.forService ? "单独抽查：" : "同时抽查：") + $0.text } ?? ""
            // The service wraps inside its column (the last): unwrapped, it ran past the page's edge and was cut off
            // in print. The row is as tall as the longer of the note and the service.
            let lines = max(Text.lines(c.note ?? "", width: 32), Text.lines(service, width: serviceColumnText))
            try sheet.rowHeight(row, Double(min(max(lines, 1), 20)) * 13 + 6)
            try sheet.number(row, 0, Double(c.position), .points)
            try sheet.string(row, 1, c.name, .text)
            try sheet.string(row, 2, mask ? SensitiveNumbers.masked(c.idNumber) : c.idNumber, .text)
            try sheet.string(row, 3, c.stratum, .centeredText)
            try sheet.string(row, 4, c.result?.rawValue ?? "未核实", .centeredText)
            try sheet.string(row, 5, c.note ?? "", .wrappedText)
            try sheet.string(row, 6, c.checkedBy ?? "", .centeredText)
            try sheet.string(row, 7, TimeText.shown(c.checkedAt), .centeredText)
            try sheet.string(row, 8, correction(c, signed: signed), .centeredText)
            try sheet.string(row, 9, service, .wrappedText)
            row += 1
        }
        for (c, width) in sampleWidths.enumerated() { try sheet.columnWidth(c, width) }
        sheet.freeze(rows: headerRow + 1, columns: 0)
        try sheet.printSetup(landscape: true, repeatRows: headerRow ... headerRow)
    }

    /// What became of a 不属实 record (`SpotCheck.correctionLongText`: 社区已更正N处, 待社区更正, or 签署时未更正 once signed);
    /// for another result the changes since the check; then a change after the draw the check does not explain.
    static func correction(_ c: SpotCheck, signed: Bool) -> String {
        let after = c.result == nil || c.result == .untrue || c.changesSinceCheck == 0 ? nil : "已修改\(c.changesSinceCheck)处"
        let untrue = c.correctionLongText(signed: signed)
        return [untrue ?? after, c.changedAfterDrawText].compactMap { $0 }.joined(separator: "；")
    }

    /// A merged title line and merged lines of text under it (rows 0…).
    static func heading(_ sheet: Sheet, last: Int, title: String, lines: [String]) throws {
        func line(_ row: Int, _ text: String, _ style: CellStyle, height: Double) throws {
            try sheet.rowHeight(row, height)
            try sheet.string(row, 0, text, style)
            for c in 1 ... last { try sheet.blank(row, c, style) }
            try sheet.merge(row, 0, row, last, text, style)
        }
        try line(0, title, .title, height: 30)
        for (i, text) in lines.enumerated() { try line(i + 1, text, .subtitle, height: 20) }
    }
}
