import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import LedgerWorkbook
import SafeFiles

/// What `export` writes: a register (CSV or workbook), or one of the documents that exist only as workbooks.
enum ExportSubject: String, ExpressibleByArgument, CaseIterable {
    case survey, service, activity
    /// The self-assessment 评分表.
    case score
    /// The supervisor's overview of communities.
    case overview

    var register: Register? { Register(rawValue: rawValue) }
}

/// The options of `export score` and `export overview`.
struct WorkbookExportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("score：评分表编号（默认按档案级别；街道导出每个街道级评分表）", valueName: "编号"))
    var rubric: String?

    @Option(name: .long, help: ArgumentHelp("overview：只汇总这个街道的社区", valueName: "街道"))
    var street: String?

    @Option(name: .long, help: ArgumentHelp("overview：只汇总这个区县的社区", valueName: "区县"))
    var district: String?
}

/// `chuangye export …` into the official workbooks (LedgerWorkbook): registers in print layout, the 评分表 and the
/// overview. Each is written to a temporary file that WorkbookFile puts in place.
enum WorkbookExport {
    /// `export survey|service|activity FILE.xlsx`.
    static func register(_ register: Register, output: OutputTarget, database: any LedgerStorage, community: Community,
                         global: GlobalOptions, mask: Bool) async throws {
        let count = try await WorkbookFile.write(output) { temporary in
            try await writeRegister(register, to: temporary, database: database, community: community,
                              preparer: database.operatorName, mask: mask)
        }
        print("已导出\(count)条\(register.title)记录到 \(output.path)（Excel打印格式）\(mask ? "（已遮盖身份证号和电话）" : "")")
    }

    /// Writes a register's workbook to `path` (a temporary file); returns the number of records. Also the app's
    /// `e` key in a browser.
    static func writeRegister(_ register: Register, to path: String, database: any LedgerStorage, community: Community,
                              preparer: String, mask: Bool, progress: ((Double) -> Void)? = nil) async throws -> Int {
        try await translating {
            // The share written so far, for the app's progress bar (the records' number is one count query).
            let total = progress == nil ? 0 : try await database.count(register, community: community.code)
            var written = 0
            let writer = try RegisterWorkbookWriter(path: path, register: register, community: community,
                                                    preparer: preparer, today: Day.today(), mask: mask)
            let layout = writer.layout
            let batches = RecordBatches(register: register, community: community.code, database: database) { fields in
                RegisterWorkbookWriter.prepare(fields, layout: layout, mask: mask)
            }
            try await batches.forEach { batch in
                for row in batch { try writer.append(row) }
                written += batch.count
                if total > 0 { progress?(min(1, Double(written) / Double(total))) }
            }
            return try writer.finish()
        }
    }

    /// `export score FILE.xlsx` and `export overview FILE.xlsx`.
    static func run(_ subject: ExportSubject, output: OutputTarget, global: GlobalOptions, target: CommunityOption,
                    options: WorkbookExportOptions) async throws {
        guard output.path.lowercased().hasSuffix(".xlsx") else {
            throw CLIFailure.usage("\(subject == .score ? "评分表" : "汇总表")只能导出为Excel文件，文件名应以 .xlsx 结尾")
        }
        let database = try global.openDatabase()
        switch subject {
        case .score: try await score(output: output, database: database, community: try await target.resolve(in: database), rubric: options.rubric)
        case .overview: try await overview(output: output, database: database, street: options.street, district: options.district)
        case .survey, .service, .activity: break
        }
    }

    static func score(output: OutputTarget, database: any LedgerStorage, community: Community, rubric: String?) async throws {
        let forms = try await WorkbookFile.write(output) { temporary in
            try await writeScore(to: temporary, database: database, community: community, rubric: rubric)
        }
        print("已导出\(community.name)的评分表到 \(output.path)：" + forms.map(summary).joined(separator: "；"))
    }

    /// What one form's export says: the submitted 自评 (and 初评) once submitted, else that the figure is today's
    /// draft; never a recalculation called 自评.
    static func summary(_ form: ScoreWorkbook.Form) -> String {
        let title = form.rubric.title, card = form.card
        guard let e = form.evaluation else { return "\(title) 自评尚未提交，按现在的台账计算为\(card.total)/\(card.max)分" }
        var text = "\(title) 已提交的自评\(e.selfTotal)/\(e.maxTotal)分"
        if let review = e.reviewTotal { text += "，初评\(review)分（\(e.status.rawValue)）" }
        if card.total != e.selfTotal { text += "；按现在的台账计算为\(card.total)分" }
        return text
    }

    /// Writes the 评分表 workbook to `path` (a temporary file); returns its forms. Also the app's `e` key on home.
    static func writeScore(to path: String, database: any LedgerStorage, community: Community, rubric: String?) async throws -> [ScoreWorkbook.Form] {
        let rubrics = try Rubrics.all()
        let chosen: [Rubric]
        if let rubric {
            chosen = [try CommunityScore.rubric(rubric, among: rubrics)]
        } else if community.level == .street {
            // A street is assessed on every street-level table, its default (西宁 street) first.
            let street = rubrics.filter { $0.level == .street }
            let first = Rubrics.defaultId(for: .street)
            chosen = street.filter { $0.id == first } + street.filter { $0.id != first }
        } else {
            chosen = [try CommunityScore.rubric(Rubrics.defaultId(for: community.level), among: rubrics)]
        }
        let facts = try await CommunityScore.facts(community, in: database)
        // The full submission (its checksum recomputed) says whether the registers changed since.
        let evaluation = try await translating { try await (database as? any EvaluationStore)?.evaluation(community: community.code) }
        let forms = chosen.map {
            ScoreWorkbook.Form(rubric: $0, card: ScoreEngine.evaluate($0, facts: facts, checklist: community.checklist), evaluation: evaluation)
        }
        try await translating {
            try ScoreWorkbook.write(path: path, community: community, forms: forms, today: Day.today(), preparer: database.operatorName)
        }
        return forms
    }

    static func overview(output: OutputTarget, database: any LedgerStorage, street: String?, district: String?) async throws {
        guard street == nil || district == nil else { throw CLIFailure.usage("--street 和 --district 只能选一个") }
        let rubric = try CommunityScore.rubric(Rubrics.defaultId(for: .community), among: try Rubrics.all())
        let entries: [OverviewWorkbook.Entry]
        let scope: String?
        do {
            let communities = try await database.communities().filter {
                $0.level == .community && (street == nil || $0.street == street) && (district == nil || $0.district == district)
            }
            guard !communities.isEmpty else {
                throw CLIFailure.data(street.map { "街道“\($0)”下没有社区" } ?? district.map { "区县“\($0)”下没有社区" } ?? "数据库中还没有社区")
            }
            // Kept totals: constant work per community, however large the registers.
            let facts = try await database.scoreFactsByCommunity()
            let counts = try await database.countsByCommunity()
            let evaluations = try await (database as? any EvaluationStore)?.currentEvaluations(community: nil) ?? [:]
            entries = communities.map { c in
                let f = facts[c.code] ?? ScoreFacts()
                let form = ScoreWorkbook.Form(rubric: rubric, card: ScoreEngine.evaluate(rubric, facts: f, checklist: c.checklist))
                return OverviewWorkbook.Entry(community: c, facts: f, persons: counts[c.code]?.persons ?? 0,
                                              services: counts[c.code]?.services ?? 0, form: form, evaluation: evaluations[c.code])
            }
            scope = try await ReadScope.name(street: street, district: district, read: communities, database: database)
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        // A clerk's own communities are named in the workbook's title (the message only counts them).
        let title = scope ?? entries.map(\.community.name).joined(separator: "、")
        try await WorkbookFile.write(output) { temporary in
            try await translating { try OverviewWorkbook.write(path: temporary, scope: title, entries: entries, today: Day.today(),
                                                             preparer: database.operatorName) }
        }
        // 已导出全部3个社区…, 已导出八一路街道2个社区…, 已导出1个社区… (not 全部社区3个社区).
        let reach = scope == ReadScope.allCommunities ? "全部" : scope ?? ""
        print("已导出\(reach)\(entries.count)个社区的汇总表到 \(output.path)")
    }

    /// Workbook and store failures as the CLI's Chinese data errors.
    private static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as WorkbookError {
            throw CLIFailure.data(e.message)
        } catch let e as StoreError {
            throw CLIFailure.data("导出失败：\(e.message)")
        }
    }
}
