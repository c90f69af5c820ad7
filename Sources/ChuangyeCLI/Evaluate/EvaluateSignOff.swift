import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct EvaluateSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "签署初评并锁定该社区台账（督导）；--city 签署市级考评（市级督导，锁定保持）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @OptionGroup var stageOption: StageOption
    @Flag(name: .long, help: "有抽查不属实的记录社区尚未更正、已核实的记录核实后又被修改或得分与现在的台账不同时，确认仍然签署")
    var confirm = false

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let stage = stageOption.stage
        // The screen asks before signing over uncorrected 不属实 findings (the lock keeps them as they are); a
        // command cannot ask, so it wants the answer on its line.
        let current = stage == .district ? try await session.run { try await $0.evaluation(community: session.community.code) }
                                         : try await session.cityReview()?.city
        // Signed already: the store's refusal says so and by whom; nothing here asks about signing again.
        if !confirm, let current, current.signature == nil, current.signOffRefusal(stage) == nil {
            var reasons: [String] = []
            if let open = current.sample?.uncorrected, open > 0 {
                reasons.append("有\(open)条抽查不属实的记录社区尚未更正，签署后锁定，将记为“签署时未更正”；可等社区更正后再签署")
            }
            if let rechecks = current.sample?.changedAfterCheck, !rechecks.isEmpty {
                reasons.append("有\(rechecks.count)条已核实的抽样记录核实后又被修改（\(rechecks.namedBriefly)），签署的是核实时的结论；"
                               + "可重新核实（chuangye evaluate check 序号 结果）")
            }
            // The registers corrected since the submission (a 不属实 record put right) may no longer give the score
            // about to be locked in: each such item is named.
            if stage == .district, current.changesSinceSubmission > 0 {
                let now = try await CommunityScore.card(session.community, rubric: current.rubricId, in: session.ledger).card
                let items = current.outdatedItems(now: now)
                if !items.isEmpty {
                    reasons.append("按现在的台账有\(items.count)项得分与初评不同（\(items.joined(separator: "；"))）；"
                                   + "可先改分（chuangye evaluate adjust 评分项 分数 --reason 理由）")
                }
            }
            if !reasons.isEmpty {
                throw CLIFailure.data("未签署：" + reasons.joined(separator: "。") + "。确认按现有初评签署，请加 --confirm")
            }
        }
        let e = try await session.run { try await $0.signOff(community: session.community.code, stage: stage) }
        let name = "\(session.community.name)（\(session.community.code)）"
        switch stage {
        case .district:
            print("已签署\(name)考核期 \(e.period) 的初评：初评总分 \(e.evaluatedTotal)/\(e.maxTotal)（自评 \(e.selfTotal)）。台账已锁定，修改须由督导解锁")
        case .city:
            print("已签署\(name)考核期 \(e.period) 的市级考评：市级总分 \(e.evaluatedTotal)/\(e.maxTotal)（初评 \(e.selfTotal)）。台账保持锁定，修改须由市级督导解锁")
        }
        if let notice = e.outdatedNotice { print("注意：\(notice)") }
        // Signed as they are (confirmed above): the community can no longer correct them.
        if let open = e.sample?.uncorrected, open > 0 { print("注意：\(open)条抽查不属实的记录签署时未更正") }
        if let notice = try await session.noSupervisorNotice() { print(notice) }
    }
}

struct EvaluateRecommend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recommend", abstract: "推荐已签署初评的社区参加市级考评（督导）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Flag(name: .long, help: "社区未达到评选入围条件时，确认仍然推荐")
    var confirm = false

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        // Allowed (the district decides), but asked first, as the screen's R asks: the candidates' rule, as
        // `plan --candidates` lists it. (No 初评 yet: the store's refusal says why.)
        var unmet: [String] = []
        if let current = try await session.run({ try await $0.evaluation(community: session.community.code) }) {
            let rubric = try CommunityScore.rubric(current.rubricId, among: try Rubrics.all())
            let facts = try await CommunityScore.facts(session.community, in: session.ledger)
            unmet = Candidates.unmet(session.community, facts: facts, rubric: rubric, today: session.ledger.today()).map(\.longText)
        }
        let conditions = unmet.map { "\n  · \($0)" }.joined()
        if !unmet.isEmpty, !confirm {
            throw CLIFailure.data("未推荐：\(session.community.name)未达到评选入围条件（chuangye plan --candidates）：\(conditions)\n确认仍然推荐，请加 --confirm")
        }
        let e = try await session.run { try await $0.recommendToCity(community: session.community.code) }
        print("已推荐\(session.community.name)（\(session.community.code)）参加市级考评：初评总分 \(e.evaluatedTotal)/\(e.maxTotal)")
        if !unmet.isEmpty { print("注意：\(session.community.name)未达到评选入围条件（chuangye plan --candidates）：\(conditions)") }
    }
}

struct EvaluateCandidates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "candidates", abstract: "列出区县推荐参加市级考评的社区（自评、初评、市级得分）")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let ledger = try global.openDatabase()
        guard let store = ledger as? any EvaluationStore else { throw CLIFailure.data("当前数据库引擎不支持评选程序（自评、初评、抽样）") }
        let candidates: [CityCandidate]
        do { candidates = try await store.cityCandidates() } catch let e as StoreError { throw CLIFailure.data(e.message) }
        print(EvaluationText.candidates(candidates).joined(separator: "\n"))
    }
}

struct EvaluateUnlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "解锁已签署的社区台账（督导；市级考评签署后须市级督导；须写理由）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @Option(name: .long, help: ArgumentHelp("解锁理由（必填，记入修改记录）", valueName: "理由")) var reason: String

    func validate() throws {
        if Normalize.optional(reason) == nil { throw ValidationError("解锁必须填写理由（--reason）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        try await session.run { try await $0.unlock(community: session.community.code, reason: reason) }
        print("已解锁\(session.community.name)（\(session.community.code)）的台账，理由：\(reason)")
        if let notice = try await session.noSupervisorNotice() { print(notice) }
    }
}
