import Foundation
import GRDB
import Testing
@testable import ChuangyeBenchKit
@testable import ChuangyeCLI
@testable import LedgerCore
@testable import LedgerExchange
@testable import LedgerStore
@testable import LedgerTUI
import TerminalUI

/// Long variants run with CHUANGYE_LONG_TESTS=1.
let longTests = ProcessInfo.processInfo.environment["CHUANGYE_LONG_TESTS"] == "1"

/// A deterministic generator so a failure can be replayed.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 29)
    }
}

struct MonkeyTests {
    static let keys: [Key] = [.enter, .tab, .backTab, .backspace, .delete, .escape, .left, .right, .up, .down, .home, .end,
                              .pageUp, .pageDown, .function(1), .function(2), .function(3), .function(4), .control("s"),
                              .control("a"), .control("e"), .control("k"), .control("u"), .control("w"), .invalidInput]
    static let text = Array("张三李四王五0123456789Xx-/年月日是否有已创业大专城镇退役军人政策窗口 abcdefghijklmnopqrstuvwxyz、,\"·")

    @Test func randomKeysNeverBreakTheAppOrTheData() async throws {
        let database = try AppDatabase.inMemory(operatorName: "王芳", today: Day(year: 2024, month: 12, day: 31)!)
        try database.saveCommunity(Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区",
                                             labourForce: 100, period: Period.year(of: Day(year: 2024, month: 1, day: 1)!)))
        _ = try database.savePerson(["name": "张三", "id_number": "630102199003070116", "education": "大专", "hukou": "城镇",
                                     "phone": "13912345678", "categories": "其他", "status": "有创业意愿", "survey_date": "2024-03-15"],
                                    community: "630102001")
        let runner = EffectRunner(database: database)
        var state = AppState(width: 100, height: 30, operatorName: "王芳", today: Day(year: 2024, month: 12, day: 31)!,
                             rubrics: try Rubrics.all())
        let exports = FileManager.default.temporaryDirectory.appendingPathComponent("monkey-\(getpid())")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: exports) }
        state.documentsFolder = exports.path
        var pending: [Effect] = [.loadCommunities]
        var random = Seeded(state: 20241231)
        let count = longTests ? 100_000 : 15_000
        for step in 0..<count {
            await runner.settle(&pending, state: &state)
            if !state.running {
                // Quitting is a legal outcome: start again, as a clerk would.
                state.running = true
                state.screen = .home
            }
            let roll = Int.random(in: 0..<100, using: &random)
            let action: Action
            switch roll {
            case 0: action = .resized(width: Int.random(in: 20...160, using: &random), height: Int.random(in: 5...60, using: &random))
            case 1 where step % 500 == 1: action = .pasted(String(repeating: "创业服务，", count: 20_000)) // 100 KB
            case 2...30: action = .keyPressed(Self.keys.randomElement(using: &random) ?? .tab)
            case 31...35: action = .keyPressed(.character(["1", "2", "3", "4", "5", "6", "q", "y", "n", "d", "h", "u", "/", "x", "p"].randomElement(using: &random) ?? "1"))
            default: action = .keyPressed(.character(Self.text.randomElement(using: &random) ?? "a"))
            }
            // Random typing can make any file name; exports stay in a folder the test owns.
            pending += reduce(&state, action).map { effect in
                guard case .exportWorkbook(let kind, let community, let path, let overwrite, _) = effect else { return effect }
                let name = path.split(separator: "/").last.map(String.init) ?? "x.xlsx"
                return .exportWorkbook(kind, community: community, path: exports.path + "/" + name, overwrite: overwrite)
            }
            let frame = render(state)
            // Invariants: every row is exactly the terminal width; no wide glyph is split; the cursor is on screen.
            for line in frame.lines { #expect(DisplayWidth.of(line) == state.width, "step \(step): [\(line)]") }
            if let cursor = frame.cursor { #expect(cursor.x >= 0 && cursor.x <= state.width && cursor.y >= 0 && cursor.y < state.height) }
            if step % 2000 == 0 {
                var kept = try database.scoreFacts(community: "630102001")
                kept[.labourForce] = 0
                #expect(kept == (try database.scannedFacts(community: "630102001")), "totals drifted at step \(step)")
            }
        }
        #expect(try database.integrityCheck() == "ok")
    }
}

struct MutatedCSVTests {
    static let base = """
    姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期,经营主体名称,主体类型,营业执照登记日期,带动就业人数
    张三,630102199003070116,大专,城镇,13912345678,登记失业人员,有创业意愿,2024-03-15,,,,0
    李四,63010219880412022X,本科,农村,0971-6123456,返乡入乡创业人员、退役军人,已创业,2024/3/1,"李四餐馆,城东店",个体工商户,20230601,4
    王梅,630102197506150047,高中,城镇,+8613800001111,其他,有创业意愿,20240401,,,,0
    赵敏,630102200002290139,中专,农村,13700001234,残疾人,有创业意愿,2024年5月6日,,,,0

    """

    static func mutate(_ data: [UInt8], _ random: inout Seeded) -> [UInt8] {
        var bytes = data
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let i = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0: bytes.remove(at: i)
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: i)
            case 2: bytes[i] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), 0xFF, 0xE5][Int.random(in: 0..<5, using: &random)]
            case 3: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...40, using: &random)))
            case 4: bytes = Array(bytes[..<i]) // truncated file
            case 5: if let nl = bytes[i...].firstIndex(of: 10) { bytes.insert(contentsOf: bytes[..<nl].suffix(60), at: nl) }
            case 6: bytes.insert(contentsOf: Array("9".utf8), at: i)
            default: bytes.swapAt(i, Int.random(in: 0..<bytes.count, using: &random))
            }
        }
        return bytes
    }

    @Test func everyMutatedFileIsImportedWholeOrRejectedWhole() throws {
        var random = Seeded(state: 7)
        let original = Array(Self.base.utf8)
        var database = try AppDatabase.inMemory(operatorName: "王芳", today: Day(year: 2024, month: 12, day: 31)!)
        func freshCommunity() throws {
            database = try AppDatabase.inMemory(operatorName: "王芳", today: Day(year: 2024, month: 12, day: 31)!)
            try database.saveCommunity(Community(code: "630102001", name: "八一路社区", street: "八一路街道", district: "城东区",
                                                 labourForce: 100, period: Period.year(of: Day(year: 2024, month: 1, day: 1)!)))
        }
        var imported = 0, rejectedWhole = 0, unreadable = 0
        let files = longTests ? 5_000 : 1_500
        for n in 0..<files {
            if n % 50 == 0 { try freshCommunity() }
            let bytes = Self.mutate(original, &random)
            let before = try database.count(.survey, community: "630102001")
            let file: RegisterFile
            do { file = try RegisterFile.read(Data(bytes), register: .survey) } catch let failure as RegisterFile.Failure {
                #expect(!failure.messages.isEmpty && failure.messages.allSatisfy { !$0.isEmpty })
                unreadable += 1
                continue
            }
            let report = try database.importPersons(file.records, community: "630102001", mode: .allOrNothing)
            let after = try database.count(.survey, community: "630102001")
            if report.rolledBack {
                rejectedWhole += 1
                #expect(after == before, "file \(n) was partly written")
                #expect(report.rejected.allSatisfy { $0.line >= 2 && !$0.findings.errors.isEmpty })
            } else {
                imported += 1
                #expect(after == before + report.imported, "file \(n)")
                #expect(report.imported == Array(file.records).count)
            }
        }
        // The mutations must exercise all three outcomes, or the test proves little.
        #expect(imported > 0 && rejectedWhole > 0 && unreadable > 0)
        #expect(try database.integrityCheck() == "ok")
    }
}

struct KillTests {
    /// After the kills: the file is sound, every save reported as committed is there, and the kept totals equal a
    /// full scan.
    static func expectSavesKept(_ committed: [String], in path: String) throws {
        let database = try AppDatabase.open(path: path, operatorName: "检查")
        #expect(try database.integrityCheck() == "ok")
        let stored = Set(try database.page(.survey, community: "630102001", afterId: nil, limit: 100_000).compactMap { $0.fields["id_number"] })
        for id in committed { #expect(stored.contains(id), "committed save \(id) lost") }
        var kept = try database.scoreFacts(community: "630102001")
        kept[.labourForce] = 0
        #expect(kept == (try database.scannedFacts(community: "630102001")))
    }

    /// Saves through the real binary, each killed with SIGKILL at a random moment or allowed to finish.
    @Test func everySaveReportedCommittedSurvivesKill9() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        var random = Seeded(state: 99)
        var committed: [String] = []
        let saves = longTests ? 1_000 : 60
        for n in 0..<saves {
            let id = FaultDriveCommand.idNumber(n)
            let path = try cli.write("one-\(n).csv", "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期\n测试\(["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n % 10]),\(id),大专,城镇,13912345678,其他,有创业意愿,2024-03-15\n")
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["import", "survey", path, "--db", cli.db, "--operator", "王芳"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Bool.random(using: &random) {
                usleep(UInt32.random(in: 0...40_000, using: &random))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { committed.append(id) }
        }
        try Self.expectSavesKept(committed, in: cli.db)
        #expect(!committed.isEmpty && committed.count < saves) // both outcomes happened
    }

    /// Whole files of 2,000 rows imported through the real binary (a rollback journal: the import is alone with
    /// the database), killed at random moments: each file is then in the register whole or not at all, and the
    /// file is sound and back in WAL mode.
    @Test func aKilledImportLeavesItsFileWholeOrAbsent() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        var random = Seeded(state: 5)
        let rowsPerFile = 2_000
        var committed = 0, killed = 0
        let files = longTests ? 60 : 12
        for n in 0..<files {
            var csv = "姓名,公民身份号码,文化程度,户籍性质,联系电话,人员类别,创业状态,摸底日期\n"
            for row in 0..<rowsPerFile {
                csv += "测试\(["甲", "乙", "丙"][row % 3]),\(FaultDriveCommand.idNumber(n * rowsPerFile + row)),大专,城镇,13912345678,其他,有创业意愿,2024-03-15\n"
            }
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["import", "survey", try cli.write("big-\(n).csv", csv), "--db", cli.db, "--operator", "王芳"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if n % 4 != 3 {
                usleep(UInt32.random(in: 0...400_000, using: &random))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            process.waitUntilExit()
            // Counted by how the process ended: one signalled just as it finished has exited normally.
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            if process.terminationReason == .exit && process.terminationStatus == 0 { committed += 1 }
            // Whole or absent: every file adds all its rows or none. One killed after its commit has added them.
            let database = try AppDatabase.open(path: cli.db, operatorName: "检查")
            let count = try database.count(.survey, community: "630102001")
            #expect(count % rowsPerFile == 0 && count >= committed * rowsPerFile && count <= (committed + killed) * rowsPerFile, "file \(n)")
        }
        let database = try AppDatabase.open(path: cli.db, operatorName: "检查")
        #expect(try database.integrityCheck() == "ok")
        #expect(try database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(killed > 0 && committed > 0) // both outcomes happened
    }

    /// The same through the app core: keys typed into the survey form, F2, effects run against the store; the
    /// driver prints a line the moment the app reports a save, and is killed at random moments.
    @Test func everySaveTheAppReportsSurvivesKill9() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        var random = Seeded(state: 7)
        var committed: [String] = []
        var killed = 0
        let perRun = 4
        let runs = longTests ? 250 : 15
        for run in 0..<runs {
            let process = Process()
            process.executableURL = CLI.benchBinary
            process.arguments = ["fault-saves", "--count", String(perRun), "--first", String(run * perRun), "--db", cli.db, "--operator", "王芳"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Int.random(in: 0..<3, using: &random) > 0 {
                usleep(UInt32.random(in: 0...60_000, using: &random))
                if process.isRunning { kill(process.processIdentifier, SIGKILL); killed += 1 }
            }
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            committed += text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? String($0.dropFirst(10)) : nil }
        }
        try Self.expectSavesKept(committed, in: cli.db)
        #expect(!committed.isEmpty && killed > 0 && committed.count < runs * perRun) // both outcomes happened
    }
}
