import ArgumentParser
import Foundation
import LedgerCore
import LedgerExchange
import LedgerStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "把台账导出为CSV（UTF-8带BOM，Excel可直接打开）")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption

    @Argument(help: ArgumentHelp("台账：survey（摸底）、service（服务）或 activity（工作）", valueName: "台账"))
    var register: Register

    @Argument(help: ArgumentHelp("输出的CSV文件", valueName: "文件"))
    var file: String

    @Flag(name: .long, help: "遮盖身份证号和电话号码（如 630102********1234）")
    var mask = false

    @Flag(name: .long, help: "文件已存在时覆盖它")
    var overwrite = false

    /// Refuses a target that is a directory, a device, the database, or an existing file without --overwrite:
    /// the rename into place below would otherwise replace whatever the path names (a directory included).
    func checkTarget() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue { throw CLIFailure.usage("\(file) 是一个目录，请给出要写入的文件名（如 \(file)/摸底台账.csv）") }
        let type = (try? FileManager.default.attributesOfItem(atPath: file)[.type] as? FileAttributeType) ?? nil
        if type != .typeRegular { throw CLIFailure.usage("\(file) 不是普通文件，不能导出到这里") }
        let database = URL(fileURLWithPath: global.databasePath).standardizedFileURL.resolvingSymlinksInPath().path
        if URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path == database {
            throw CLIFailure.usage("\(file) 是数据库文件，不能导出到这里")
        }
        if !overwrite { throw CLIFailure.usage("文件 \(file) 已存在；确认要覆盖请加 --overwrite") }
    }

    func run() throws {
        try checkTarget()
        let database = try global.openDatabase()
        let community = try target.resolve(in: database)
        // A name of our own beside the target (same directory, so the rename is atomic), never an existing file.
        let temporary = file + ".\(UUID().uuidString).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIFailure.data("无法创建文件 \(file)：\(FileProblem.writeReason(nil, path: file))")
        }
        let writer = CSVWriter(register: register, mask: mask)
        var buffer = writer.header
        var count = 0
        do {
            try database.forEachRecord(register, community: community.code) { _, fields in
                buffer += writer.line(fields)
                count += 1
                if buffer.utf8.count > 1 << 20 {
                    try handle.write(contentsOf: Data(buffer.utf8))
                    buffer = ""
                }
            }
            try handle.write(contentsOf: Data(buffer.utf8))
            try handle.synchronize()
            try handle.close()
            // Renamed into place only when complete, so a failed export never leaves a truncated file.
            // rename(2) replaces an existing file (checked above: --overwrite) in one step.
            guard rename(temporary, file) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIFailure.data("导出失败：\((error as? StoreError)?.message ?? FileProblem.writeReason(error, path: file))")
        }
        print("已导出\(count)条\(register.title)记录到 \(file)\(mask ? "（已遮盖身份证号和电话）" : "")")
    }
}
