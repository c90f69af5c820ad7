import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `chuangye evaluate …`: the evaluation procedure of seed 000 §四 at the command line.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "评选程序：社区自评、区县初评（改分、随机抽样核实）、签署锁定、推荐与市级考评、解锁",
        discussion: """
        社区窗口人员用 submit 提交自评（冻结每一评分项的得分和实测值，记录提交人、时间和台账校验码）；督导用 adjust 改分（须写理由）、\
        draw 随机抽样（按创业状态分层，种子可重现）、check 记录核实结果、sign 签署初评。签署后该社区的台账不能再修改，直到督导用 unlock 解锁（须写理由，记入修改记录）。
        督导签署后可用 recommend 推荐该社区参加市级考评；市级督导用 candidates 查看推荐名单，adjust、draw、check、sign 加 --city 做市级考评\
        （自评、初评、市级得分并列，抽样种子另行记录）。市级考评签署后台账保持锁定，只有市级督导可以解锁。
        show 查看自评、初评与市级考评，export 导出结果（.xlsx、.csv 或 .json，含市级考评）。
        """,
        subcommands: [EvaluateSubmit.self, EvaluateShow.self, EvaluateAdjust.self, EvaluateDraw.self, EvaluateCheck.self,
                      EvaluateSign.self, EvaluateRecommend.self, EvaluateCandidates.self, EvaluateUnlock.self, EvaluateExport.self])
}

/// What every `evaluate` subcommand opens: the ledger and its evaluation store, and the community.
struct EvaluationSession {
    let ledger: any LedgerStorage
    let store: any EvaluationStore
    let community: Community

    static func open(_ global: GlobalOptions, _ target: CommunityOption) async throws -> EvaluationSession {
        let ledger = try global.openDatabase()
        guard let store = ledger as? any EvaluationStore else {
            throw CLIFailure.data("当前数据库引擎不支持评选程序（自评、初评、抽样）")
        }
        return EvaluationSession(ledger: ledger, store: store, community: try await target.resolve(in: ledger))
    }

    /// Runs a store call, reporting its refusal as a data error (exit 1).
    func run<T>(_ body: (any EvaluationStore) async throws -> T) async throws -> T {
        do { return try await body(store) } catch let e as StoreError { throw CLIFailure.data(e.message) }
    }

    /// The city's review of the current submission (nil: not recommended to the city).
    func cityReview() async throws -> CityReview? {
        try await run { try await $0.cityReview(community: community.code) }
    }

    /// On a ledger with no operator registered the supervisor's steps are anyone's (roles are advisory until the
    /// first supervisor registers): a lock that "only a supervisor lifts" would mislead, so the step says so.
    func noSupervisorNotice() async throws -> String? {
        guard try await run({ _ in try await ledger.operators() }).isEmpty else { return nil }
        return "注意：本台账还没有登记督导，任何操作员都能解锁或重新签署。请督导本人在自己的系统账户下运行 chuangye user add 姓名 --supervisor 登记"
    }

    /// The current submission, or a data error saying there is none.
    func requireEvaluation() async throws -> Evaluation {
        guard let e = try await run({ try await $0.evaluation(community: community.code) }) else {
            throw CLIFailure.data("\(community.name)（\(community.code)）考核期 \(community.period) 尚未提交自评（chuangye evaluate submit）")
        }
        return e
    }
}

struct EvaluateSubmit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit", abstract: "提交社区自评（冻结当前评分）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Option(name: .long, help: ArgumentHelp("评分表编号或名称（默认按档案级别的评分表）", valueName: "评分表"))
    var rubric: String?
    @Flag(name: .long, help: "初评已开始时确认重新提交（督导；原初评、抽样和核实结果将被替代）") var confirm = false
    @Option(name: .long, help: ArgumentHelp("初评已开始时重新提交的理由（督导，必填，记入修改记录）", valueName: "理由")) var reason: String?

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let community = session.community
        // A supervisor starting the 初评 over sets its draw and findings aside: asked first, naming what goes (a
        // clerk is refused by the store whatever they add).
        if !confirm, let current = try await session.run({ try await $0.evaluation(community: community.code) }), current.reviewBegun,
           !current.isSigned, try await EvaluationEffects.role(session.ledger).takesDistrictSteps {
            throw CLIFailure.data("未提交：本期初评已经开始，重新提交将替代第\(current.id)份自评及其初评（\(ReplacedSubmission(current).summary)），"
                                  + "新的自评须重新初评和抽样；原结果保留在修改记录中，并在 evaluate show 中注明。确认重新提交，请加 --confirm --reason <理由>")
        }
        let chosen = try CommunityScore.rubric(rubric ?? Rubrics.defaultId(for: community.level), among: try Rubrics.all())
        let facts = try await CommunityScore.facts(community, in: session.ledger)
        let card = ScoreEngine.evaluate(chosen, facts: facts, checklist: community.checklist)
        let e = try await session.run { try await $0.submitSelfAssessment(community: community.code, card: card, reason: reason) }
        print("已提交\(community.name)（\(community.code)）考核期 \(e.period) 的自评：自评总分 \(e.selfTotal)/\(e.maxTotal)（\(e.rubricTitle)），\(e.items.count)项，台账校验码 \(e.checksum)")
    }
}

struct EvaluateShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "查看自评、初评、市级考评、抽样核实和锁定状态")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Flag(name: .long, help: "以JSON格式输出（身份证号遮盖）") var json = false

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let e = try await session.requireEvaluation()
        let city = try await session.cityReview()
        print(json ? try EvaluationJSON.render(e, city: city, community: session.community, mask: true)
                   : EvaluationText.render(e, city: city, community: session.community))
    }
}
