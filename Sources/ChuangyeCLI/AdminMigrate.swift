import ArgumentParser
import Foundation
import LedgerCore
import LedgerPostgres
import LedgerStore

extension AdminCommand {
    /// Moves the communities of a SQLite ledger (one community's window, kept before the district had a server)
    /// into the district's PostgreSQL ledger, history included; running it again changes nothing.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate", abstract: "把社区的 SQLite 台账文件迁入区县数据库（含修改记录；重复运行不会重复迁入）",
            discussion: """
            每个社区在一个事务中迁入：全部记录（含已删除的及其理由）、已确认的警告及理由、导入记录和修改记录（保留原操作员和时间）。
            记录在区县数据库中重新编号；评分数据由区县数据库重新计算，并与原台账文件的得分核对。
            已迁入的社区再次运行时跳过；区县数据库中已有、但不是迁入的社区不合并，予以拒绝。
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("社区的台账文件（.sqlite）", valueName: "台账文件")) var file: String
        @Option(name: .long, help: ArgumentHelp("只迁入这些社区（可重复；默认：文件中的全部社区）", valueName: "代码")) var community: [String] = []

        func run() async throws {
            let location = try AdminCommand.location(global)
            guard FileManager.default.fileExists(atPath: file) else { throw CLIFailure.usage("台账文件不存在：\(file)") }
            try await AdminCommand.requireAdministrator(location, command: "migrate")
            let ledger: AppDatabase
            do { ledger = try AppDatabase.open(path: file, operatorName: location.user) } catch let e as StoreError {
                throw CLIFailure.data("无法打开台账文件 \(file)：\(e.message)")
            }
            let district = PostgresLedger(location: location, operatorName: location.user, migrating: true)
            let source = (file as NSString).lastPathComponent
            do {
                let all = try ledger.communities()
                if let unknown = community.first(where: { code in !all.contains { $0.code == code } }) {
                    throw CLIFailure.usage("台账文件中没有社区 \(unknown)（文件中有：\(all.map { "\($0.code) \($0.name)" }.joined(separator: "、"))）")
                }
                let chosen = community.isEmpty ? all : all.filter { community.contains($0.code) }
                if chosen.isEmpty { throw CLIFailure.data("台账文件 \(file) 中还没有社区，没有可迁入的内容") }
                var mismatched: [String] = []
                for c in chosen {
                    let dump = try ledger.dump(community: c.code)
                    let received = try await district.receive(dump, source: source)
                    switch received.outcome {
                    case .movedBefore(let from, let at):
                        print("社区 \(c.code) \(c.name)：已于 \(at) 从 \(from) 迁入，未再迁入")
                    case .moved(let persons, let services, let activities, let audit):
                        print("社区 \(c.code) \(c.name)：已迁入摸底台账 \(persons) 条、服务台账 \(services) 条、工作台账 \(activities) 条（含已删除），修改记录 \(audit) 条")
                    }
                    let before = try await CommunityScore.card(c, in: ledger), after = try await CommunityScore.card(c, in: district)
                    if before.card.total == after.card.total {
                        print("  得分核对一致：\(before.card.total) 分")
                    } else {
                        print("  得分不一致：台账文件 \(before.card.total) 分，区县数据库 \(after.card.total) 分")
                        for line in Self.differences(before, after) { print("    " + line) }
                        mismatched.append(c.code)
                    }
                    if dump.evaluations > 0 {
                        print("  注意：该社区的 \(dump.evaluations) 次自评及初评、抽查记录未迁入（评选记录不随台账迁移，请在区县数据库中重新提交自评），请保留原台账文件")
                    }
                }
                let clerks = try ledger.operators().filter { $0.role == .clerk && $0.communities.contains { code in chosen.contains { $0.code == code } } }
                if !clerks.isEmpty {
                    print("台账文件登记的窗口人员须在区县数据库另建登录：")
                    for clerk in clerks {
                        print("  chuangye admin add-clerk \(clerk.name) " + clerk.communities.map { "--community \($0)" }.joined(separator: " "))
                    }
                }
                // A file kept without operators names no clerk: the community still needs one to be kept here.
                let unstaffed = chosen.filter { c in !clerks.contains { $0.communities.contains(c.code) } }
                if !unstaffed.isEmpty {
                    print("台账文件没有登记以下社区的窗口人员，请为其建立登录（姓名换成窗口人员的）：")
                    for c in unstaffed { print("  chuangye admin add-clerk 姓名 --community \(c.code)    # \(c.name)") }
                }
                if !mismatched.isEmpty {
                    throw CLIFailure.data("社区 \(mismatched.joined(separator: "、")) 迁入后得分与台账文件不一致，请核对（数据已迁入，可用 chuangye score 对照）")
                }
            } catch let e as StoreError {
                throw CLIFailure.data(e.message)
            }
        }

        /// Where two scores of one community differ: each item, and the records with warnings when their number
        /// differs (in a district, the same ID number registered in another community warns: 此人已在…登记).
        static func differences(_ file: (card: ScoreCard, facts: ScoreFacts), _ district: (card: ScoreCard, facts: ScoreFacts)) -> [String] {
            let items = zip(file.card.items, district.card.items).compactMap { a, b in
                a.points == b.points ? nil : "\(a.title)：台账文件 \(a.points) 分，区县数据库 \(b.points) 分"
            }
            let warned = district.facts[.warningRecords] - file.facts[.warningRecords]
            return items + (warned > 0 ? ["区县数据库中多出 \(warned) 条有未确认警告的记录（如公民身份号码已在区县其他社区登记），可用 chuangye check 查看"] : [])
        }
    }
}
