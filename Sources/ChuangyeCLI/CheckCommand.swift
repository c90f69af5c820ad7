import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查台账中每条记录的每个问题（有错误时退出码为1）",
        discussion: "--all 逐个检查可查看的全部社区（督导用），最后一行为全区合计。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Flag(name: .long, help: "检查可查看的全部社区（不能与 --community 同用）")
    var all = false

    @Flag(name: .long, help: "以JSON格式输出")
    var json = false

    struct Problem: Encodable {
        let community: String
        let register: String, record: Int64, field: String, header: String, severity: String, code: String, message: String
        var acceptedReason: String?
    }

    /// One community's check: its problems, its accepted warnings and what the recount corrected.
    struct Checked {
        let community: Community
        let problems: [Problem]
        let accepted: [Problem]
        let corrected: Int
        let records: (errors: Int, warnings: Int)
        var errors: Int { problems.filter { $0.severity == Severity.error.rawValue }.count }
    }

    func run() async throws {
        if all && target.community != nil { throw CLIFailure.usage("--all 与 --community 不能同时使用：--all 检查全部社区") }
        let database = try global.openDatabase()
        let communities: [Community]
        do {
            // The file first: imports skip the quick check on large databases (Integrity.swift), this does not.
            try await database.requireSound()
            communities = all ? try await database.communities().filter { $0.level == .community } : [try await target.resolve(in: database, or: "，或用 --all 检查全部社区")]
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        if communities.isEmpty { throw CLIFailure.usage(CommunityOption.noCommunityYet) }
        var checked: [Checked] = []
        for community in communities {
            let one = try await check(community, in: database)
            checked.append(one)
            if !json { print(text(one).joined(separator: "\n")) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable output for scripts and diffs
            print(String(decoding: try encoder.encode(checked.flatMap { $0.problems + $0.accepted }), as: UTF8.self))
        } else if all {
            let errors = checked.reduce(0) { $0 + $1.errors }
            let warnings = checked.reduce(0) { $0 + $1.problems.count } - errors
            print("全部\(checked.count)个社区检查完毕：错误\(errors)条，警告\(warnings)条；有错误的社区\(checked.filter { $0.errors > 0 }.count)个")
        }
        if checked.contains(where: { $0.errors > 0 }) { throw ExitCode(1) }
    }

    func check(_ community: Community, in database: any LedgerStorage) async throws -> Checked {
        let results: [CheckedRecord]
        var corrected = 0
        do {
            // The kept counts are derived data: check, which re-validates everything anyway, brings them up to date
            // (so the score agrees with this list); on a database it cannot write, it only lists.
            if let recounted = try? await database.checkAndRecount(community: community.code) {
                (results, corrected) = recounted
            } else {
                results = try await database.checkAll(community: community.code)
            }
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        // The profile's labour force against the register (a rate over 100% is a typing error, not a score).
        let registered: Int
        do { registered = try await database.scoreFacts(community: community.code)[.registered] } catch let e as StoreError {
            throw CLIFailure.data(e.message)
        }
        let profile = LabourForceCheck.warnings(community.labourForce, .init(registered: registered, saved: nil)).map {
            Problem(community: community.code, register: "community", record: 0, field: $0.field, header: "城镇劳动者总数",
                    severity: $0.severity.rawValue, code: $0.code, message: $0.message)
        }
        let problems = profile + results.flatMap { r in
            r.findings.sorted { $0.severity < $1.severity }.map {
                Problem(community: community.code, register: r.register.rawValue, record: r.id, field: $0.field,
                        header: r.register.header(of: $0.field), severity: $0.severity.rawValue, code: $0.code, message: $0.message)
            }
        }
        let accepted = results.flatMap { r in
            r.accepted.map { f, reason in
                Problem(community: community.code, register: r.register.rawValue, record: r.id, field: f.field,
                        header: r.register.header(of: f.field), severity: "accepted", code: f.code, message: f.message, acceptedReason: reason)
            }
        }
        // The record counts are the score's (台账资料完备) and home's: one finding per line, one record per figure.
        return Checked(community: community, problems: problems, accepted: accepted, corrected: corrected,
                       records: RecordFindings.problemRecords(results))
    }

    /// The lines of one community: its problems, then its summary. With --all each problem names the community.
    func text(_ c: Checked) -> [String] {
        let prefix = all ? "\(c.community.name) " : ""
        // A register's record by its number; the profile (a labour-force warning) by name.
        func what(_ p: Problem) -> String { Register(rawValue: p.register).map { "\($0.title) 第\(p.record)号" } ?? "社区档案" }
        var lines = c.problems.map { p in
            "\(prefix)[\(p.severity == Severity.error.rawValue ? "错误" : "警告")] \(what(p)) \(p.header): \(p.message)"
        }
        lines += c.accepted.map { p in "\(prefix)[已确认] \(what(p)) \(p.header): \(p.message)（理由：\(p.acceptedReason ?? "")）" }
        if c.corrected > 0 { lines.append("\(prefix)已按本次检查更新\(c.corrected)条记录的问题计数或计分数据（评分随之更新）") }
        lines.append("检查完毕：\(c.community.name)（\(c.community.code)） 错误\(c.errors)条，警告\(c.problems.count - c.errors)条，已确认的警告\(c.accepted.count)条；"
                     + "有错误的记录\(c.records.errors)条，有未确认警告的记录\(c.records.warnings)条")
        return lines
    }
}
