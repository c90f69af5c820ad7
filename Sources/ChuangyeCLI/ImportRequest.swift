import Foundation
import LedgerCore
import LedgerExchange
import LedgerStore
import SafeFiles

/// One `import`: what the command line asked for, as plain values, and the import itself.
struct ImportRequest: Equatable {
    var session: GlobalOptions.Session
    var community: String?
    var register: Register
    var file: String
    var skipInvalid = false
    var rejected: String?
    var acceptWarnings: String?
    /// Replace an existing `--rejected` file (an ordinary one only: SafeFiles' rule).
    var force = false

    func run() async throws {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(file, limit: RegisterFile.maxFileBytes) } catch let f as FileBytes.Failure { throw CLIFailure.data(f.message) }
        let parsed: RegisterFile
        do { parsed = try RegisterFile.read(bytes: consume bytes, register: register) } catch let f as RegisterFile.Failure {
            throw CLIFailure.data("文件 \(file) 无法导入：\n  " + f.messages.joined(separator: "\n  "))
        }
        // The rejected-rows file is checked before anything is written, so a refused name stops the import early.
        let rejectedTarget = skipInvalid ? try rejectedOutput() : nil
        let database = try session.openDatabase(forBulkLoad: true)
        let target = try await CommunityOption.resolve(community, in: database)
        if !parsed.ignoredColumns.isEmpty {
            printError("提示：以下列不属于\(register.title)，已忽略：\(parsed.ignoredColumns.joined(separator: "、"))")
        }
        let mode: ImportMode = skipInvalid ? .skipInvalid : .allOrNothing
        let report: ImportReport
        do {
            report = try await database.importRows(register, parsed.records, community: target.code, mode: mode,
                                                   acceptWarningsReason: acceptWarnings, source: (file as NSString).lastPathComponent)
        } catch let e as StoreError { throw CLIFailure.data(e.message) }

        for (line, findings) in report.warnings {
            for f in findings { printError("第\(line)行 \(register.header(of: f.field)): [\(f.severity.label)] \(f.message)") }
        }
        for (line, findings) in report.rejected {
            for f in findings where f.severity == .error { printError("第\(line)行 \(register.header(of: f.field)): \(f.message)") }
        }
        if report.rolledBack {
            // Offering to import only the good rows makes sense only when there are some.
            let choice = report.rejected.count < parsed.recordCount ? "可改正后重新导入，或用 --skip-invalid 只导入正确的行。" : "没有一行可以导入，请改正后重新导入。"
            throw CLIFailure.data("导入失败：\(report.rejected.count)行有错误，未写入任何数据（共\(parsed.recordCount)行）。\(choice)")
        }
        if !report.rejected.isEmpty, let rejectedTarget {
            let path = rejectedTarget.path
            do { try writeRejected(report.rejected, parsed: parsed, to: rejectedTarget) } catch {
                // The good rows are in: say so before the failure.
                print("已导入\(report.imported)行到\(target.name)的\(register.title)")
                throw error
            }
            print("已导入\(report.imported)行到\(target.name)的\(register.title)；\(report.rejected.count)行被拒绝，已写入 \(path)")
            throw CLIFailure.data("有\(report.rejected.count)行未导入")
        }
        print("已导入\(report.imported)行到\(target.name)（\(target.code)）的\(register.title)（\(parsed.encoding == .xlsx ? "" : "编码：")\(parsed.encoding.rawValue)，警告\(report.warnings.reduce(0) { $0 + $1.findings.warnings.count })条）")
    }

    /// A CSV line without its `\r\n`: one `Character` in Swift, so `dropLast(2)` had also cut the row's last
    /// character (备注 lost its last character, or a quoted one its closing quote).
    static func withoutLineEnd(_ line: String) -> Substring {
        line.hasSuffix("\r\n") ? line.dropLast() : line[...]
    }

    /// The rejected rows with a 错误原因 column, so the clerk can fix them and import that file again.
    func writeRejected(_ rows: [(line: Int, findings: [Finding])], parsed: RegisterFile, to target: OutputTarget) throws {
        let lines = Set(rows.map(\.line))
        let byLine = Dictionary(parsed.records.filter { lines.contains($0.line) }.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        let writer = CSVWriter(register: register, mask: false)
        var text = Self.withoutLineEnd(writer.header) + ",原始行号,错误原因\r\n"
        for (line, findings) in rows {
            let reasons = findings.filter { $0.severity == .error }.map { "\(register.header(of: $0.field)): \($0.message)" }.joined(separator: "；")
            text += Self.withoutLineEnd(writer.line(byLine[line]?.fields ?? [:])) + ",\(line),\(CSVWriter.quote(reasons))\r\n"
        }
        // Full ID numbers and phones: created 0600 like the database, and never over another file (SafeFiles).
        do {
            let output = try NewFile(target)
            try output.write(String(text))
            try output.commit()
        } catch let refused as OutputRefused {
            throw CLIFailure.data("有\(rows.count)行未导入，但被拒绝行文件未能写入：\(refused.message)")
        }
    }

    /// Where the rejected rows go: `--rejected`, else a new name beside the imported file (FILE.rejected.csv, then
    /// FILE.rejected-2.csv, …), so a second import never replaces the list the clerk is still working through.
    func rejectedOutput() throws -> OutputTarget {
        let protected = FileIdentity.database(session.databasePath).union(FileIdentity(following: file).map { [$0] } ?? [])
        func target(_ path: String) -> OutputTarget {
            OutputTarget(path: path, overwrite: force, protected: protected,
                         protectedNames: FileIdentity.databaseNames(session.databasePath), what: "被拒绝行文件")
        }
        var chosen = target(rejected ?? file + ".rejected.csv")
        var n = 2
        while rejected == nil && !force && FileIdentity.exists(chosen.path) && n < 1000 {
            chosen = target(file + ".rejected-\(n).csv")
            n += 1
        }
        do { try chosen.check() } catch let refused as OutputRefused { throw CLIFailure.data("未导入：\(refused.message)") }
        return chosen
    }
}
