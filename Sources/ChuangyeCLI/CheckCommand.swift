import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查台账中每条记录的每个问题（有错误时退出码为1）")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Flag(name: .long, help: "以JSON格式输出")
    var json = false

    struct Problem: Encodable {
        let register: String, record: Int64, field: String, header: String, severity: String, code: String, message: String
        var acceptedReason: String?
    }

    func run() async throws {
        let database = try global.openDatabase()
        let community = try await target.resolve(in: database)
        let results: [CheckedRecord]
        var corrected = 0
        do {
            // The file first: imports skip the quick check on large databases (Integrity.swift), this does not.
            try await database.requireSound()
            // The kept counts are derived data: check, which re-validates everything anyway, brings them up to date
            // (so the score agrees with this list); on a database it cannot write, it only lists.
            if let recounted = try? await database.checkAndRecount(community: community.code) {
                (results, corrected) = recounted
            } else {
                results = try await database.checkAll(community: community.code)
            }
        } catch let e as StoreError { throw CLIFailure.data(e.message) }
        let problems = results.flatMap { r in
            r.findings.sorted { $0.severity < $1.severity }.map {
                Problem(register: r.register.rawValue, record: r.id, field: $0.field, header: r.register.header(of: $0.field),
                        severity: $0.severity.rawValue, code: $0.code, message: $0.message)
            }
        }
        let accepted = results.flatMap { r in
            r.accepted.map { f, reason in
                Problem(register: r.register.rawValue, record: r.id, field: f.field, header: r.register.header(of: f.field),
                        severity: "accepted", code: f.code, message: f.message, acceptedReason: reason)
            }
        }
        let errors = problems.filter { $0.severity == Severity.error.rawValue }.count
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] // stable output for scripts and diffs
            print(String(decoding: try encoder.encode(problems + accepted), as: UTF8.self))
        } else {
            for p in problems {
                let title = Register(rawValue: p.register)?.title ?? p.register
                let label = p.severity == Severity.error.rawValue ? "错误" : "警告"
                print("[\(label)] \(title) 第\(p.record)号 \(p.header): \(p.message)")
            }
            for p in accepted {
                let title = Register(rawValue: p.register)?.title ?? p.register
                print("[已确认] \(title) 第\(p.record)号 \(p.header): \(p.message)（理由：\(p.acceptedReason ?? "")）")
            }
            // The record counts are the score's (台账资料完备) and home's: one finding per line above, one record per figure.
            let records = RecordFindings.problemRecords(results)
            if corrected > 0 { print("已按本次检查更新\(corrected)条记录的问题计数或计分数据（评分随之更新）") }
            print("检查完毕：\(community.name)（\(community.code)） 错误\(errors)条，警告\(problems.count - errors)条，已确认的警告\(accepted.count)条；"
                  + "有错误的记录\(records.errors)条，有未确认警告的记录\(records.warnings)条")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
