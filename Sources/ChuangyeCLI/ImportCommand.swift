import ArgumentParser
import Foundation
import LedgerCore

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

struct ImportCommand: AsyncParsableCommand {
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

    @Option(name: .long, help: ArgumentHelp("与 --skip-invalid 一起使用：被拒绝的行写入此文件（默认：在原文件名后加 .rejected.csv，如 摸底.csv.rejected.csv；已存在时依次用 .rejected-2.csv 等新文件名）", valueName: "文件"))
    var rejected: String?

    @Option(name: .long, help: ArgumentHelp("确认所有警告并记录此理由", valueName: "理由"))
    var acceptWarnings: String?

    @Flag(name: .long, help: "与 --skip-invalid 一起使用：被拒绝行文件已存在时覆盖它（只覆盖普通文件）")
    var force = false

    func validate() throws {
        if force && !skipInvalid { throw ValidationError("--force 只能与 --skip-invalid 一起使用") }
        if rejected != nil && !skipInvalid { throw ValidationError("--rejected 只能与 --skip-invalid 一起使用") }
        if let reason = acceptWarnings, Normalize.optional(reason) == nil { throw ValidationError("--accept-warnings 的理由不能为空") }
        // Kept with every record it accepts: a sentence, as the app's reasons are.
        if let refusal = WrittenReason.refusal(acceptWarnings.flatMap(Normalize.optional), "--accept-warnings 的理由") {
            throw ValidationError(refusal)
        }
    }

    var request: ImportRequest {
        ImportRequest(session: global.session, community: target.community, register: register, file: file,
                      skipInvalid: skipInvalid, rejected: rejected, acceptWarnings: acceptWarnings, force: force)
    }

    func run() async throws { try await request.run() }
}
