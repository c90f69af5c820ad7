import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore
import LedgerWorkbook
import SafeFiles

struct EvaluateExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出初评结果：自评与初评（及市级考评）对照、差异及理由、抽样名单及核实结果（.xlsx、.csv 或 .json）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Argument(help: ArgumentHelp("输出文件：.xlsx（工作表：初评结果、抽样核实；有市级考评时另加市级考评、市级抽样核实）、.csv（UTF-8带BOM）或 .json（按扩展名）", valueName: "文件")) var file: String
    @Flag(name: .long, help: "遮盖身份证号（如 630102********1234）") var mask = false
    @Flag(name: .long, help: "文件已存在时覆盖它（只覆盖普通文件；不会覆盖目录、设备、符号链接或数据库文件）") var force = false

    var isJSON: Bool { file.lowercased().hasSuffix(".json") }
    var isWorkbook: Bool { file.lowercased().hasSuffix(".xlsx") }

    func validate() throws {
        if !isJSON && !isWorkbook && !file.lowercased().hasSuffix(".csv") {
            throw ValidationError("初评结果只能导出为 .xlsx、.csv 或 .json 文件")
        }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let e = try await session.requireEvaluation()
        let city = try await session.cityReview()
        // As every export: an operator who may not change the community gets the numbers masked (NumberPrivacy).
        let inFull = try await NumberPrivacy.showsInFull(session.community.code, database: session.ledger)
        let mask = mask || !inFull
        if isWorkbook {
            try await WorkbookFile.write(WorkbookFile.target(file, overwrite: force, databasePath: global.databasePath)) { temporary in
                do {
                    try EvaluationWorkbook.write(path: temporary, evaluation: e, city: city, community: session.community, mask: mask)
                } catch let failure as WorkbookError { throw CLIFailure.data("导出失败：\(failure.message)") }
            }
            print("已导出\(session.community.name)的初评结果到 \(file)\(mask ? "（已遮盖身份证号）" : "")")
            return
        }
        let text = isJSON ? try EvaluationJSON.render(e, city: city, community: session.community, mask: mask) + "\n"
                          : EvaluationCSV.render(e, city: city, community: session.community, mask: mask)
        let output: NewFile
        do {
            output = try NewFile(WorkbookFile.target(file, overwrite: force, databasePath: global.databasePath))
        } catch let refused as OutputRefused { throw CLIFailure.data(refused.message) }
        do {
            try output.write(text)
            try output.commit()
        } catch let refused as OutputRefused {
            output.discard()
            throw CLIFailure.data("导出失败：\(refused.message)")
        } catch {
            output.discard()
            throw CLIFailure.data("导出失败，未生成文件；请检查目标位置后重试")
        }
        print("已导出\(session.community.name)的初评结果到 \(file)\(mask ? "（已遮盖身份证号）" : "")")
    }
}
