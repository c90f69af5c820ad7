import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import LedgerTUI

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "查看修改记录（新的在前）：谁在何时把哪个字段从什么改成了什么（含每次导入）")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Argument(help: ArgumentHelp("只看一条记录：台账（survey 摸底 / service 服务 / activity 工作）", valueName: "台账"))
    var register: Register?

    @Argument(help: ArgumentHelp("记录编号（与台账一起给出）", valueName: "编号"))
    var id: Int64?

    @Option(name: .long, help: ArgumentHelp("最多显示多少条", valueName: "条数"))
    var limit = 50

    @Flag(name: .long, help: "全部社区的修改记录，新的在前，每条注明社区（督导用；不能与 --community 或单条记录同用）")
    var all = false

    @Flag(name: .long, help: "以JSON格式输出")
    var json = false

    struct Line: Encodable {
        let community: String
        let at: String, operatorName: String, register: String, record: String, action: String
        let changes: [Change]
        struct Change: Encodable { let field: String, header: String, old: String?, new: String? }
    }

    func validate() throws {
        if (register == nil) != (id == nil) { throw ValidationError("查看一条记录时请同时给出台账和编号，如：chuangye history survey 12") }
        if limit < 1 { throw ValidationError("--limit 应为正整数") }
        if all && (register != nil || target.community != nil) {
            throw ValidationError("--all 列出全部社区的修改记录，不能与 --community 或单条记录同用")
        }
    }

    func run() async throws {
        let database = try global.openDatabase()
        // The district's history names no one community (profiles and rubrics are each entry's own).
        let community = all ? nil : try await target.resolve(in: database, or: "，或用 --all 查看全部社区")
        let entries: [AuditEntry]
        let writable: Set<String>?
        var names: [String: Community] = community.map { [$0.code: $0] } ?? [:]
        do {
            if let register, let id {
                guard try await database.open(RecordRef(register, id: id)) != nil else {
                    throw CLIFailure.data("\(register.title)中没有第\(id)号记录")
                }
                // Newest first, like the community's history below.
                entries = Array(try await database.history(of: RecordRef(register, id: id)).reversed().prefix(limit))
            } else {
                entries = try await database.recentHistory(community: community?.code, limit: limit)
            }
            writable = try await database.writableCommunities()
            if all { for c in try await database.communities() { names[c.code] = c } }
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        // Checklist items are named by the rubrics' titles, the community's own rubric first (the title its 评分表
        // prints: 创建工作方案, not another table's 工作方案); a missing rubric file only leaves the ids.
        let shipped = (try? Rubrics.all()) ?? []
        func rubrics(_ code: String) -> [Rubric] {
            let own = Rubrics.defaultId(for: names[code]?.level ?? .community)
            return shipped.filter { $0.id == own } + shipped.filter { $0.id != own }
        }
        // Sampled persons by name (and service), as far as this operator may know them (SampleDisclosure).
        var sampledIn: [String: SampledNames] = [:]
        for code in Set(entries.filter { $0.recordTable == "evaluation" }.map(\.communityCode)) {
            do { sampledIn[code] = try await SampledNames.of(code, in: database) } catch let e as StoreError { throw CLIFailure.data(e.message) }
        }
        let lines = entries.map { e in
            let sampled = sampledIn[e.communityCode] ?? SampledNames()
            let rubrics = rubrics(e.communityCode)
            let register = Register(table: e.recordTable) // nil: the community profile
            // Numbers as the app shows them to this operator: masked in a community they may not change (JSON too).
            let inFull = NumberPrivacy.showsInFull(e.communityCode, writable: writable)
            func shown(_ field: String, _ value: String?) -> String? {
                if e.recordTable == "evaluation", let named = sampled.value(field, value, evaluation: e.recordId) { return named }
                return inFull ? value : value.map { NumberPrivacy.masked(change: field, $0, ofRecord: register != nil) }
            }
            return Line(community: e.communityCode, at: e.at, operatorName: e.operatorName, register: register?.rawValue ?? e.recordTable, record: e.recordId, action: e.action,
                        changes: e.changes.map { .init(field: $0.field, header: AuditWording.field($0.field, register: register, rubrics: rubrics),
                                                       old: shown($0.field, $0.old), new: shown($0.field, $0.new)) })
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable output for scripts and diffs
            print(String(decoding: try encoder.encode(lines), as: UTF8.self))
            return
        }
        if lines.isEmpty { print(community.map { "\($0.name)（\($0.code)）还没有修改记录" } ?? "还没有修改记录") }
        for line in lines {
            let name = names[line.community]?.name ?? line.community
            if line.register == "operator" {
                // An operator registered, changed or removed (a supervisor's step, of no one community).
                print("\(TimeText.shown(line.at))  \(line.operatorName)  \(line.action == "delete" ? "删除" : "登记")  操作员 \(line.record)")
                for c in line.changes.sorted(by: { $0.field == "role" && $1.field != "role" }) where !(c.new ?? "").isEmpty {
                    print("    " + OperatorChangeWording.line(c.field, c.new))
                }
                continue
            }
            let what = Register(rawValue: line.register).map { "\($0.title) 第\(line.record)号" }
                ?? (line.register == "evaluation" ? "评选 第\(line.record)份" : "社区档案 \(name)")
            // District-wide, each entry names its community first.
            let whose = all && !line.register.isEmpty && line.register != "community" ? "\(name) " : ""
            print("\(TimeText.shown(line.at))  \(line.operatorName)  \(AuditWording.action(line.action))  \(whose)\(what)")
            for c in line.changes {
                print("    \(c.header)：\(AuditWording.change(field: c.field, old: c.old, new: c.new, register: Register(rawValue: line.register), rubrics: rubrics(line.community)))")
            }
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "把整个数据库备份到一个新文件（可在他人使用时进行，备份后自动校验）")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("备份文件路径（不能是已有文件）", valueName: "文件"))
    var file: String

    func run() async throws {
        let database = try global.openDatabase()
        do { try await database.backup(to: file) } catch let e as StoreError { throw CLIFailure.data(e.message) }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("已备份到 \(file)（\(size / 1024) KB，校验通过）。恢复时用 --db \(file) 打开，或把它复制为数据库文件。")
    }
}

/// How `history` words an operator's registration (`角色：窗口人员`, `可修改社区：630102001`).
enum OperatorChangeWording {
    static func line(_ field: String, _ value: String?) -> String {
        switch field {
        case "role": "角色：" + (value.flatMap(OperatorAccount.Role.init(rawValue:))?.title ?? value ?? "（空）")
        case "communities": "可修改社区：" + (value ?? "")
        default: "\(field)：\(value ?? "（空）")"
        }
    }
}
