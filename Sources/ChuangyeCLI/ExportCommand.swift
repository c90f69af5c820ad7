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

    @Flag(name: .long, help: "遮盖身份证号和电话号码（如 630102********1234），备注、地址等文字中的号码也遮盖")
    var mask = false

    func run() throws {
        let database = try global.openDatabase()
        let community = try target.resolve(in: database)
        let temporary = file + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIFailure.data("无法创建文件 \(file)")
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
            if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
            try FileManager.default.moveItem(atPath: temporary, toPath: file)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIFailure.data("导出失败：\((error as? StoreError)?.message ?? error.localizedDescription)")
        }
        print("已导出\(count)条\(register.title)记录到 \(file)\(mask ? "（已遮盖身份证号和电话）" : "")")
    }
}
