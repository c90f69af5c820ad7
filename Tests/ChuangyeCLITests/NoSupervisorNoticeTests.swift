import Foundation
import Testing

/// On a ledger where no supervisor registered, roles are advisory: signing and unlocking say that anyone can lift
/// the lock, instead of letting "修改须由督导解锁" stand alone.
struct NoSupervisorNoticeTests {
    /// A ledger with no operator registered, its 自评 submitted and a one-person sample checked 属实: ready to sign.
    static func readyToSign() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        #expect(try cli.run("import", "survey", cli.write("s.csv", surveyCSV)).status == 0)
        #expect(try cli.run("evaluate", "submit").status == 0)
        #expect(try cli.run("evaluate", "draw", "1", "--seed", "1").status == 0)
        #expect(try cli.run("evaluate", "check", "1", "属实").status == 0)
        return cli
    }

    static let notice = "注意：本台账还没有登记督导，任何操作员都能解锁或重新签署。请督导本人在自己的系统账户下运行 chuangye user add 姓名 --supervisor 登记"

    @Test func signAndUnlockSayNoSupervisorIsRegistered() throws {
        let cli = try Self.readyToSign()
        defer { cli.cleanup() }
        let signed = try cli.run("evaluate", "sign")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.split(separator: "\n").last.map(String.init) == Self.notice, "\(signed.stdout)")
        let unlocked = try cli.run("evaluate", "unlock", "--reason", "更正")
        #expect(unlocked.stdout.split(separator: "\n").last.map(String.init) == Self.notice, "\(unlocked.stdout)")
        // Once a supervisor is registered the notice is gone (the steps are then the supervisor's alone)
        #expect(try cli.run(as: CLI.systemUser, "user", "add", CLI.systemUser, "--supervisor").status == 0)
        #expect(try cli.run(as: CLI.systemUser, "evaluate", "sign").stdout.contains("注意：本台账还没有登记督导") == false)
    }
}

/// A service account (daemon) is nobody's name: it is not registered as a supervisor or a city supervisor by
/// another account.
struct SystemAccountSupervisorTests {
    @Test func serviceAccountsAreNotRegisteredAsSupervisors() throws {
        let cli = try CLI()
        defer { cli.cleanup() }
        #expect(try cli.run("init", "--profile", cli.write("p.toml", profile)).status == 0)
        let daemon = try cli.run("user", "add", "daemon", "--supervisor")
        #expect(daemon.status == 1)
        #expect(daemon.stderr == "daemon 是系统账户、不是个人，不能登记为督导。请督导以本人的系统账户登录，运行 chuangye user add 该账户名 --supervisor\n")
        #expect(try cli.run("user", "add", "nobody", "--city").status == 1)
        #expect(try cli.run("user", "list").stdout.contains("daemon") == false)
    }
}

/// Signing locks the 初评 in: where the registers, changed since the submission, no longer give an item's points,
/// the item is named and the sign-off waits for an adjustment or --confirm.
struct OutdatedScoreSignTests {
    @Test func anItemTheChangedRegistersNoLongerGiveIsNamedBeforeSigning() throws {
        let cli = try NoSupervisorNoticeTests.readyToSign()
        defer { cli.cleanup() }
        // The leading group is answered 0 now: the 自评 said 2
        let lowered = profile.replacingOccurrences(of: "leading_group = 2", with: "leading_group = 0")
        #expect(try cli.run("init", "--profile", cli.write("q.toml", lowered)).status == 0)
        let refused = try cli.run("evaluate", "sign")
        #expect(refused.status == 1)
        #expect(refused.stderr == "未签署：按现在的台账有1项得分与初评不同（成立创建工作领导小组：初评2分，按现在的台账0分）；"
                + "可先改分（chuangye evaluate adjust 评分项 分数 --reason 理由）。确认按现有初评签署，请加 --confirm\n")
        // Adjusted to what the registers give, nothing is left to confirm
        #expect(try cli.run("evaluate", "adjust", "成立创建工作领导小组", "0", "--reason", "领导小组未履职").status == 0)
        let signed = try cli.run("evaluate", "sign")
        #expect(signed.status == 0, "\(signed.stderr)")
    }
}
