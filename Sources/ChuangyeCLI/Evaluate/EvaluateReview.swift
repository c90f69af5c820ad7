import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--city`: the step is the city supervisor's 市级考评 of a recommended community, not the district's 初评.
struct StageOption: ParsableArguments {
    @Flag(name: .long, help: "市级考评（市级督导，对区县推荐的社区）；不加为区县初评") var city = false

    var stage: EvaluationStage { city ? .city : .district }
}

struct EvaluateAdjust: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjust", abstract: "初评或市级考评：为一个评分项给出不同的分数（须写理由，只能是该项可能得到的分数）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @OptionGroup var stageOption: StageOption
    @Argument(help: ArgumentHelp("评分项名称（chuangye evaluate show 列出，如 建立摸底台账）", valueName: "评分项")) var item: String
    @Argument(help: ArgumentHelp("分数（如 1 或 1.5，须是该项可能得到的分数）；与上一级相同则取消差异", valueName: "分数")) var points: String
    @Option(name: .long, help: ArgumentHelp("改分理由（必填）", valueName: "理由")) var reason: String

    func validate() throws {
        if Points(text: points) == nil { throw ValidationError("分数应为不超过两位小数的非负数，如 1 或 1.5，而不是“\(points)”") }
        if Normalize.optional(reason) == nil { throw ValidationError("改分必须填写理由（--reason）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let value = Points(text: points) ?? .zero
        let stage = stageOption.stage
        // The programme's own text writes 台帐 where the rubric's titles write 台账: either names the item.
        let named = item.replacingOccurrences(of: "帐", with: "账")
        let e = try await session.run {
            try await $0.adjust(community: session.community.code, item: named, points: value, reason: reason, stage: stage)
        }
        let changed = e.items.first { $0.id == named || $0.title == named }
        let base = stage == .district ? "自评" : "初评"
        print("已记录\(stage.title)：\(changed?.title ?? item) \(value)分（\(base) \(changed?.points ?? .zero)分）。\(stage.title)总分 \(e.evaluatedTotal)/\(e.maxTotal)，\(base)总分 \(e.selfTotal)")
    }
}

struct EvaluateDraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw", abstract: "随机抽样：按创业状态分层抽取人员，另可按服务类型分层单独抽取服务（督导；--city 市级督导）",
        discussion: "同一种子、同一台账抽出同一名单（人员和服务都由这一个种子决定）；种子记入数据库并显示，可向社区出示。初评和市级考评各只抽一次。")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @OptionGroup var stageOption: StageOption
    @Argument(help: ArgumentHelp("抽取人数（0–\(SpotCheckSample.largestSize)；每人同时抽查其一次服务）", valueName: "人数")) var size: Int
    @Option(name: .long, help: ArgumentHelp("另外单独抽取的服务数（按服务类型分层，默认0）", valueName: "服务数")) var services: Int = 0
    @Option(name: .long, help: ArgumentHelp("随机种子（非负整数；默认随机生成）", valueName: "种子")) var seed: UInt64?
    @Flag(name: .long, help: "以JSON格式输出（身份证号遮盖）") var json = false

    func validate() throws {
        let range = 0...SpotCheckSample.largestSize
        if !range.contains(size) { throw ValidationError("抽取人数应在0到\(SpotCheckSample.largestSize)之间") }
        if !range.contains(services) { throw ValidationError("单独抽取的服务数应在0到\(SpotCheckSample.largestSize)之间") }
        if size + services == 0 { throw ValidationError("抽取人数和服务数不能都是0") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        // Nine digits at most: easy to read out and to type again.
        let chosen = seed ?? UInt64.random(in: 1...999_999_999)
        let stage = stageOption.stage
        let e = try await session.run {
            try await $0.drawSpotChecks(community: session.community.code, size: size, services: services, seed: chosen, stage: stage)
        }
        if json { return print(try EvaluationJSON.render(e, community: session.community, mask: true)) }
        print(EvaluationText.sample(e.sample, stage: stage, signed: e.isSigned).joined(separator: "\n"))
    }
}

struct EvaluateCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "记录抽样名单中一条的核实结果（督导；--city 市级督导）")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: CommunityOption
    @OptionGroup var stageOption: StageOption
    @Argument(help: ArgumentHelp("抽样名单中的序号", valueName: "序号")) var position: Int
    @Argument(help: ArgumentHelp("核实结果：属实、不属实或联系不上", valueName: "结果")) var result: String
    @Option(name: .long, help: ArgumentHelp("说明（不属实时必填，社区将看到）", valueName: "说明")) var note: String = ""
    @Flag(name: .long, help: "替换已记录的另一个核实结果（不加时拒绝，以免误改他人已记录的结果）") var replace = false

    func validate() throws {
        guard let found = SpotCheckResult(text: result) else { throw ValidationError("核实结果应为 属实、不属实 或 联系不上，而不是“\(result)”") }
        if found == .untrue && Normalize.optional(note) == nil { throw ValidationError("核实结果为不属实时必须填写说明（--note）") }
    }

    func run() async throws {
        let session = try await EvaluationSession.open(global, target)
        let found = SpotCheckResult(text: result) ?? .confirmed
        let stage = stageOption.stage
        // A different result already recorded is replaced only when asked, as the app's dialog shows it first: a
        // slipped number must not erase a 不属实 finding the community was told.
        if !replace {
            let shown = stage == .district ? try await session.run { try await $0.evaluation(community: session.community.code) }
                                           : try await session.cityReview()?.city
            if let earlier = shown?.sample?.checks.first(where: { $0.position == position }), let recorded = earlier.result, recorded != found {
                let by = [earlier.checkedBy, earlier.checkedAt.map { TimeText.shown($0) }].compactMap { $0 }.joined(separator: " ")
                throw CLIFailure.data("第\(position)号已记录为“\(recorded.rawValue)”\(by.isEmpty ? "" : "（\(by)）")，未改动；确要改为“\(found.rawValue)”，请加 --replace")
            }
        }
        let e = try await session.run {
            try await $0.recordSpotCheck(community: session.community.code, position: position, result: found, note: note, stage: stage)
        }
        let checked = e.sample?.checks.first { $0.position == position }
        let what = checked.map { $0.forService ? "\($0.name)的\($0.service?.text ?? "服务")" : $0.name } ?? ""
        print("已记录\(stage == .city ? "市级抽查" : "")第\(position)号 \(what)：\(found.rawValue)")
        if let progress = EvaluationText.progress(e.sample) { print(progress) }
    }
}
