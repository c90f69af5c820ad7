import Foundation
import LedgerStore
import LedgerTUI
import Testing
@testable import ChuangyeCLI

/// The effect behind the app's `e` key: writes the workbook, but never over an existing file unconfirmed.
struct AppExportTests {
    @Test func exportsAndAsksBeforeReplacingAFile() async throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let database = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        let path = cli.dir.appendingPathComponent("摸底.xlsx").path

        let first = try await AppExport.run(.register(.survey), community: "630102001", path: path, overwrite: false, database: database, databasePath: cli.db)
        guard case .exported(let message, let file) = first else { Issue.record("\(first)"); return }
        #expect(message == "已导出3条创业摸底统计台账记录到 \(path)" && file == path)
        #expect(try WorkbookProbe.read(path).first?.text(0, 0) == "八一路社区创业摸底统计台账")

        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try await AppExport.run(.score, community: "630102001", path: path, overwrite: false, database: database, databasePath: cli.db)
        guard case .exportNeedsConfirmation(.score, let asked) = again else { Issue.record("\(again)"); return }
        #expect(asked == path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        let replaced = try await AppExport.run(.score, community: "630102001", path: path, overwrite: true, database: database, databasePath: cli.db)
        guard case .exported(let done, _) = replaced else { Issue.record("\(replaced)"); return }
        #expect(done.hasPrefix("已导出评分表（自评尚未提交，按现在的台账计算为"), "\(done)")
        #expect(try WorkbookProbe.read(path).first?.text(0, 0) == "西宁市创建创业型社区评分表")

        let folder = try await AppExport.run(.score, community: "630102001", path: cli.dir.path, overwrite: true, database: database, databasePath: cli.db)
        // Refused where it cannot be written, with the path as typed for the dialog to show again
        guard case .exportFailed(.score, let typed, let refusal) = folder else { Issue.record("\(folder)"); return }
        #expect(typed == cli.dir.path && refusal.contains("是一个文件夹"))
        let missing = cli.dir.appendingPathComponent("没有的目录/评分表.xlsx").path
        let nowhere = try await AppExport.run(.score, community: "630102001", path: missing, overwrite: false, database: database, databasePath: cli.db)
        guard case .exportFailed(.score, missing, let why) = nowhere else { Issue.record("\(nowhere)"); return }
        #expect(why.contains("不存在"), "\(why)")

        // Even confirmed, the open database is never replaced by a workbook.
        let ledger = try await AppExport.run(.score, community: "630102001", path: cli.db, overwrite: true, database: database, databasePath: cli.db)
        guard case .exportFailed = ledger else { Issue.record("\(ledger)"); return }
        #expect(try database.count(.survey, community: "630102001") == 3)
    }

    /// A name typed without an extension that names an existing folder puts the workbook in it (it had written
    /// `folder.xlsx` beside the folder); any other name gets .xlsx.
    @Test func aFolderTypedWithoutAnExtensionReceivesTheWorkbook() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("导出-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inside = dir.appendingPathComponent("八一路社区创业摸底统计台账-2024-12-31.xlsx").path
        #expect(AppExport.destination(dir.path + ".xlsx", intoFolder: inside) == inside)
        let newName = dir.appendingPathComponent("四月").path
        #expect(AppExport.destination(newName + ".xlsx", intoFolder: newName + "/台账.xlsx") == newName + ".xlsx")
        #expect(AppExport.destination(newName + ".xlsx", intoFolder: nil) == newName + ".xlsx")
    }

    /// A register's workbook reports its progress as it is written, ending at the whole.
    @Test func aRegisterReportsItsProgress() async throws {
        let cli = try RegisterWorkbookTests().filledLedger()
        defer { cli.cleanup() }
        let database = try AppDatabase.open(path: cli.db, operatorName: "王芳")
        let path = cli.dir.appendingPathComponent("进度.xlsx").path
        let seen = Fractions()
        let result = try await AppExport.run(.register(.survey), community: "630102001", path: path, overwrite: false, database: database,
                                       databasePath: cli.db, progress: { seen.values.append($0) })
        guard case .exported = result else { Issue.record("\(result)"); return }
        #expect(!seen.values.isEmpty)
        #expect(seen.values == seen.values.sorted())
        #expect(seen.values.last == 1)
    }
}

private final class Fractions: @unchecked Sendable { var values: [Double] = [] }

