import ArgumentParser
import Foundation
import LedgerCore
import LedgerExchange
import LedgerStore

extension Register: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "survey", "摸底": self = .survey
        case "service", "服务": self = .service
        case "activity", "工作": self = .activity
        default: return nil
        }
    }
    public static var allValueStrings: [String] { ["survey", "service", "activity"] }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从CSV或Excel（.xlsx）文件导入台账（survey 摸底、service 服务、activity 工作）",
        discussion: """
        CSV文件可为UTF-8、带BOM的UTF-8或GB18030编码；Excel文件读取第一个工作表，行号与Excel中一致。
        表头可用中文列名或字段键，列的顺序不限。
        默认全部成功才写入：任何一行有错误，则不写入任何数据，并列出每个错误行（第N行 列名: 原因）。
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Argument(help: ArgumentHelp("台账：survey（摸底）、service（服务）或 activity（工作）", valueName: "台账"))
    var register: Register

    @Argument(help: ArgumentHelp("CSV或.xlsx文件", valueName: "文件"))
    var file: String

    @Flag(name: .long, help: "只导入正确的行，错误行及原因写入 --rejected 文件")
    var skipInvalid = false

    @Option(name: .long, help: ArgumentHelp("与 --skip-invalid 一起使用：被拒绝的行写入此文件（默认：原文件名.rejected.csv）", valueName: "文件"))
    var rejected: String?

    @Option(name: .long, help: ArgumentHelp("确认所有警告并记录此理由", valueName: "理由"))
    var acceptWarnings: String?

    func validate() throws {
        if rejected != nil && !skipInvalid { throw ValidationError("--rejected 只能与 --skip-invalid 一起使用") }
        if let reason = acceptWarnings, Normalize.optional(reason) == nil { throw ValidationError("--accept-warnings 的理由不能为空") }
    }

    func run() throws {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(file) } catch let f as FileBytes.Failure { throw CLIFailure.data(f.message) }
        let parsed: RegisterFile
        do { parsed = try RegisterFile.read(bytes: consume bytes, register: register) } catch let f as RegisterFile.Failure {
            throw CLIFailure.data("文件 \(file) 无法导入：\n  " + f.messages.joined(separator: "\n  "))
        }
        let database = try global.openDatabase(forBulkLoad: true)
        let community = try target.resolve(in: database)
        if !parsed.ignoredColumns.isEmpty {
            printError("提示：以下列不属于\(register.title)，已忽略：\(parsed.ignoredColumns.joined(separator: "、"))")
        }
        let mode: ImportMode = skipInvalid ? .skipInvalid : .allOrNothing
        let report: ImportReport
        do {
            switch register {
            case .survey: report = try database.importPersons(parsed.records, community: community.code, mode: mode, acceptWarningsReason: acceptWarnings, source: (file as NSString).lastPathComponent)
            case .service: report = try database.importServices(parsed.records, community: community.code, mode: mode, acceptWarningsReason: acceptWarnings, source: (file as NSString).lastPathComponent)
            case .activity: report = try database.importActivities(parsed.records, community: community.code, mode: mode, acceptWarningsReason: acceptWarnings, source: (file as NSString).lastPathComponent)
            }
        } catch let e as StoreError { throw CLIFailure.data(e.message) }

        for (line, findings) in report.warnings {
            for f in findings { printError("第\(line)行 \(register.header(of: f.field)): [\(f.severity.label)] \(f.message)") }
        }
        for (line, findings) in report.rejected {
            for f in findings where f.severity == .error { printError("第\(line)行 \(register.header(of: f.field)): \(f.message)") }
        }
        if report.rolledBack {
            throw CLIFailure.data("导入失败：\(report.rejected.count)行有错误，未写入任何数据（共\(parsed.recordCount)行）。可改正后重新导入，或用 --skip-invalid 只导入正确的行。")
        }
        if !report.rejected.isEmpty {
            let path = rejected ?? file + ".rejected.csv"
            try writeRejected(report.rejected, parsed: parsed, to: path)
            print("已导入\(report.imported)行到\(community.name)的\(register.title)；\(report.rejected.count)行被拒绝，已写入 \(path)")
            throw CLIFailure.data("有\(report.rejected.count)行未导入")
        }
        print("已导入\(report.imported)行到\(community.name)（\(community.code)）的\(register.title)（\(parsed.encoding == .xlsx ? "" : "编码：")\(parsed.encoding.rawValue)，警告\(report.warnings.reduce(0) { $0 + $1.findings.warnings.count })条）")
    }

    /// The rejected rows with a 错误原因 column, so the clerk can fix them and import that file again.
    func writeRejected(_ rows: [(line: Int, findings: [Finding])], parsed: RegisterFile, to path: String) throws {
        let lines = Set(rows.map(\.line))
        let byLine = Dictionary(parsed.records.filter { lines.contains($0.line) }.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        let writer = CSVWriter(register: register, mask: false)
        var text = writer.header.dropLast(2) + ",原始行号,错误原因\r\n"
        for (line, findings) in rows {
            let reasons = findings.filter { $0.severity == .error }.map { "\(register.header(of: $0.field)): \($0.message)" }.joined(separator: "；")
            text += writer.line(byLine[line]?.fields ?? [:]).dropLast(2) + ",\(line),\(CSVWriter.quote(reasons))\r\n"
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIFailure.data("无法写入被拒绝行文件 \(path)：\(error.localizedDescription)")
        }
    }
}

