import Foundation
import SafeFiles
import Testing

/// Issue 18, end to end: no command destroys a file it did not create, operators are managed by supervisors only,
/// and every message is Chinese and says what to do.
struct FileSafetyTests {
    /// A ledger with the three test persons.
    func ledger() throws -> CLI {
        let cli = try CLI()
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        try cli.run("import", "survey", cli.write("s.csv", surveyCSV))
        return cli
    }

    /// The message has no English in it once the named paths and option names are taken out.
    func chineseOnly(_ text: String, paths: [String]) -> Bool {
        var rest = text
        for p in paths.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: p, with: "") }
        for word in ["--force", "--db", "chuangye", "backup", ".csv"] { rest = rest.replacingOccurrences(of: word, with: "") }
        return !rest.isEmpty && !rest.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
    }

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    @Test func exportNeverReplacesADirectory() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        let folder = cli.dir.appendingPathComponent("d").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = try cli.write("d/keep.txt", "重要")
        for target in [folder, folder + "/"] {
            let refused = try cli.run("export", "survey", target, "--force")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("是一个目录") || refused.stderr.contains("是目录"))
            #expect(chineseOnly(refused.stderr, paths: [folder]))
            #expect(isDirectory(folder))
            #expect(try String(contentsOfFile: folder + "/keep.txt", encoding: .utf8) == "重要")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    /// The format follows the extension: a name that is neither .csv nor .xlsx is refused, and nothing is written.
    @Test func anExportNamedNeitherCSVNorXLSXIsRefused() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        for name in ["x.txt", "x", "x.csv.bak"] {
            let refused = try cli.run("export", "survey", cli.dir.appendingPathComponent(name).path)
            #expect(refused.status == 2 && refused.stderr.contains("须以 .csv 或 .xlsx 结尾"), "\(name): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.dir.appendingPathComponent(name).path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir.path).filter { $0.hasSuffix(".partial") || $0.hasPrefix(".") }.isEmpty)
        #expect(try cli.run("export", "survey", cli.dir.appendingPathComponent("X.CSV").path).status == 0)
    }

    @Test func exportAndRejectedRowsNeverReplaceTheDatabaseADeviceOrASymlinkTarget() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        // Opening sets WAL mode (the header changes), so the database is compared by what it holds.
        let before = try cli.run("score", "--json").stdout
        // The database by its name, by another name (a hard link: same inode) and through a symlink.
        let alias = cli.dir.appendingPathComponent("alias.csv").path
        #expect(link(cli.db, alias) == 0)
        let symlink = cli.dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: cli.db)
        for target in [cli.db, alias, symlink] {
            for force in [false, true] {
                let refused = force ? try cli.run("export", "survey", target, "--force") : try cli.run("export", "survey", target)
                #expect(refused.status == 1)
                #expect(chineseOnly(refused.stderr, paths: [target]))
            }
        }
        #expect(try cli.run("export", "survey", alias, "--force").stderr.contains("正在使用的台账数据库文件"))
        // Its journal's name, though no journal exists now: SQLite would take such a file for one to roll back.
        let journal = try cli.run("export", "survey", cli.db + "-journal")
        #expect(journal.status == 1 && journal.stderr.contains("自用的文件名"))
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-journal"))
        let bad = try cli.write("bad.csv", surveyCSV.replacingOccurrences(of: "630102199003070116", with: "123"))
        let rejected = try cli.run("import", "survey", bad, "--skip-invalid", "--rejected", cli.db, "--force")
        #expect(rejected.status == 1 && rejected.stderr.contains("未导入") && rejected.stderr.contains("不能覆盖"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)).starts(with: Array("SQLite format 3\0".utf8)))
        let after = try cli.run("score", "--json").stdout
        #expect(!before.isEmpty && after == before)
        // A device stays a device.
        let device = try cli.run("export", "survey", "/dev/null", "--force")
        #expect(device.status == 1 && device.stderr.contains("不是普通文件"))
        #expect((try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType) == .typeCharacterSpecial)
        // Another SQLite file is not replaced either, even with --force.
        let backup = cli.dir.appendingPathComponent("copy.sqlite").path
        #expect(try cli.run("backup", backup).status == 0)
        let overBackup = try cli.run("export", "survey", backup, "--force")
        #expect(overBackup.status == 1 && overBackup.stderr.contains("数据库文件"))
    }

    @Test func anExistingExportIsReplacedOnlyWithForce() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        let out = try cli.write("out.csv", "旧内容")
        let refused = try cli.run("export", "survey", out)
        #expect(refused.status == 1 && refused.stderr.contains("已存在") && refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "旧内容")
        let replaced = try cli.run("export", "survey", out, "--force")
        #expect(replaced.status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("张三"))
        #expect(mode(out) == 0o600)
        // A file pointed to by a symlink is not written through it.
        let target = try cli.write("target.csv", "别人的文件")
        let symlink = cli.dir.appendingPathComponent("via.csv").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: target)
        #expect(try cli.run("export", "survey", symlink, "--force").stderr.contains("符号链接"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "别人的文件")
    }

    @Test func theRejectedRowsFileIsPrivateAndNeverReplaced() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        try cli.run("init", "--profile", cli.write("p.toml", profile))
        let bad = try cli.write("bad.csv", surveyCSV.replacingOccurrences(of: "630102199003070116", with: "123"))
        // Under umask 000 a plain create would make it 666.
        let umask = ["/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\""]
        let first = try cli.run(as: "王芳", prefix: umask, "import", "survey", bad, "--skip-invalid")
        #expect(first.status == 1 && first.stdout.contains("1行被拒绝"))
        #expect(mode(bad + ".rejected.csv") == 0o600)
        let firstList = try String(contentsOfFile: bad + ".rejected.csv", encoding: .utf8)
        // A second run writes a new file beside it; an explicit existing name needs --force.
        #expect(try cli.run("import", "survey", bad, "--skip-invalid").stdout.contains("bad.csv.rejected-2.csv"))
        #expect(try String(contentsOfFile: bad + ".rejected.csv", encoding: .utf8) == firstList)
        let named = try cli.run("import", "survey", bad, "--skip-invalid", "--rejected", bad + ".rejected.csv")
        #expect(named.status == 1 && named.stderr.contains("已存在"))
        #expect(try cli.run("import", "survey", bad, "--skip-invalid", "--rejected", bad + ".rejected.csv", "--force").stdout.contains("已写入"))
        #expect(mode(bad + ".rejected.csv") == 0o600)
    }

    @Test func onlySupervisorsManageOperatorsAndOperatorCannotClaimOne() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        let me = CLI.systemUser
        // The first operator must be a supervisor.
        let clerkFirst = try cli.run(as: me, "user", "add", "王芳", "--community", "630102001")
        #expect(clerkFirst.status == 1 && clerkFirst.stderr.contains("还没有登记督导"))
        // …and the account running the command: another name first would leave this account unable to manage anyone.
        let otherFirst = try cli.run(as: me, "user", "add", "张督导", "--supervisor")
        #expect(otherFirst.status == 1 && otherFirst.stderr.contains("第一位督导须是当前系统用户 \(me)")
                && otherFirst.stderr.contains("请先运行 chuangye user add \(me) --supervisor，再登记张督导"), "\(otherFirst.stderr)")
        #expect(try cli.run(as: me, "user", "list").stdout.hasPrefix("尚未登记操作员"))
        #expect(try cli.run(as: me, "user", "add", me, "--supervisor").status == 0)
        // The last supervisor stays.
        let last = try cli.run(as: me, "user", "remove", me)
        #expect(last.status == 1 && last.stderr.contains("唯一的督导"))
        #expect(try cli.run(as: me, "user", "add", "王芳", "--community", "630102001").status == 0)
        #expect(try cli.run(as: me, "user", "add", "督导员", "--supervisor").status == 0)
        // An unregistered operator cannot make himself supervisor; a clerk cannot remove anyone.
        let selfMade = try cli.run(as: "路人", "user", "add", "路人", "--supervisor")
        #expect(selfMade.status == 1 && selfMade.stderr.contains("只有督导"))
        let clerkRemoves = try cli.run("user", "remove", me)
        #expect(clerkRemoves.status == 1 && clerkRemoves.stderr.contains("只有督导"))
        // A system account registered as supervisor may act under another supervisor's name…
        #expect(try cli.run(as: "督导员", "user", "add", "李娜", "--community", "630102001").status == 0)
        // …but once it is not one, `--operator` may not claim a supervisor of another account.
        #expect(try cli.run(as: me, "user", "remove", me).status == 0)
        let claimed = try cli.run(as: "督导员", "user", "remove", "王芳")
        #expect(claimed.status == 1 && claimed.stderr.contains("只有以系统用户 督导员 登录时"))
        #expect(try cli.run("user", "list").stdout.contains("王芳\t窗口人员"))
    }

    /// An export shows numbers in full only to those who may change the community, as `find` and the screens do.
    @Test func anOperatorWhoMayOnlyReadExportsMaskedNumbers() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        let me = CLI.systemUser
        #expect(try cli.run(as: me, "user", "add", me, "--supervisor").status == 0)
        #expect(try cli.run(as: me, "user", "add", "王芳", "--community", "630102001").status == 0)
        for (who, masked) in [("王芳", false), (me, false), ("路人", true)] {
            let path = cli.dir.appendingPathComponent("\(who).csv").path
            let export = try cli.run(as: who, "export", "survey", path)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.contains("已遮盖身份证号和电话") == masked, "\(who): \(export.stdout)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("********") == masked, "\(who)")
        }
    }

    @Test func aReadOnlyDatabaseIsReadAndWritesSayWhy() throws {
        let cli = try ledger()
        defer { cli.cleanup() }
        // Root writes whatever the mode: drop to nobody for the children, who then own the file but not its rights.
        let asRoot = geteuid() == 0
        let prefix = asRoot ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        if asRoot {
            try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: cli.dir.path)
            try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: cli.db)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: cli.db)
        let score = try cli.run(as: "王芳", prefix: prefix, "score")
        #expect(score.status == 0 && score.stdout.contains("八一路社区"))
        let write = try cli.run(as: "王芳", prefix: prefix, "init", "--profile", cli.dir.appendingPathComponent("p.toml").path)
        #expect(write.status == 1)
        #expect(write.stderr.contains("没有写权限") && !write.stderr.contains("损坏"))
        // A writable file in a directory this user cannot write: SQLite cannot make its journal there.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: cli.dir.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.dir.path) }
        if asRoot || access(cli.dir.path, W_OK) != 0 {
            #expect(try cli.run(as: "王芳", prefix: prefix, "score").status == 0)
            let inDirectory = try cli.run(as: "王芳", prefix: prefix, "init", "--profile", cli.dir.appendingPathComponent("p.toml").path)
            #expect(inDirectory.status == 1 && inDirectory.stderr.contains("所在目录") && inDirectory.stderr.contains("没有写权限"))
        }
        // A colleague's ledger: neither the file nor its directory is this user's, and no -shm lies beside it
        // (SQLite cannot create one): it is still read, and an export goes elsewhere.
        if asRoot {
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.db + suffix) }
            try FileManager.default.setAttributes([.ownerAccountID: 0, .posixPermissions: 0o444], ofItemAtPath: cli.db)
            try FileManager.default.setAttributes([.ownerAccountID: 0], ofItemAtPath: cli.dir.path)
            let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("cy-ro-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
            defer { try? FileManager.default.removeItem(at: elsewhere) }
            let colleague = try cli.run(as: "王芳", prefix: prefix, "score")
            #expect(colleague.status == 0 && colleague.stdout.contains("八一路社区"), "\(colleague.stderr)")
            let export = try cli.run(as: "王芳", prefix: prefix, "export", "survey", elsewhere.appendingPathComponent("s.csv").path)
            #expect(export.status == 0, "\(export.stderr)")
            let write = try cli.run(as: "王芳", prefix: prefix, "init", "--profile", cli.dir.appendingPathComponent("p.toml").path)
            #expect(write.status == 1 && write.stderr.contains("没有写权限"))
            // Unreadable, it says so (not "no write permission", and not a usage error)
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: cli.db)
            let unreadable = try cli.run(as: "王芳", prefix: prefix, "score")
            #expect(unreadable.status == 1 && unreadable.stderr.contains("没有读取它的权限") && !unreadable.stderr.contains("用法"))
        }
    }
}

/// SafeFiles on its own: the checks `export`, rejected rows and `backup` rely on.
struct SafeFilesTests {
    @Test func aNewFileAppearsWholeWithMode0600AndNothingIsLeftBehind() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-safe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.csv").path
        let file = try NewFile(OutputTarget(path: path, protected: [], what: "导出文件"))
        try file.write("一行\r\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "一行\r\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.csv"])
        // A file that appears while another is written is not replaced.
        let racing = try NewFile(OutputTarget(path: dir.appendingPathComponent("b.csv").path, protected: [], what: "导出文件"))
        try "别人的".write(toFile: dir.appendingPathComponent("b.csv").path, atomically: false, encoding: .utf8)
        try racing.write("我的")
        #expect(throws: OutputRefused.self) { try racing.commit() }
        #expect(try String(contentsOfFile: dir.appendingPathComponent("b.csv").path, encoding: .utf8) == "别人的")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.csv", "b.csv"])
    }

    @Test func theDatabaseCompanionsAreProtectedByIdentity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cy-safe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("l.sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] { try "x".write(toFile: db + suffix, atomically: false, encoding: .utf8) }
        let protected = FileIdentity.database(db)
        #expect(protected.count == 4)
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let target = OutputTarget(path: db + suffix, overwrite: true, protected: protected, what: "导出文件")
            #expect { try target.check() } throws: { ($0 as? OutputRefused)?.message.contains("正在使用的台账数据库文件") == true }
        }
    }
}
