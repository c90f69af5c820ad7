import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "根据档案文件建立或更新社区档案与自评清单",
        discussion: """
        档案文件为 TOML 格式，含 [community]（code、name、street、district、level、labour_force、period，可选 leader 负责人、phone 联系电话）
        和 [checklist]（"评分项名称" = 自评得分，如 "成立创建工作领导小组" = 2；也可写评分项编号）。再次运行会更新同一社区代码的档案：文件中没有写的负责人、联系电话和自评项保持原值。
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("社区档案文件（TOML）", valueName: "文件"))
    var profile: String

    @Option(name: .long, help: ArgumentHelp("确认城镇劳动者总数的警告并记录此理由（记入修改记录）", valueName: "理由"))
    var acceptWarnings: String?

    func validate() throws {
        if let refusal = WrittenReason.refusal(acceptWarnings.flatMap(Normalize.optional), "--accept-warnings 的理由") {
            throw ValidationError(refusal)
        }
    }

    func run() async throws {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: profile))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIFailure.data("档案文件 \(profile) 不是UTF-8编码")
            }
            text = decoded
        } catch let e as CLIFailure { throw e } catch {
            throw CLIFailure.data("无法读取档案文件 \(profile)：\(FileProblem.reason(error, path: profile))")
        }
        let file = try ProfileFile.parse(text)
        var community = try Self.community(from: file, rubrics: try Rubrics.all())
        let database = try global.openDatabase(creating: true)
        let existing = try await database.community(code: community.code)
        let existed = existing != nil
        // Updating from a file: what the file does not write stays as it is (a leader or phone entered on the
        // profile screen is not blanked by a file without them; checklist answers are kept by the store).
        if let existing {
            if file.community["leader"] == nil { community.leader = existing.leader }
            if file.community["phone"] == nil { community.phone = existing.phone }
        }
        do {
            if let existing {
                // A labour force far from the last one, or below the persons registered, is checked as the
                // profile screen checks it: saved only with a reason, which the history keeps.
                let registered = try await database.scoreFacts(community: community.code)[.registered]
                let warnings = community.labourForce == existing.labourForce ? []
                    : LabourForceCheck.warnings(community.labourForce, .init(registered: registered, saved: existing.labourForce))
                let reason = acceptWarnings.flatMap(Normalize.optional)
                if !warnings.isEmpty && reason == nil {
                    throw CLIFailure.data("社区档案未更新：\n  " + warnings.map(\.message).joined(separator: "\n  ")
                                          + "\n核对无误时请加 --accept-warnings 理由 再运行")
                }
                let accepted = Dictionary(warnings.map { ($0.code, reason ?? "") }, uniquingKeysWith: { first, _ in first })
                try await database.saveProfile(ProfileEdit(original: existing, edited: community.checklistKept(from: existing),
                                                           acceptedWarnings: accepted))
            } else {
                try await database.saveCommunity(community)
            }
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        print("\(existed ? "已更新" : "已建立")社区档案：\(community.name)（\(community.code)），考核期 \(community.period)，城镇劳动者 \(community.labourForce) 人")
        // A new period counts every register again: what the score is now, so a wrong year is seen at once.
        if let existing, existing.period != community.period, community.level == .community,
           let saved = try? await database.community(code: community.code) {
            let (card, facts) = try await CommunityScore.card(saved, in: database)
            print("考核期由 \(existing.period) 改为 \(saved.period)：各台账已按新考核期重新计算，"
                  + "本期摸底登记\(facts[.registered])人、参与创业活动者\(facts[.participants])人，评分 \(card.total)/\(card.max)")
        }
        print("数据库：\(global.databasePath)")
    }

    /// The checklist item a key names: its id, or the id of the item with that title.
    static func itemId(_ key: String, rubrics: [Rubric]) -> String {
        if rubrics.contains(where: { $0.item(key) != nil }) { return key }
        return rubrics.lazy.flatMap(\.items).first { $0.title == key }?.id ?? key
    }

    /// Builds and checks the profile: every field present and valid, every checklist answer an allowed level.
    static func community(from file: ProfileFile, rubrics all: [Rubric]) throws -> Community {
        var problems: [String] = []
        // A checklist answers the items of the tables for the profile's level: a street table's item answered in
        // a community's profile would be stored and never scored.
        let level = file.community["level"].flatMap { Community.Level(rawValue: $0.text) } ?? .community
        let rubrics = all.filter { $0.level == level }
        var checklist: [String: Points] = [:]
        for (key, value) in file.checklist {
            // A clerk writes the item's name as the table prints it; the stable id is kept for older files.
            let item = itemId(key, rubrics: rubrics)
            guard case .number(let n) = value, let points = Points(text: n) else {
                problems.append("[checklist] \(item) 应为0到\(Points.maxWholeFromText)之间的分数（最多两位小数），现为“\(value.text)”")
                continue
            }
            checklist[item] = points
        }
        problems += Rubric.checklistProblems(checklist, rubrics: rubrics, scope: "\(level.rawValue)评分表")
        let raw = file.community.mapValues(\.text)
        let validated = CommunityValidator.validate(raw, today: Day.today(), checklist: checklist)
        problems = validated.findings.errors.map { "[community] \($0.field)：\($0.message)" } + problems
        guard problems.isEmpty, let community = validated.value else {
            throw CLIFailure.data("社区档案有误：\n  " + problems.joined(separator: "\n  "))
        }
        return community
    }
}
