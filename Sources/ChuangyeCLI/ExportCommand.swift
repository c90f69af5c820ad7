import ArgumentParser
import Foundation
import LedgerCore
import LedgerExchange
import LedgerStore
import SafeFiles

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "把台账导出为CSV（UTF-8带BOM，Excel可直接打开）或Excel打印格式（.xlsx），或导出自评评分表、汇总表")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Argument(help: ArgumentHelp("台账：survey（摸底）、service（服务）或 activity（工作）；score（自评评分表）、overview（汇总表）只能导出为.xlsx", valueName: "台账"))
    var subject: ExportSubject

    @Argument(help: ArgumentHelp("输出文件：.csv 或 .xlsx（按扩展名）", valueName: "文件"))
    var file: String

    @OptionGroup var workbook: WorkbookExportOptions

    @Flag(name: .long, help: "遮盖身份证号和电话号码（如 630102********1234），备注、地址等文字中的号码也遮盖")
    var mask = false

    @Flag(name: .long, help: "文件已存在时覆盖它（只覆盖普通文件；不会覆盖目录、设备、符号链接或数据库文件）")
    var force = false

    func run() async throws {
        guard let register = subject.register else {
            let output = WorkbookFile.target(file, overwrite: force, databasePath: global.databasePath)
            return try await WorkbookExport.run(subject, output: output, global: global, target: target, options: workbook)
        }
        let database = try global.openDatabase()
        let community = try await target.resolve(in: database)
        // Numbers in full only for those who may change the community, as `find` and the read-only screens show
        // them: a clerk of another community (or an unregistered operator) gets them masked.
        let inFull = try await NumberPrivacy.showsInFull(community.code, database: database)
        let mask = self.mask || !inFull
        let destination = WorkbookFile.target(file, overwrite: force, databasePath: global.databasePath)
        if file.lowercased().hasSuffix(".xlsx") {
            return try await WorkbookExport.register(register, output: destination, database: database, community: community, global: global, mask: mask)
        }
        let output: NewFile
        do { output = try NewFile(destination) } catch let refused as OutputRefused { throw CLIFailure.data(refused.message) }
        // The format follows the extension (checked once the target itself is known to be acceptable, whose refusal
        // says more): any other name would get CSV under a name that promises something else.
        guard file.lowercased().hasSuffix(".csv") else {
            output.discard()
            throw CLIFailure.usage("输出文件名须以 .csv 或 .xlsx 结尾（按扩展名决定导出格式）：\(file)")
        }
        let writer = CSVWriter(register: register, mask: mask)
        var buffer = writer.header
        var count = 0
        do {
            let batches = RecordBatches(register: register, community: community.code, database: database) { writer.line(SurveyApplicability.printable(register, $0)) }
            try await batches.forEach { lines in
                for line in lines { buffer += line }
                count += lines.count
                if buffer.utf8.count > 1 << 20 {
                    try output.write(buffer)
                    buffer = ""
                }
            }
            try output.write(buffer)
            // Put in place only when complete, so a failed export never leaves a truncated file.
            try output.commit()
        } catch let refused as OutputRefused {
            output.discard()
            throw CLIFailure.data("导出失败：\(refused.message)")
        } catch let error as StoreError {
            output.discard()
            throw CLIFailure.data("导出失败：\(error.message)")
        } catch {
            output.discard()
            throw CLIFailure.data("导出失败，未生成文件；请检查目标位置后重试")
        }
        print("已导出\(count)条\(register.title)记录到 \(file)\(mask ? "（已遮盖身份证号和电话）" : "")")
    }
}
